/** The personal assistant's answer shows as a card: status, next step, due date, and it opens the detail page. */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { RecordAction, RecordCards } from '@/packages/consult/pages/chat/record-cards'

it('renders a record card and opens its detail page', () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
  render(<RecordCards cards={[
    { kind: 'application', id: 'app-1', no: 'BJ20261201000001', title: '社会保障卡申领', status: '办理中', nextStep: '市人社局正在办理', due: '2026-12-15', link: '/packages/affairs/pages/detail/index?id=app-1' },
    { kind: 'booking', id: 'bk-1', no: 'YY20261209000123', title: '户口迁入', status: '已预约', nextStep: '请于2026-12-09 09:00前到市民中心', due: '2026-12-09 09:00–09:30', link: '/packages/booking/pages/detail/index?id=bk-1' },
  ]} />)
  expect(screen.getByText('办理中')).toBeTruthy()
  expect(screen.getByText('下一步：市人社局正在办理')).toBeTruthy()
  expect(screen.getByText('承诺办结 2026-12-15')).toBeTruthy()
  expect(screen.getByText('预约时间 2026-12-09 09:00–09:30')).toBeTruthy()
  fireEvent.click(screen.getByText('社会保障卡申领'))
  expect(navigate).toHaveBeenCalledWith({ url: '/packages/affairs/pages/detail/index?id=app-1' })
})

it('the no-records answer’s 去预约 button opens the page to find a matter to book', () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
  render(<RecordAction action={{ label: '去预约', link: '/packages/matters/pages/search/index' }} />)
  fireEvent.click(screen.getByText('去预约'))
  expect(navigate).toHaveBeenCalledWith({ url: '/packages/matters/pages/search/index' })
})

it('a paused case shows the detail page\'s clock words and no 承诺办结 date', () => {
  render(<RecordCards cards={[
    { kind: 'application', id: 'app-2', no: 'BJ20261201000002', title: '户口迁入登记', status: '已挂起', nextStep: '办理暂停（组织专家评审），暂停期间不计入办理时限', clock: '暂停计时 · 剩余6个工作日，恢复后重新计算到期日', link: '/packages/affairs/pages/detail/index?id=app-2' },
  ]} />)
  expect(screen.getByText('办理时限 暂停计时 · 剩余6个工作日，恢复后重新计算到期日')).toBeTruthy()
  expect(screen.queryByText(/承诺办结/)).toBeNull()
})
