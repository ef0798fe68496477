/** 智能咨询: a complaint's handoff reply shows the 好差评 offer card, which opens the case's rate page. */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import type { ConsultChatMessage, RateOffer } from '@core/api'
import Chat from '@/packages/consult/pages/chat/index'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'

const fetchMock = useGatewayMock()
const offer: RateOffer = {
  targetType: 'application', targetId: 'app-1', title: '居民身份证补领', text: '对办理结果不满意？可以评价该办件',
  link: '/packages/evaluation/pages/rate/index?targetType=application&targetId=app-1&title=%E5%B1%85%E6%B0%91%E8%BA%AB%E4%BB%BD%E8%AF%81%E8%A1%A5%E9%A2%86',
}
const at = '2026-12-07T02:00:00.000Z'
const history = (messages: ConsultChatMessage[]) => ok({ conversationId: 'cv1', messages })

it('renders the offer under the handoff notice and opens the rate page of that case', async () => {
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '窗口工作人员态度很差', at },
    { id: 'm2', role: 'bot', type: 'handoff', text: '您反映的情况已转给工作人员，工作时间内会尽快在这里回复您。', at, rateOffer: offer },
  ]))
  render(<Chat />)
  await screen.findByText('对办理结果不满意？可以评价该办件')
  expect(bodyOf(fetchMock.mock.calls[0])).toMatchObject({ action: 'history' })
  expect(screen.getByText('居民身份证补领')).toBeTruthy()
  fireEvent.click(screen.getByText('去评价 ›'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: offer.link })
})

it('a handoff without an offer shows no card', async () => {
  fetchMock.mockResolvedValue(history([
    { id: 'm1', role: 'citizen', text: '窗口工作人员态度很差', at },
    { id: 'm2', role: 'bot', type: 'handoff', text: '您反映的情况已转给工作人员，工作时间内会尽快在这里回复您。', at },
  ]))
  const { container } = render(<Chat />)
  await screen.findByText('您反映的情况已转给工作人员，工作时间内会尽快在这里回复您。')
  expect(container.querySelector('.consult-rate-offer')).toBeNull()
  expect(screen.queryByText('对办理结果不满意？可以评价该办件')).toBeNull()
})
