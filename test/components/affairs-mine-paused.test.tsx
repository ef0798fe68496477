/** 我的办件: a case paused for 补正 says so with the days left, and shows no stale promised date; a case with a bill to pay says 待缴费. */
import { render, screen } from '@testing-library/react'
import { useGatewayMock, ok } from './gateway-mock'
import MinePage from '@/packages/affairs/pages/mine/index'
import type { ApplicationSummary } from '@core/api'

const fetchMock = useGatewayMock()

it('lists a paused case as 暂停计时 with the days left', async () => {
  const paused: ApplicationSummary = {
    id: 'a1', no: 'BJ20260310000001', matterId: 'm1', matterName: '居民身份证补领', departmentName: '示例市公安局', status: 'supplement', statusLabel: '待补正',
    workdaysLeft: 4, urgency: 'paused', submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-11T01:00:00.000Z',
  }
  fetchMock.mockImplementation(async (url: string) => (url.endsWith('/pay') ? ok([]) : ok({ items: [paused], total: 1, page: 1, pageSize: 20 })))
  render(<MinePage />)
  await screen.findByText('暂停计时 · 剩余4个工作日，恢复后重新计算到期日')
  expect(screen.queryByText(/承诺.*前办结/)).toBeNull()
  expect(screen.queryByText(/待缴费/)).toBeNull()
})

it('shows 待缴费 with the amount on a case whose bill is unpaid', async () => {
  const accepted: ApplicationSummary = {
    id: 'a2', no: 'BJ20260310000002', matterId: 'm1', matterName: '普通护照签发', departmentName: '示例市公安局', status: 'accepted', statusLabel: '办理中',
    workdaysLeft: 6, dueDate: '2026-03-20', submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-11T01:00:00.000Z',
  }
  const bill = { id: 'P0123456789abcdef0123', applicationId: 'a2', applicationNo: accepted.no, matterName: accepted.matterName, items: [{ name: '普通护照', amountFen: 12000 }], totalFen: 12000, status: 'unpaid', paidFen: 0, refundedFen: 0 }
  fetchMock.mockImplementation(async (url: string) => (url.endsWith('/pay') ? ok([bill]) : ok({ items: [accepted], total: 1, page: 1, pageSize: 20 })))
  render(<MinePage />)
  await screen.findByText('待缴费 ¥120.00')
})
