import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { __test, navigateTo } from './taro-shim'
import PayReportsPage from '@/packages/staff/pages/pay-reports/index'
import MinePage from '@/pages/mine/index'
import type { ResultOf } from '@core/api'
import recorded from './recorded-replies.json'

const fetchMock = useGatewayMock()
const staff = recorded.whoamiStaff as ResultOf<'account', 'whoami'>
const admin: ResultOf<'account', 'whoami'> = { ...staff, openid: 'admin-openid', role: 'admin', name: '王管理' }

const reports: ResultOf<'pay', 'reports'> = {
  reports: [
    { date: '2026-12-06', providerCount: 2, ourCount: 1, providerTotalFen: 2300, ourTotalFen: 2000, at: '2026-12-07T01:05:00.000Z', notifiedAdmins: 2,
      mismatches: [{ outTradeNo: 'XFOREIGN000001', reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单' }] },
    { date: '2026-12-05', providerCount: 3, ourCount: 3, providerTotalFen: 6000, ourTotalFen: 6000, at: '2026-12-06T01:01:00.000Z', notifiedAdmins: 0, mismatches: [] },
  ],
  mismatches: [
    { outTradeNo: 'XFOREIGN000001', reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单', at: '2026-12-07T01:05:00.000Z', source: 'tradebill' },
    { outTradeNo: 'P0123456789abcdef0123001', reason: '金额不符：通知1900分，账单2000分', at: '2026-12-04T03:00:00.000Z', source: 'notify' },
  ],
}

function serve(who: ResultOf<'account', 'whoami'>) {
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(who)
    if (action === 'reports') return ok(reports)
    return ok({})
  })
}

describe('缴费对账 page (admins)', () => {
  it('lists each day with counts, totals and every difference with its reason; the message\'s day comes first', async () => {
    serve(admin)
    __test.router.params = { date: '2026-12-05' }
    const { container } = render(<PayReportsPage />)
    await screen.findByText('商户订单号 XFOREIGN000001')
    const days = Array.from(container.querySelectorAll('.pay-report'))
    expect(days.map((d) => d.id)).toEqual(['report-2026-12-05', 'report-2026-12-06'])
    expect(days[0]?.className).toContain('pay-report--focused')
    expect(days[0]?.textContent).toContain('一致')
    expect(days[1]?.textContent).toContain('1笔差异')
    expect(days[1]?.textContent).toContain('2笔 · ¥23.00')
    expect(days[1]?.textContent).toContain('1笔 · ¥20.00')
    expect(days[1]?.textContent).toContain('微信支付账单有此笔交易，本系统当日无对应的已缴账单')
    expect(days[1]?.textContent).toContain('已通知2位管理员')
    const others = container.querySelector('.pay-report-others')!
    expect(others.textContent).toContain('金额不符：通知1900分，账单2000分')
    expect(others.textContent).toContain('支付通知')
    expect(others.textContent).not.toContain('XFOREIGN000001')
    expect(fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === 'reports')).toEqual([{ action: 'reports', params: {} }])
  })

  it('does not ask for reports for staff who are not admins', async () => {
    serve(staff)
    render(<PayReportsPage />)
    await screen.findByText('无权访问')
    expect(fetchMock.mock.calls.map(bodyOf).some((b) => b.action === 'reports')).toBe(false)
  })

  it('我的 → 工作台 links admins (only) to the page', async () => {
    serve(admin)
    const { unmount } = render(<MinePage />)
    const entry = await screen.findByText('缴费对账')
    fireEvent.click(entry)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/pay-reports/index' })
    unmount()
    serve(staff)
    const again = render(<MinePage />)
    await again.findByText('办件受理')
    expect(again.queryByText('缴费对账')).toBeNull()
  })
})
