/**
 * The apply page (在线申办) in jsdom against a mocked gateway: a deep link to a matter that cannot
 * be applied for online shows no form; what the citizen types is saved as a draft by itself and
 * leaving with unsaved input asks first; a file that is not an image or PDF by its content (an
 * EXE renamed .png) or above 10 MB is refused the moment it is picked, before any upload.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { __test } from './taro-shim'
import Apply from '@/packages/affairs/pages/apply/index'
import { MaterialPicker } from '@/packages/affairs/components/material-picker'
import { materialIdOf } from '@core/matter/form'
import { storedMatter } from './matter-fixture'

const fetchMock = useGatewayMock()

const ONLINE = { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } as const
function matterFor(channels: Record<string, unknown>) {
  const m = storedMatter({ name: '居民身份证补领', channels: channels as never })
  return {
    ...m,
    materials: m.materials.map((x) => ({ ...x, id: materialIdOf(x.name) })),
    form: { fields: [{ key: 'name', label: '申请人姓名', type: 'text', required: true }] },
  }
}

/** Routes `callCloud` by action; `/api/storage/upload` and blob reads are recorded separately. */
function gateway(matter: unknown, blobs: Record<string, Blob> = {}) {
  fetchMock.mockImplementation(async (url: string, init?: { body?: string }) => {
    if (url in blobs) return { ok: true, status: 200, blob: async () => blobs[url] }
    if (url === '/api/storage/upload') return { ok: true, status: 200, json: async () => ({ fileID: 'cloud://test-env.local/uploads/local-citizen/x.png' }) }
    const { action } = JSON.parse(init?.body ?? '{}')
    if (action === 'get') return ok(matter)
    if (action === 'whoami') return ok({ openid: 'local-citizen', role: 'citizen', departments: [], halls: [], grants: [] })
    if (action === 'getDraft') return ok(null)
    if (action === 'saveDraft') return ok({ id: 'D0123456789abcdef01234567' })
    return ok(null)
  })
}
const actions = () => fetchMock.mock.calls.filter((c) => typeof c[1]?.body === 'string').map((c) => bodyOf(c).action)

describe('apply page', () => {
  it('a deep link to a matter not applicable online explains it and offers no form or upload', async () => {
    const offline = matterFor({ onsiteVisits: 1, onsiteReason: '须现场核验', onlineDepth: 2, mobile: false, appointment: true, postal: false, scope: '全市通办' })
    __test.router.params = { matterId: offline._id }
    gateway(offline)
    render(<Apply />)
    await screen.findByText(/暂不支持在线申办/)
    expect(screen.queryByText('拍照/相册')).toBeNull()
    expect(screen.queryByText('提交申请')).toBeNull()
    expect(document.querySelector('.field--name')).toBeNull()
  })

  it('saves what the citizen typed as a draft by itself, and asks before leaving with unsaved input', async () => {
    const matter = matterFor(ONLINE)
    __test.router.params = { matterId: matter._id }
    gateway(matter)
    const { container } = render(<Apply />)
    await screen.findByText('提交申请')
    fireEvent.input(container.querySelector('.field--name input')!, { target: { value: '张三' } })
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(e)
      return e.defaultPrevented
    }
    await waitFor(() => expect(leave()).toBe(true))
    await waitFor(() => expect(actions()).toContain('saveDraft'), { timeout: 4000 })
    const saved = fetchMock.mock.calls.find((c) => typeof c[1]?.body === 'string' && bodyOf(c).action === 'saveDraft')!
    expect(bodyOf(saved).params).toMatchObject({ matterId: matter._id, form: { name: '张三' } })
    await screen.findByText(/已自动保存/)
    expect(leave()).toBe(false)
  })
})

describe('material picker checks a file when it is picked', () => {
  const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0])
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

  function pick(name: string, bytes: Uint8Array) {
    const path = `blob:http://localhost/${name}`
    gateway(matterFor(ONLINE), { [path]: new Blob([bytes as unknown as BlobPart]) })
    ;(Taro.chooseImage as jest.Mock).mockResolvedValueOnce({ tempFilePaths: [path], tempFiles: [{ path, originalFileObj: { name } }] })
    const onChange = jest.fn()
    render(<MaterialPicker materialId='m1' name='居民户口簿' necessity='必要' files={[]} openid='local-citizen' onChange={onChange} />)
    fireEvent.click(screen.getByText('拍照/相册'))
    return onChange
  }
  const uploads = () => fetchMock.mock.calls.filter((c) => c[0] === '/api/storage/upload')

  it('refuses an EXE renamed .png at once, by content, without uploading it', async () => {
    const onChange = pick('virus.png', EXE)
    await screen.findByText(/“virus\.png”不是图片或PDF/)
    expect(uploads()).toHaveLength(0)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('uploads a real PNG', async () => {
    const onChange = pick('scan.png', PNG)
    await waitFor(() => expect(onChange).toHaveBeenCalled())
    expect(uploads()).toHaveLength(1)
    expect(onChange.mock.calls[0][0]).toEqual([expect.objectContaining({ materialId: 'm1', pdf: false })])
    expect(screen.queryByText(/不是图片或PDF/)).toBeNull()
  })

  it('shows a PDF as PDF by its content, whatever its name', async () => {
    const onChange = pick('scan.png', new Uint8Array([...'%PDF-1.7\n'].map((c) => c.charCodeAt(0))))
    await waitFor(() => expect(onChange).toHaveBeenCalled())
    expect(onChange.mock.calls[0][0]).toEqual([expect.objectContaining({ pdf: true })])
  })
})
