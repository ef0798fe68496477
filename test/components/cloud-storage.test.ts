import { __test } from './taro-shim'
import { uploadToCloud, userUploadPath } from '@/services/cloud-storage'
import { localIdentity } from '@/services/identity'

const fetchMock = jest.fn()

beforeEach(() => {
  __test.reset()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

const blobReply = (blob: Blob) => ({ ok: true, status: 200, blob: async () => blob })
const jsonReply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body })

describe('uploadToCloud (h5)', () => {
  it('fetches the blob: URL and POSTs multipart to the gateway as the preview identity', async () => {
    localIdentity.set('local-citizen-2')
    const blob = new Blob(['%PDF 材料'], { type: 'application/pdf' })
    fetchMock.mockResolvedValueOnce(blobReply(blob)).mockResolvedValueOnce(jsonReply(200, { fileID: 'cloud://local-env.local/uploads/local-citizen-2/1-a.pdf' }))
    const r = await uploadToCloud('blob:http://localhost:8787/abc', 'uploads/local-citizen-2/1-a.pdf')
    expect(r).toEqual({ ok: true, fileID: 'cloud://local-env.local/uploads/local-citizen-2/1-a.pdf' })
    expect(fetchMock.mock.calls[0][0]).toBe('blob:http://localhost:8787/abc')
    const [url, init] = fetchMock.mock.calls[1]
    expect(url).toBe('/api/storage/upload')
    expect(init.method).toBe('POST')
    expect(init.headers).toEqual({ 'x-local-openid': 'local-citizen-2' })
    const form = init.body as FormData
    expect(form.get('cloudPath')).toBe('uploads/local-citizen-2/1-a.pdf')
    const file = form.get('file') as File
    expect(file.size).toBe(blob.size)
    expect(file.name).toBe('1-a.pdf')
  })

  it('passes the gateway’s failure envelope on (e.g. 403 for another user’s folder)', async () => {
    fetchMock.mockResolvedValueOnce(blobReply(new Blob(['x']))).mockResolvedValueOnce(
      jsonReply(403, { result: { ok: false, code: 'FORBIDDEN', message: '只能上传到 uploads/local-citizen/ 下' } }),
    )
    expect(await uploadToCloud('blob:x', 'uploads/other/a')).toEqual({ ok: false, code: 'FORBIDDEN', message: '只能上传到 uploads/local-citizen/ 下' })
  })

  it('refuses a file over 10 MB before sending it, and maps network errors to NETWORK', async () => {
    fetchMock.mockResolvedValueOnce(blobReply(new Blob([new Uint8Array(10 * 1024 * 1024 + 1)])))
    expect(await uploadToCloud('blob:big', 'uploads/u/a')).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await uploadToCloud('blob:gone', 'uploads/u/a')).toMatchObject({ ok: false, code: 'NETWORK' })
  })
})

describe('userUploadPath', () => {
  it('stays inside uploads/<openid>/ whatever the file name', () => {
    expect(userUploadPath('local-citizen', '身份证 正面.jpg', 5)).toBe('uploads/local-citizen/5-身份证 正面.jpg')
    expect(userUploadPath('o', '../../etc/passwd', 5)).toBe('uploads/o/5-passwd')
    expect(userUploadPath('o', 'C:\\Users\\a\\..\\b.pdf', 5)).toBe('uploads/o/5-b.pdf')
    expect(userUploadPath('o', '..', 5)).toBe('uploads/o/5-file')
    expect(userUploadPath('o', 'a\u0000b:c?.png', 5)).toBe('uploads/o/5-abc.png')
  })
})
