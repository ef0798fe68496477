/**
 * 开具缴费单 for a matter whose fee is not fixed: staff pick the guide's items, type amounts in 元,
 * add and remove lines and see the total; pay.bill receives integer 分.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, fail, bodyOf } from './gateway-mock'
import { StaffBillPanel } from '@/components/case-bill'

const fetchMock = useGatewayMock()
const fees = {
  charged: true, onlinePayment: true,
  items: [
    { name: '往来港澳通行证签注费', standard: '一次有效15元/件，二次有效30元/件', basis: '发改价格〔2017〕1186号', reducible: false },
    { name: '加急费', standard: '10-50元', basis: '示例', reducible: false },
  ],
}
const billCalls = () => fetchMock.mock.calls.filter((c) => String(c[0]).endsWith('/pay') && bodyOf(c).action === 'bill').map((c) => bodyOf(c).params)

function serve(billReply: () => unknown) {
  let billed = false
  fetchMock.mockImplementation(async (url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (url.endsWith('/matters') && action === 'get') return ok({ id: 'm-1', name: '往来港澳通行证再次签注', fees })
    if (url.endsWith('/pay') && action === 'forCase') return ok(billed ? { id: 'P1', applicationId: 'app-1', items: [], totalFen: 4550, status: 'unpaid', paidFen: 0, refundedFen: 0 } : null)
    if (url.endsWith('/pay') && action === 'bill') {
      const r = billReply() as { json: () => Promise<{ result: { ok: boolean } }> }
      billed = (await r.json()).result.ok
      return billReply()
    }
    throw new Error(`unexpected ${url} ${action}`)
  })
}

describe('staff bill with items entered', () => {
  it('entered items (two lines, one removed) reach pay.bill as integer 分 with the total shown', async () => {
    serve(() => ok({ id: 'P1', totalFen: 4550, status: 'unpaid' }))
    render(<StaffBillPanel applicationId='app-1' matterId='m-1' billable />)
    expect(await screen.findByText(/本事项收费标准不固定/)).toBeTruthy()
    expect(screen.getAllByText('往来港澳通行证签注费（一次有效15元/件，二次有效30元/件）')).toHaveLength(1)

    const amounts = () => document.querySelectorAll('.fee-items__amount input, input.fee-items__amount')
    fireEvent.input(amounts()[0] as Element, { target: { value: '30' } })
    fireEvent.click(screen.getByText('＋ 添加收费项目'))
    fireEvent.click(screen.getAllByText('加急费（10-50元）')[1] as Element)
    fireEvent.input(amounts()[1] as Element, { target: { value: '15.5' } })
    expect(document.querySelector('.fee-items__total')?.textContent).toBe('¥45.50')
    fireEvent.click(screen.getByText('＋ 添加收费项目'))
    fireEvent.input(amounts()[2] as Element, { target: { value: '99' } })
    fireEvent.click(screen.getAllByText('删除此项')[2] as Element)
    expect(document.querySelector('.fee-items__total')?.textContent).toBe('¥45.50')

    fireEvent.click(screen.getByText('开具缴费单'))
    await waitFor(() => expect(billCalls()).toEqual([{ applicationId: 'app-1', items: [
      { name: '往来港澳通行证签注费', amountFen: 3000 }, { name: '加急费', amountFen: 1550 },
    ] }]))
    expect(Number.isInteger(billCalls()[0].items[1].amountFen)).toBe(true)
    expect(await screen.findByText('缴费：')).toBeTruthy()
  })

  it('an amount that is not 元 is refused before sending; the server\'s standard check is shown as it says', async () => {
    serve(() => fail('INVALID_INPUT', '收费项目第1项（往来港澳通行证签注费）的金额须为办事指南规定的一次有效15元/件，二次有效30元/件'))
    render(<StaffBillPanel applicationId='app-1' matterId='m-1' billable />)
    const input = (await screen.findAllByPlaceholderText('金额（元）'))[0] as Element
    fireEvent.input(input, { target: { value: '15.555' } })
    fireEvent.click(screen.getByText('开具缴费单'))
    expect(await screen.findByText('第1项的金额请填写元，最多两位小数')).toBeTruthy()
    expect(billCalls()).toEqual([])
    fireEvent.input(input, { target: { value: '20' } })
    fireEvent.click(screen.getByText('开具缴费单'))
    expect(await screen.findByText(/须为办事指南规定的一次有效15元/)).toBeTruthy()
    expect(billCalls()).toEqual([{ applicationId: 'app-1', items: [{ name: '往来港澳通行证签注费', amountFen: 2000 }] }])
  })
})
