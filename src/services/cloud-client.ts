/**
 * The only door to the cloud functions. Pages call `callCloud` and get an envelope back; they
 * never touch Taro.cloud, wx.cloud or fetch, so the platform difference lives here alone:
 *   weapp → Taro.cloud.callFunction({ name, data: { action, params } })
 *   h5    → POST /api/functions/<name> with the same body, reply `{ result: envelope }`
 */
import Taro from '@tarojs/taro'
import type { ActionName, CallData, FunctionName, ParamsOf, ResultOf } from '@core/api'
import type { ErrorCode, Fail, Ok } from '@core/envelope'
import { localIdentity } from './identity'

/** A failure the server never sends: the request did not get a well-formed reply. */
export type ClientErrorCode = ErrorCode | 'NETWORK'
export type ClientFail = Omit<Fail, 'code'> & { code: ClientErrorCode }
export type ClientEnvelope<T> = Ok<T> | ClientFail

export const NETWORK_FAIL: ClientFail = Object.freeze({ ok: false, code: 'NETWORK', message: '网络异常，请稍后重试' })

/**
 * WeChat refuses callFunction `data` over ~100 KB before any function runs (wx.cloud.callFunction
 * rejects; the H5 gateway mirrors it with HTTP 413 and the same object). Nothing was sent, so
 * retrying cannot help: the person has to shorten what they typed or attached.
 */
export const TOO_LARGE_FAIL: ClientFail = Object.freeze({ ok: false, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大（超过 100 KB），请删减后再试' })
const TOO_LARGE_DETAIL = 'data exceed max size'

/** WeChat's refusal object (`{ errCode, errMsg }`), thrown by the SDK or sent as the gateway's 413 body. */
function isTooLarge(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false
  const errMsg = (x as { errMsg?: unknown }).errMsg
  return typeof errMsg === 'string' && errMsg.includes(TOO_LARGE_DETAIL)
}

/** Give up on the H5 gateway after this long, like callFunction's own timeout does on weapp. */
const HTTP_TIMEOUT_MS = 15000
/**
 * Functions whose config.json timeout is longer: the client waits a few seconds past it, so a
 * slow import is answered by the function (or its timeout), never abandoned by the page first.
 */
const FUNCTION_TIMEOUT_MS: Partial<Record<FunctionName, number>> = { matters: 25000, push: 65000, metrics: 65000 }

export function clientTimeoutMs(fn: FunctionName): number {
  return FUNCTION_TIMEOUT_MS[fn] ?? HTTP_TIMEOUT_MS
}

let cloudReady = false

/** Called once from app.ts; a no-op off weapp. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
  cloudReady = true
}

export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: ParamsOf<F, A>,
): Promise<ClientEnvelope<ResultOf<F, A>>> {
  const data: CallData<F, A> = { action, params }
  try {
    const reply = await transport(fn, data)
    return isEnvelope(reply) ? (reply as ClientEnvelope<ResultOf<F, A>>) : NETWORK_FAIL
  } catch (err) {
    return isTooLarge(err) ? TOO_LARGE_FAIL : NETWORK_FAIL
  }
}

/** What goes over the wire, whatever the function: `{ action, params }`. */
type Body = { action: string; params?: unknown }

async function viaWeChatCloud(name: string, data: Body): Promise<unknown> {
  initCloud()
  const res = await Taro.cloud.callFunction({ name, data: data as TaroGeneral.IAnyObject })
  return res.result
}

async function viaHttpGateway(name: string, data: Body): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  // The local gateway impersonates whoever the preview user picked; a remote gateway must
  // authenticate for itself, so the header is never sent there.
  if (LOCAL_CLOUD) headers['x-local-openid'] = localIdentity.get()

  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  const timer = controller ? setTimeout(() => controller.abort(), clientTimeoutMs(name as FunctionName)) : undefined
  try {
    const res = await fetch(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(data),
      signal: controller?.signal,
    })
    // Read the body whatever the status: a gateway may send a Fail envelope with a 4xx/5xx.
    const body: unknown = await res.json()
    // The 413 body is WeChat's own refusal object: throw it, as wx.cloud.callFunction rejects with it.
    if (isTooLarge(body)) throw body
    return body && typeof body === 'object' ? (body as { result?: unknown }).result : undefined
  } finally {
    if (timer) clearTimeout(timer)
  }
}

// Chosen once at module level so the build folds it and drops the other platform's code.
const transport = process.env.TARO_ENV === 'weapp' ? viaWeChatCloud : viaHttpGateway

function isEnvelope(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false
  const e = x as Record<string, unknown>
  if (e.ok === true) return 'data' in e
  return e.ok === false && typeof e.code === 'string' && typeof e.message === 'string'
}
