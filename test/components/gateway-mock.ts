/**
 * The H5 client's one network dependency, mocked: `fetch` to the local gateway. Each reply is
 * the callFunction envelope `{ result }` the gateway sends; a fresh Taro shim per test.
 */
import { __test } from './taro-shim'

type Reply = { ok: boolean; status: number; json: () => Promise<unknown> }

export const ok = (data: unknown): Reply => ({ ok: true, status: 200, json: async () => ({ result: { ok: true, data } }) })
export const fail = (code: string, message: string): Reply => ({ ok: true, status: 200, json: async () => ({ result: { ok: false, code, message } }) })
/** The `{ action, params }` a call sent. */
export const bodyOf = (call: unknown[]) => JSON.parse((call[1] as { body: string }).body)

/** Installs a fresh fetch mock (and Taro shim state) before each test of the file. */
export function useGatewayMock(): jest.Mock {
  const fetchMock = jest.fn()
  beforeEach(() => {
    __test.reset()
    fetchMock.mockReset()
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  })
  return fetchMock
}
