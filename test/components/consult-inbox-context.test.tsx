/** An agent sees, beside a handed-off question, why it came, the conversation before it and the citizen's own records as links. */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok } from './gateway-mock'
import { localIdentity } from '@/services/identity'
import ConsultInboxPage from '@/packages/staff/pages/consult-inbox/index'

const fetchMock = useGatewayMock()

it('shows the reason, the earlier messages and opens a record from its link', async () => {
  localIdentity.set('local-agent')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok({ openid: 'agent', maskedOpenid: 'agen****', role: 'staff', departments: [], halls: [], grants: ['consult'], name: '王坐席' })
    if (action === 'inbox') return ok([{
      id: 'q1', conversationId: 'cv1', maskedOpenid: 'citi****enid', question: '转人工', status: 'open', at: '2026-03-04T01:00:00Z', channel: 'app', reason: 'human',
      context: {
        messages: [{ role: 'citizen', text: '社保卡丢了，我手机138****5678', at: '2026-03-04T00:59:00Z' }, { role: 'bot', text: '请携带身份证到网点补领。', at: '2026-03-04T00:59:00Z' }],
        records: [{ kind: 'application', id: 'app-1', no: 'A20260301001', title: '社会保障卡申领', status: '办理中', when: '2026-03-01 10:00', link: '/packages/staff/pages/consult-record/index?questionId=q1&kind=application&id=app-1' }],
      },
    }])
    return ok(null)
  })
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
  render(<ConsultInboxPage />)
  await screen.findByText('转人工')
  expect(screen.getByText('群众要求人工')).toBeTruthy()
  expect(screen.getByText('社保卡丢了，我手机138****5678')).toBeTruthy()
  expect(screen.getByText('请携带身份证到网点补领。')).toBeTruthy()
  fireEvent.click(screen.getByText(/社会保障卡申领/))
  // The agent's read-only record view beside the question, which a 咨询坐席 without a department can open.
  expect(navigate).toHaveBeenCalledWith({ url: '/packages/staff/pages/consult-record/index?questionId=q1&kind=application&id=app-1' })
})
