/** 智能咨询: a question no FAQ answered shows 相关办事指南 cards from the catalogue; a tap opens that matter's 办事指南. */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import type { ConsultChatMessage } from '@core/api'
import Chat from '@/packages/consult/pages/chat/index'
import { ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()
const at = '2026-12-07T02:00:00.000Z'
const guide = '/packages/matters/pages/guide/index?id=11999900MB0W58023E3002012001002'

it('the unsure reply shows 相关办事指南 under its chips, and a tap navigates to the guide', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
  const messages: ConsultChatMessage[] = [
    { id: 'm1', role: 'citizen', text: '孩子出生证明丢了怎么补', at },
    {
      id: 'm2', role: 'bot', type: 'suggestions', text: '您是不是想问：', at,
      suggestions: [{ id: 'faq-newborn-hukou', question: '刚出生的孩子怎么上户口？' }, { id: 'faq-birth-register', question: '生孩子需要办生育登记吗？怎么办？' }],
      matters: [{ id: '11999900MB0W58023E3002012001002', name: '出生医学证明补发', guideLink: guide }],
    },
  ]
  fetchMock.mockResolvedValue(ok({ conversationId: 'cv1', messages }))
  render(<Chat />)
  expect(await screen.findByText('相关办事指南')).toBeTruthy()
  expect(screen.getByText('刚出生的孩子怎么上户口？')).toBeTruthy()
  fireEvent.click(screen.getByText('出生医学证明补发'))
  expect(navigate).toHaveBeenLastCalledWith({ url: guide })
})

it('a reply without matter links shows no such section', async () => {
  fetchMock.mockResolvedValue(ok({ conversationId: 'cv1', messages: [
    { id: 'm1', role: 'citizen', text: '今天天气怎么样', at },
    { id: 'm2', role: 'bot', type: 'handoff', text: '这个问题我暂时无法准确回答，已转给工作人员。', at },
  ] }))
  render(<Chat />)
  await screen.findByText('今天天气怎么样')
  expect(screen.queryByText('相关办事指南')).toBeNull()
})
