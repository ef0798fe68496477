/** 智能咨询: a direct answer lists the next closest questions (您可能还想问), a handoff the nearest ones (您也可以先看看); a tap asks that question. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ConsultChatMessage } from '@core/api'
import Chat from '@/packages/consult/pages/chat/index'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()
const at = '2026-12-07T02:00:00.000Z'
const history = (messages: ConsultChatMessage[]) => ok({ conversationId: 'cv1', messages })
const related = [
  { id: 'faq-idcard-offsite', question: '户口不在本地，能在本市换领或补领身份证吗？' },
  { id: 'faq-idcard-temp', question: '急着用身份证，可以先办临时身份证吗？' },
]

it('under an answer: 您可能还想问, and a tap asks that question', async () => {
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '身份证丢了咋办', at },
    { id: 'm2', role: 'bot', type: 'answer', text: '携带户口簿到户籍所在地派出所申请补领。', at, answer: { id: 'faq-idcard-reissue', source: 'faq', content: '携带户口簿到户籍所在地派出所申请补领。' }, suggestions: related },
  ]))
  const { container } = render(<Chat />)
  await screen.findByText('您可能还想问')
  expect(container.querySelectorAll('.consult-related__chip')).toHaveLength(2)
  expect(screen.getByText('有帮助')).toBeTruthy()
  fireEvent.click(screen.getByText(related[1].question))
  await waitFor(() => expect(fetchMock.mock.calls.some((c) => bodyOf(c).action === 'ask')).toBe(true))
  const ask = fetchMock.mock.calls.map(bodyOf).find((b) => b.action === 'ask')
  expect(ask).toMatchObject({ params: { text: related[1].question, conversationId: 'cv1' } })
})

it('under a handoff: 您也可以先看看; 您是不是想问 keeps its plain chips and no such title', async () => {
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '廉租房咋申请', at },
    { id: 'm2', role: 'bot', type: 'handoff', text: '这个问题我暂时无法准确回答，已转给工作人员。', at, suggestions: related.slice(0, 1) },
    { id: 'm3', role: 'citizen', text: '身份证', at },
    { id: 'm4', role: 'bot', type: 'suggestions', text: '您是不是想问：', at, suggestions: related },
  ]))
  const { container } = render(<Chat />)
  await screen.findByText('您也可以先看看')
  expect(screen.queryByText('您可能还想问')).toBeNull()
  expect(container.querySelectorAll('.consult-related')).toHaveLength(1)
  expect(container.querySelectorAll('.consult-suggestions .consult-suggestion')).toHaveLength(2)
})

it('an answer without related questions shows no such block', async () => {
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '你好', at },
    { id: 'm2', role: 'bot', type: 'answer', text: '您好，请问有什么可以帮您？', at, answer: { id: 'rule-greeting', source: 'rule', content: '您好，请问有什么可以帮您？' } },
  ]))
  const { container } = render(<Chat />)
  await screen.findByText('您好，请问有什么可以帮您？')
  expect(container.querySelector('.consult-related')).toBeNull()
})

it('an answer with the 本市 card leaves the facts line of text channels out of the bubble', async () => {
  const matter = {
    id: 'M1', name: '居民身份证补领', fee: '工本费 20元/证', promised: '20个工作日', places: ['市政务服务中心'], onlineDepth: 'Ⅱ级',
    bookable: true, links: { guide: '/packages/matters/pages/guide/index?id=M1', book: '/packages/booking/pages/book/index?matterId=M1' },
  }
  const text = '携带户口簿到派出所申请补领。\n【本市居民身份证补领】收费：工本费 20元/证；承诺时限：20个工作日；办理地点：市政务服务中心；网上办理：Ⅱ级；可网上预约。'
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '身份证丢了咋办', at },
    { id: 'm2', role: 'bot', type: 'answer', text, at, answer: { id: 'faq-idcard-reissue', source: 'faq', content: text, matter } },
  ]))
  const { container } = render(<Chat />)
  await screen.findByText('携带户口簿到派出所申请补领。')
  expect(container.querySelector('.consult-bubble__text')?.textContent).not.toContain('【本市')
  expect(container.textContent).toContain('20个工作日')
})
