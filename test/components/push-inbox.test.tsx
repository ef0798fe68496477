/**
 * 微信消息 (preview inbox page): it reads the local cloud's sink through src/services/local-inbox.ts
 * (pages call no fetch themselves) and shows each subscription message with its template's labels.
 */
import { render, screen } from '@testing-library/react'
import Inbox from '@/packages/push/pages/inbox/index'
import { ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()

const TEMPLATE = { key: 'caseProgress', templateId: 'LOCAL-case', title: '办件进度通知', kind: 'once', category: 'case', fields: [{ key: 'thing1', label: '事项名称' }] }
const SENT = {
  api: 'subscribeMessage.send', touser: 'local-citizen', at: '2025-03-04T01:05:00.000Z',
  payload: { templateId: 'LOCAL-case', page: 'packages/affairs/pages/detail/index?id=a1', data: { thing1: { value: '护照办理' } } },
}

it('lists the subscription messages the current identity received, titled and labelled by the template catalogue', async () => {
  fetchMock.mockImplementation(async (url: string) => (url.startsWith('/api/local/inbox')
    ? { ok: true, status: 200, json: async () => [SENT, { ...SENT, api: 'uniformMessage.send' }] }
    : ok([TEMPLATE])))
  render(<Inbox />)
  await screen.findByText('办件进度通知')
  screen.getByText('事项名称')
  screen.getByText('护照办理')
  expect(screen.getAllByText('进入小程序查看')).toHaveLength(1)
  expect(fetchMock.mock.calls.map((c) => c[0])).toContain('/api/local/inbox?openid=local-citizen')
})

it('says so when the inbox cannot be read', async () => {
  fetchMock.mockImplementation(async (url: string) => (url.startsWith('/api/local/inbox')
    ? { ok: false, status: 500, json: async () => { throw new SyntaxError('not json') } }
    : ok([TEMPLATE])))
  render(<Inbox />)
  await screen.findByText('读取消息失败，请稍后重试')
})
