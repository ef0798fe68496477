import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { __test } from './taro-shim'
import { IdentitySwitcher } from '@/components/identity-switcher'
import { localIdentity, resetLocalIdentities } from '@/services/identity'

const fetchMock = jest.fn()
const LIST = [
  { openid: 'local-citizen', label: '市民（张*）', description: '普通市民：查询办事指南' },
  { openid: 'local-staff-hall', label: '大厅工作人员（政务服务中心）', description: '叫号与核验预约' },
]

beforeEach(() => {
  __test.reset()
  resetLocalIdentities()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

describe('identity switcher', () => {
  it('shows the list the gateway serves and switches to the picked openid', async () => {
    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => LIST })
    render(<IdentitySwitcher />)
    await screen.findByText('大厅工作人员（政务服务中心）')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/local/identities')
    screen.getByText('叫号与核验预约')
    fireEvent.click(screen.getByText('大厅工作人员（政务服务中心）'))
    expect(localIdentity.get()).toBe('local-staff-hall')
    await screen.findByText('✓ 当前身份')
  })

  it('keeps a persisted openid the list does not know (nothing is reset)', async () => {
    localIdentity.set('local-agent')
    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => LIST })
    render(<IdentitySwitcher />)
    await screen.findByText('市民（张*）')
    expect(localIdentity.get()).toBe('local-agent')
    expect(screen.queryByText('✓ 当前身份')).toBeNull()
  })

  it('falls back gracefully when the list cannot be fetched, and retries', async () => {
    localIdentity.set('local-staff-psb')
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    render(<IdentitySwitcher />)
    await screen.findByText('身份列表加载失败，请确认本地预览仍在运行')
    screen.getByText('当前身份：local-staff-psb')
    expect(localIdentity.get()).toBe('local-staff-psb')
    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => LIST })
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('大厅工作人员（政务服务中心）')
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2))
  })

  it('treats a malformed reply as a failure', async () => {
    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => ({ result: 'nope' }) })
    render(<IdentitySwitcher />)
    await screen.findByText('身份列表加载失败，请确认本地预览仍在运行')
  })
})
