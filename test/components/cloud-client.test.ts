import { __test } from './taro-shim'
import { callCloud, NETWORK_FAIL } from '@/services/cloud-client'
import { localIdentity } from '@/services/identity'

const fetchMock = jest.fn()

beforeEach(() => {
  __test.reset()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

const reply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body })

describe('callCloud on h5 (local preview)', () => {
  it('POSTs { action, params } to the gateway as the chosen local identity', async () => {
    localIdentity.set('local-staff-psb')
    fetchMock.mockResolvedValue(reply(200, { result: { ok: true, data: { q: '护照', hits: [], suggestions: [] } } }))

    const res = await callCloud('matters', 'search', { q: '护照' })

    expect(res).toEqual({ ok: true, data: { q: '护照', hits: [], suggestions: [] } })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/functions/matters')
    expect(init.method).toBe('POST')
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-local-openid': 'local-staff-psb' })
    expect(JSON.parse(init.body)).toEqual({ action: 'search', params: { q: '护照' } })
  })

  it('defaults to the citizen identity', async () => {
    fetchMock.mockResolvedValue(reply(200, { result: { ok: true, data: {} } }))
    await callCloud('account', 'whoami', {})
    expect(fetchMock.mock.calls[0][1].headers['x-local-openid']).toBe('local-citizen')
  })

  it('passes a server Fail through, even with an error status', async () => {
    const fail = { ok: false, code: 'FORBIDDEN', message: '仅管理员可以管理工作人员' }
    fetchMock.mockResolvedValue(reply(403, { result: fail }))
    expect(await callCloud('account', 'listStaff', {})).toEqual(fail)
  })

  it('turns a network failure into a NETWORK fail envelope', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const res = await callCloud('matters', 'home', {})
    expect(res).toEqual({ ok: false, code: 'NETWORK', message: '网络异常，请稍后重试' })
    expect(res).toEqual(NETWORK_FAIL)
  })

  it('turns a reply that is not an envelope into NETWORK', async () => {
    fetchMock.mockResolvedValue(reply(502, { error: 'Bad Gateway' }))
    expect(await callCloud('matters', 'home', {})).toEqual(NETWORK_FAIL)

    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => { throw new SyntaxError('Unexpected token <') } })
    expect(await callCloud('matters', 'home', {})).toEqual(NETWORK_FAIL)

    fetchMock.mockResolvedValue(reply(200, { result: { ok: 'yes' } }))
    expect(await callCloud('matters', 'home', {})).toEqual(NETWORK_FAIL)
  })
})

describe('client timeouts', () => {
  it('wait longer than every function\'s config.json timeout', () => {
    const { clientTimeoutMs } = require('@/services/cloud-client') as typeof import('@/services/cloud-client')
    const fs = require('fs') as typeof import('fs')
    const path = require('path') as typeof import('path')
    const dir = path.join(__dirname, '../../cloudfunctions')
    const fns = fs.readdirSync(dir).filter((f) => fs.existsSync(path.join(dir, f, 'config.json')))
    expect(fns).toContain('matters')
    for (const fn of fns) {
      const { timeout } = JSON.parse(fs.readFileSync(path.join(dir, fn, 'config.json'), 'utf8')) as { timeout?: number }
      expect({ fn, ok: clientTimeoutMs(fn as never) >= (timeout ?? 3) * 1000 + 5000 }).toEqual({ fn, ok: true })
    }
  })
})

describe('a request over WeChat\'s ~100 KB callFunction limit', () => {
  const REFUSAL = { errCode: -1, errMsg: 'cloud.callFunction:fail data exceed max size' }
  const TOO_LARGE = { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大（超过 100 KB），请删减后再试' }

  it('on h5: the gateway\'s 413 refusal becomes a clear message, not 网络异常', async () => {
    fetchMock.mockResolvedValue(reply(413, REFUSAL))
    const res = await callCloud('consult', 'ask', { text: '长'.repeat(10) })
    expect(res).toEqual(TOO_LARGE)
    expect(res).not.toEqual(NETWORK_FAIL)
  })

  it('on weapp: the SDK\'s rejection becomes the same message; other rejections stay 网络异常', async () => {
    const previous = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      let weappClient!: typeof import('@/services/cloud-client')
      let taro!: typeof import('./taro-shim')
      jest.isolateModules(() => {
        taro = require('./taro-shim')
        weappClient = require('@/services/cloud-client')
      })
      const callFunction = taro.cloud.callFunction as jest.Mock
      callFunction.mockRejectedValueOnce(Object.assign(new Error(REFUSAL.errMsg), REFUSAL))
      expect(await weappClient.callCloud('consult', 'ask', { text: '长' })).toEqual(TOO_LARGE)

      callFunction.mockRejectedValueOnce({ errCode: -404011, errMsg: 'cloud.callFunction:fail requestID , cloud function execution error' })
      expect(await weappClient.callCloud('consult', 'ask', { text: '长' })).toEqual(NETWORK_FAIL)
      expect(fetchMock).not.toHaveBeenCalled()
    } finally {
      process.env.TARO_ENV = previous
    }
  })
})
