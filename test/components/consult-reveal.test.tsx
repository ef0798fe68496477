/** The consult inbox shows a question with an ID or phone number masked; the original only after a logged reveal. */
import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { localIdentity } from '@/services/identity'
import ConsultInboxPage from '@/packages/staff/pages/consult-inbox/index'

const fetchMock = useGatewayMock()
const MASKED = '我的身份证号110105********002X，进度如何？'
const ORIGINAL = '我的身份证号11010519491231002X，进度如何？'

it('reveals the original question on request, through revealQuestion', async () => {
  localIdentity.set('local-agent')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok({ openid: 'agent', maskedOpenid: 'agen****', role: 'staff', departments: [], halls: [], grants: ['consult'], name: '王坐席' })
    if (action === 'inbox') return ok([{ id: 'q1', conversationId: 'cv1', maskedOpenid: 'citi****enid', question: MASKED, status: 'open', at: '2026-03-04T01:00:00Z', channel: 'app', personal: true }])
    if (action === 'revealQuestion') return ok({ question: ORIGINAL })
    return ok(null)
  })
  render(<ConsultInboxPage />)
  await screen.findByText(MASKED)
  expect(screen.queryByText(ORIGINAL)).toBeNull()
  fireEvent.click(screen.getByText(/查看原文/))
  await screen.findByText(ORIGINAL)
  expect(fetchMock.mock.calls.map(bodyOf)).toContainEqual({ action: 'revealQuestion', params: { questionId: 'q1' } })
})
