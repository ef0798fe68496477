/**
 * The citizen's case page while the case waits for the citizen's payment: 下一步 is the payment
 * (amount and deadline) with 去缴费, not the department's "正在办理"; once paid the server's line is back.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { useGatewayMock, ok } from './gateway-mock'
import { __test, navigateTo } from './taro-shim'
import Detail from '@/packages/affairs/pages/detail/index'

const fetchMock = useGatewayMock()
const app = {
  id: 'app-1', no: 'BJ20261207000001', matterId: 'm-1', matterName: '往来港澳通行证再次签注', department: 'psb', departmentName: '市公安局',
  caseKind: '即办件', status: 'accepted', statusLabel: '办理中', form: {}, formFields: [], materialDefs: [], materials: [], deferredMaterials: [],
  timeline: [], dueDate: '2026-12-10', workdaysLeft: 3, nextStep: '市公安局正在办理，承诺在2026-12-10前办结（剩余3个工作日）',
  allowedActions: [], submittedAt: '2026-12-07T01:00:00.000Z', updatedAt: '2026-12-07T02:00:00.000Z',
}
const bill = (status: string) => ({
  id: 'P0123456789abcdef0123', applicationId: 'app-1', applicationNo: app.no, matterName: app.matterName,
  items: [{ name: '往来港澳通行证签注费', amountFen: 1500 }], totalFen: 1500, status, paidFen: status === 'paid' ? 1500 : 0, refundedFen: 0,
  ...(status === 'unpaid' ? { expiresAt: '2026-12-14T02:00:00.000Z' } : {}),
})

function serve(billStatus: string) {
  fetchMock.mockImplementation(async (url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (url.endsWith('/affairs') && action === 'get') return ok(app)
    if (url.endsWith('/pay') && action === 'forCase') return ok(bill(billStatus))
    if (url.endsWith('/account') && action === 'whoami') return ok({ openid: 'local-citizen', role: 'citizen' })
    return ok(null)
  })
}

describe('case page 下一步 with a bill', () => {
  it('an unpaid bill makes the payment the next step, with the deadline in Beijing time and 去缴费', async () => {
    __test.router.params = { id: 'app-1' }
    serve('unpaid')
    render(<Detail />)
    const line = await screen.findByText(/请缴纳费用/)
    expect(line.textContent).toContain('下一步：请缴纳费用 ¥15.00（2026-12-14 10:00前），缴费后办理单位即可办结')
    expect(screen.queryByText(/正在办理，承诺在/)).toBeNull()
    fireEvent.click(line.querySelector('.affairs-next__pay') as Element)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/pay/pages/bill/index?id=P0123456789abcdef0123' })
  })

  it('a paid bill leaves the department\'s next step', async () => {
    __test.router.params = { id: 'app-1' }
    serve('paid')
    render(<Detail />)
    expect(await screen.findByText(/查看缴费单|查看票据/)).toBeTruthy()
    expect(screen.getByText(/下一步：市公安局正在办理，承诺在2026-12-10前办结/)).toBeTruthy()
    expect(screen.queryByText(/请缴纳费用/)).toBeNull()
  })
})
