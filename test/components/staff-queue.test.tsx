/**
 * The staff queue page: search by 办件编号, a matter filter that stays folded until asked for
 * (13 chips would push the list two screens down), and paused cases without a stale due date.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import QueuePage from '@/packages/staff/pages/queue/index'
import { localIdentity } from '@/services/identity'
import type { ResultOf } from '@core/api'
import recorded from './recorded-replies.json'

type Queue = ResultOf<'affairs', 'queue'>
const whoamiStaff = (recorded as unknown as { whoamiStaff: ResultOf<'account', 'whoami'> }).whoamiStaff

const MATTERS = Array.from({ length: 13 }, (_, i) => ({ id: `m${i + 1}`, name: `事项${i + 1}` }))
const item = (over: Partial<Queue['items'][number]>): Queue['items'][number] => ({
  id: 'a1', no: 'BJ20260310000001', matterId: 'm1', matterName: '事项1', departmentName: '示例市公安局', status: 'accepted', statusLabel: '办理中',
  applicantName: '张*', dueDate: '2026-03-17', workdaysLeft: 5, urgency: 'normal', submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-10T01:00:00.000Z', ...over,
})
const queue = (items: Queue['items']): Queue => ({
  items, total: items.length, page: 1, pageSize: 20, matters: MATTERS, uncoveredYears: [],
  counts: { submitted: 0, accepted: items.length, supplement: 0, suspended: 0, completed: 0, rejected: 0, withdrawn: 0 },
})

const fetchMock = useGatewayMock()
const queueCalls = () => fetchMock.mock.calls.map(bodyOf).filter((b) => b.action === 'queue').map((b) => b.params)

function serve(reply: (params: Record<string, unknown>) => Queue) {
  localIdentity.set('local-staff-psb')
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action, params } = JSON.parse(init.body)
    return action === 'whoami' ? ok(whoamiStaff) : ok(reply(params))
  })
}

describe('staff queue', () => {
  it('keeps the 13 matter chips folded until 按事项筛选 is opened; choosing one folds them again', async () => {
    serve(() => queue([item({})]))
    render(<QueuePage />)
    await screen.findByText('BJ20260310000001 · 申请人 张*')
    expect(screen.queryByText('事项13')).toBeNull()
    fireEvent.click(screen.getByText(/按事项筛选/))
    fireEvent.click(await screen.findByText('事项13'))
    await waitFor(() => expect(queueCalls().at(-1)).toEqual({ matterId: 'm13' }))
    expect(screen.queryByText('事项12')).toBeNull()
    // The folded filter still says which matter the list shows.
    screen.getByText(/按事项筛选：事项13/)
  })

  it('finds a case by its 办件编号 and refuses a malformed number in Chinese', async () => {
    serve((p) => queue(p.no ? [item({ id: 'a9', no: 'BJ20260301000042', status: 'completed', statusLabel: '已办结' })] : [item({})]))
    render(<QueuePage />)
    await screen.findByText('BJ20260310000001 · 申请人 张*')
    const box = screen.getByPlaceholderText('输入办件编号，如 BJ20260310000001')
    fireEvent.change(box, { target: { value: '12345' } })
    fireEvent.click(screen.getByText('查找'))
    await screen.findByText('办件编号为 BJ 加 14 位数字，请核对')
    expect(queueCalls().some((p) => 'no' in p)).toBe(false)
    fireEvent.change(box, { target: { value: ' bj20260301000042 ' } })
    fireEvent.click(screen.getByText('查找'))
    await screen.findByText('BJ20260301000042 · 申请人 张*')
    expect(queueCalls().at(-1)).toEqual({ no: 'BJ20260301000042' })
    fireEvent.click(screen.getByText('清除查找'))
    await screen.findByText('BJ20260310000001 · 申请人 张*')
  })

  it('shows a paused case as 暂停计时 with the days left, never beside a due date', async () => {
    serve(() => queue([item({ status: 'suspended', statusLabel: '已挂起', dueDate: undefined, workdaysLeft: 3, urgency: 'paused' })]))
    render(<QueuePage />)
    await screen.findByText(/暂停计时/)
    const row = screen.getByText(/暂停计时/)
    expect(row.textContent).toBe('暂停计时 · 剩余3个工作日，恢复后重新计算到期日')
    expect(screen.queryByText(/到期 /)).toBeNull()
  })
})
