/**
 * 我的 in the local preview: a seeded citizen is shown by the preview identity's name (张三),
 * not the anonymous 微信用户 that WeChat gives a user who set no nickname.
 */
import { render, screen } from '@testing-library/react'
import { __test } from './taro-shim'
import MinePage from '@/pages/mine/index'
import { localIdentity, resetLocalIdentities } from '@/services/identity'

const fetchMock = jest.fn()
const json = (body: unknown) => ({ ok: true, status: 200, json: async () => body })
const IDENTITIES = [
  { openid: 'local-citizen', label: '市民（张*）', name: '张三', description: '普通市民：查询办事指南' },
  { openid: 'local-admin', label: '管理员', name: '数据局管理员', description: '管理员：导入全部事项' },
]

beforeEach(() => {
  __test.reset()
  resetLocalIdentities()
  fetchMock.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
})

it('shows the seeded citizen by name', async () => {
  localIdentity.set('local-citizen')
  fetchMock.mockImplementation(async (url: string) => {
    if (url === '/api/local/identities') return json(IDENTITIES)
    return json({ result: { ok: true, data: { openid: 'local-citizen', maskedOpenid: 'loca****izen', role: 'citizen', departments: [], halls: [], grants: [] } } })
  })
  render(<MinePage />)
  await screen.findByText('张三', { selector: '.mine__name' })
  expect(screen.queryByText('微信用户')).toBeNull()
})
