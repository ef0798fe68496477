/**
 * 我的办件 marks a case whose bill is still to pay: 待缴费 with the total (元) and the deadline
 * (Beijing time), and 去缴费 goes straight to the bill page. All bills come from one pay.bills call.
 * The case page's bill card shows the items, the total, the deadline and 去缴费.
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import type { ApplicationSummary, BillView } from '@core/api'
import { bodyOf, ok, useGatewayMock } from './gateway-mock'
import { __test, navigateTo } from './taro-shim'
import MinePage from '@/packages/affairs/pages/mine/index'
import { CitizenBillCard } from '@/components/case-bill'

const fetchMock = useGatewayMock()

const summary = (id: string, matterName: string): ApplicationSummary => ({
  id, no: `BJ2026031000000${id.slice(1)}`, matterId: 'm1', matterName, departmentName: '示例市公安局', status: 'accepted', statusLabel: '办理中',
  workdaysLeft: 6, dueDate: '2026-03-20', submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-11T01:00:00.000Z',
})
const bill = (over: Partial<BillView>): BillView => ({
  id: 'P0123456789abcdef0123', applicationId: 'a2', applicationNo: 'BJ20260310000002', matterName: '普通护照签发',
  items: [{ name: '普通护照', amountFen: 12000 }, { name: '加急费', amountFen: 50 }], totalFen: 12050, status: 'unpaid',
  expiresAt: '2026-03-17T02:00:00.000Z', paidFen: 0, refundedFen: 0, ...over,
})

function serve(cases: ApplicationSummary[], bills: BillView[]) {
  fetchMock.mockImplementation(async (url: string) => (url.endsWith('/pay') ? ok(bills) : ok({ items: cases, total: cases.length, page: 1, pageSize: 20 })))
}

beforeEach(() => navigateTo.mockClear())

it('marks only the case with a bill to pay, with total and Beijing-time deadline, from one pay.bills call', async () => {
  serve([summary('a2', '普通护照签发'), summary('a3', '居民身份证补领'), summary('a4', '户口迁入')], [
    bill({}),
    bill({ id: 'P0123456789abcdef0124', applicationId: 'a3', status: 'paid', expiresAt: undefined, paidFen: 12050 }),
  ])
  render(<MinePage />)
  const mark = (await screen.findByText('待缴费 ¥120.50')).closest('.affairs-owing') as HTMLElement
  // 02:00 UTC is 10:00 in Beijing.
  within(mark).getByText('请于2026-03-17 10:00前缴纳')
  expect(screen.getAllByText('去缴费')).toHaveLength(1)
  expect(mark.closest('.affairs-row')?.textContent).toContain('普通护照签发')
  const payCalls = fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/pay'))
  expect(payCalls.map((c) => bodyOf(c).action)).toEqual(['bills'])
})

it('去缴费 opens the bill page, not the case page', async () => {
  serve([summary('a2', '普通护照签发')], [bill({ status: 'paying' })])
  render(<MinePage />)
  fireEvent.click(await screen.findByText('去缴费'))
  expect(navigateTo).toHaveBeenCalledTimes(1)
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/bill/index?id=P0123456789abcdef0123' })
  // The rest of the row still opens the case.
  fireEvent.click(screen.getByText('普通护照签发'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: expect.stringContaining('/packages/affairs/pages/detail/index?id=a2') })
})

it('shows the same mark and button in 长辈版', async () => {
  __test.storage.set('smartgov:elder-mode', true)
  serve([summary('a2', '普通护照签发')], [bill({})])
  const { container } = render(<MinePage />)
  await screen.findByText('待缴费 ¥120.50')
  expect((container.firstElementChild as HTMLElement).classList.contains('elder')).toBe(true)
  fireEvent.click(screen.getByText('去缴费'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/bill/index?id=P0123456789abcdef0123' })
})

it('the case page card lists the items, the total and the deadline, and 去缴费 opens the bill page', async () => {
  render(<CitizenBillCard bill={bill({})} />)
  await screen.findByText('普通护照')
  screen.getByText('¥120.00')
  screen.getByText('加急费')
  screen.getByText('¥0.50')
  screen.getByText('¥120.50')
  screen.getByText('2026-03-17 10:00前')
  fireEvent.click(screen.getByText('去缴费'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/bill/index?id=P0123456789abcdef0123' })
})
