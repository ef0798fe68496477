/** 好差评 rate page: each level shows its own option list; changing the level clears the picks. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'
import { __test } from './taro-shim'
import RatePage from '@/packages/evaluation/pages/rate/index'

const fetchMock = useGatewayMock()
const option = (text: string) => screen.getByText(text, { selector: '.evaluation-option' })
const picked = (container: HTMLElement) => Array.from(container.querySelectorAll('.evaluation-option--active')).map((e) => e.textContent)

it('shows the praise list for 非常满意 and the problem list for 不满意, clearing picks on level change, and sends the level’s options', async () => {
  __test.router.params = { targetType: 'application', targetId: 'app-1', title: '居民身份证补领' }
  fetchMock.mockResolvedValue(ok({ id: 'R:application:app-1', level: 2, ticketId: 'T:application:app-1' }))
  const { container } = render(<RatePage />)
  expect(container.querySelector('.evaluation-option')).toBeNull()

  fireEvent.click(screen.getByText('非常满意'))
  expect(Array.from(container.querySelectorAll('.evaluation-option')).map((e) => e.textContent))
    .toEqual(['整体非常满意', '办事效率高', '办事指南精准', '办事便捷', '平台操作简便'])
  fireEvent.click(option('办事效率高'))
  expect(picked(container)).toEqual(['办事效率高'])

  fireEvent.click(screen.getByText('不满意'))
  expect(screen.queryByText('办事效率高')).toBeNull()
  expect(screen.getByText('哪些方面需要改进（可多选）')).toBeTruthy()
  expect(picked(container)).toEqual([])
  fireEvent.click(option('办事效率低'))
  fireEvent.click(option('平台操作不便'))
  fireEvent.click(option('平台操作不便'))
  expect(picked(container)).toEqual(['办事效率低'])

  fireEvent.click(screen.getByText('提交评价'))
  await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
  expect(bodyOf(fetchMock.mock.calls[0])).toMatchObject({ action: 'rate', params: { targetType: 'application', targetId: 'app-1', level: 2, options: ['办事效率低'] } })
})

it('a hall visit (一次一评) offers the on-site list of the tapped level', () => {
  __test.router.params = { targetType: 'booking', targetId: 'bk-1', title: '婚姻登记（市民中心）' }
  const { container } = render(<RatePage />)
  fireEvent.click(screen.getByText('非常不满意'))
  expect(Array.from(container.querySelectorAll('.evaluation-option')).map((e) => e.textContent))
    .toEqual(['整体非常不满意', '服务效率很低', '业务不熟练', '服务态度恶劣'])
  fireEvent.click(screen.getByText('满意'))
  expect(screen.getByText('服务态度良好')).toBeTruthy()
  expect(screen.getByText('哪些方面让您满意（可多选）')).toBeTruthy()
})

it('the 追评 page does not promise a new 回访; the first rating does', () => {
  __test.router.params = { ratingId: 'R:application:app-1', title: '居民身份证补领' }
  const followUp = render(<RatePage />)
  expect(followUp.container.textContent).not.toContain('将转办理单位回访整改')
  expect(followUp.container.textContent).toContain('追评提交后不能修改')
  followUp.unmount()
  __test.router.params = { targetType: 'application', targetId: 'app-1', title: '居民身份证补领' }
  expect(render(<RatePage />).container.textContent).toContain('将转办理单位回访整改')
})
