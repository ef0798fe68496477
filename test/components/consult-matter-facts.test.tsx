/** Under an FAQ that references a matter, the chat shows the city's live facts with links to 办事指南, 在线申办 and 预约. */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { MatterFactsCard } from '@/packages/consult/pages/chat/matter-facts'

it('shows fee, 承诺时限, place, 网办深度 and opens each link', () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
  render(<MatterFactsCard facts={{
    id: 'C1', name: '居民身份证补领', fee: '免费', promised: '7个工作日', places: ['市政务服务中心（政务大道88号）'], onlineDepth: 'Ⅳ级 全程网办', bookable: true,
    links: { guide: '/packages/matters/pages/guide/index?id=C1', apply: '/packages/affairs/pages/apply/index?matterId=C1', book: '/packages/booking/pages/book/index?matterId=C1&name=x' },
  }} />)
  expect(screen.getByText('收费：免费')).toBeTruthy()
  expect(screen.getByText('承诺时限：7个工作日')).toBeTruthy()
  expect(screen.getByText('地点：市政务服务中心（政务大道88号）')).toBeTruthy()
  expect(screen.getByText('网上办理：Ⅳ级 全程网办')).toBeTruthy()
  for (const [label, url] of [['办事指南', '/packages/matters/pages/guide/index?id=C1'], ['在线申办', '/packages/affairs/pages/apply/index?matterId=C1'], ['预约', '/packages/booking/pages/book/index?matterId=C1&name=x']]) {
    fireEvent.click(screen.getByText(label))
    expect(navigate).toHaveBeenLastCalledWith({ url })
  }
})

it('offers only the links the matter has', () => {
  render(<MatterFactsCard facts={{ id: 'C2', name: '某事项', fee: '工本费 20元/证', promised: '即办件（当场办结）', places: ['大厅'], onlineDepth: 'Ⅰ级 互联网咨询', bookable: false, links: { guide: '/g' } }} />)
  expect(screen.getByText('办事指南')).toBeTruthy()
  expect(screen.queryByText('在线申办')).toBeNull()
  expect(screen.queryByText('预约')).toBeNull()
})
