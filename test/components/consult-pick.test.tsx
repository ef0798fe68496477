/** 智能咨询: after a reply that was only a number (回复序号), 转人工 hands over the question it picked, not the number. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ConsultChatMessage } from '@core/api'
import Chat from '@/packages/consult/pages/chat/index'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()
const at = '2026-12-07T02:00:00.000Z'
const listed = [
  { id: 'faq-gjj-buy', question: '买了房怎么提取住房公积金？' },
  { id: 'faq-gjj-rent', question: '租房可以提取住房公积金吗？怎么办理？' },
]

async function tapHumanAfter(messages: ConsultChatMessage[]) {
  fetchMock.mockResolvedValue(ok({ conversationId: 'cv1', messages }))
  render(<Chat />)
  await screen.findByText('租房的提取条件和材料见指南。')
  fireEvent.click(screen.getByText('转人工'))
  await waitFor(() => expect(fetchMock.mock.calls.some((c) => bodyOf(c).action === 'ask')).toBe(true))
  return fetchMock.mock.calls.map(bodyOf).find((b) => b.action === 'ask')
}

const answered: ConsultChatMessage = {
  id: 'm4', role: 'bot', type: 'answer', text: '租房的提取条件和材料见指南。', at,
  answer: { id: 'faq-gjj-rent', source: 'faq', content: '租房的提取条件和材料见指南。' }, suggestions: listed.slice(0, 1),
}

it('转人工 after "2" sends the picked question', async () => {
  const ask = await tapHumanAfter([
    { id: 'm1', role: 'citizen', text: '公积金', at },
    { id: 'm2', role: 'bot', type: 'suggestions', text: '您是不是想问：', at, suggestions: listed },
    { id: 'm3', role: 'citizen', text: '2', at, picked: listed[1] },
    answered,
  ])
  expect(ask).toMatchObject({ params: { text: listed[1].question, conversationId: 'cv1', handoff: true } })
})

it('转人工 after a question typed out sends that question', async () => {
  const ask = await tapHumanAfter([
    { id: 'm3', role: 'citizen', text: '租房能提公积金吗', at },
    answered,
  ])
  expect(ask).toMatchObject({ params: { text: '租房能提公积金吗', handoff: true } })
})
