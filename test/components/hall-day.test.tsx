import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import HallDayPage from '@/packages/staff/pages/hall-day/index'
import type { ResultOf, SlotView, StaffBookingView } from '@core/api'
import recorded from './recorded-replies.json'

const fetchMock = useGatewayMock()
const whoami = { ...(recorded.whoamiStaff as ResultOf<'account', 'whoami'>), halls: ['hall-center'] }
const hall: ResultOf<'booking', 'myHalls'>[number] = {
  hallId: 'hall-center', name: '示例市政务服务中心', address: '示例市新城区政务大道88号', hours: '', active: true,
  groups: [{ id: 'huzheng', name: '公安户政窗口', matterIds: [], template: null }, { id: 'exit-entry', name: '出入境窗口', matterIds: [], template: null }],
  matterNames: {},
}
const slot = (group: string, groupName: string, start: string, end: string): SlotView => ({
  slotId: `hall-center:${group}:2026-12-02:${start.replace(':', '')}`, start, end, capacity: 4, left: 3, held: 1,
  date: '2026-12-02', startAt: '2026-12-02T01:00:00.000Z', groupName,
})
const slots = [
  slot('huzheng', '公安户政窗口', '09:00', '09:30'), slot('exit-entry', '出入境窗口', '09:00', '09:30'),
  slot('huzheng', '公安户政窗口', '09:30', '10:00'), slot('exit-entry', '出入境窗口', '09:30', '10:00'),
]
const checkedIn: StaffBookingView = {
  id: 'bk0123456789abcdef012345', no: 'YY20261202123456', status: 'checkedIn', statusLabel: '已到场', matterName: '普通护照签发',
  groupName: '出入境窗口', slotId: slots[1].slotId, start: '09:00', end: '09:30', maskedOpenid: 'citi****enid', noShowable: false,
}

/** Replies by action; `checkIn` stays pending until released, like a slow counter network. */
function serve(): { release: () => void } {
  let release = () => undefined as void
  fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
    const { action } = JSON.parse(init.body)
    if (action === 'whoami') return ok(whoami)
    if (action === 'myHalls') return ok([hall])
    if (action === 'day') return ok({ hallId: 'hall-center', hallName: hall.name, date: '2026-12-02', slots, bookings: [] })
    if (action === 'checkIn') return new Promise((resolve) => { release = () => resolve(ok(checkedIn)) })
    return ok({})
  })
  return { release: () => release() }
}
const sent = (action: string) => fetchMock.mock.calls.filter((c) => bodyOf(c).action === action)

describe('hall day page', () => {
  it('names each slot by its window, never by the window code', async () => {
    serve()
    const { container } = render(<HallDayPage />)
    await screen.findAllByText(/公安户政窗口 · 容量4/)
    expect(screen.getAllByText(/出入境窗口 · 容量4/)).toHaveLength(2)
    expect(container.textContent).not.toMatch(/huzheng|exit-entry/)
  })

  it('opens the capacity editor right under the tapped slot', async () => {
    serve()
    const { container } = render(<HallDayPage />)
    await screen.findAllByText(/公安户政窗口 · 容量4/)
    const rows = container.querySelectorAll('.hall-day__slot')
    fireEvent.click(rows[1])
    const editor = container.querySelector('.hall-day__edit')!
    expect(editor).not.toBeNull()
    expect(editor.previousElementSibling).toBe(rows[1])
    expect(editor.textContent).toContain('出入境窗口 09:00-09:30')
  })

  it('sends one check-in for a double tap while the first is in flight', async () => {
    const slow = serve()
    render(<HallDayPage />)
    const input = await screen.findByPlaceholderText('输入群众出示的8位签到码')
    fireEvent.input(input, { target: { value: '72295652' } })
    const button = screen.getByText('签到')
    fireEvent.click(button)
    fireEvent.click(button)
    await waitFor(() => expect(sent('checkIn')).toHaveLength(1))
    slow.release()
    await screen.findByText(/已到场：普通护照签发/)
    expect(sent('checkIn')).toHaveLength(1)
    expect(bodyOf(sent('checkIn')[0])).toEqual({ action: 'checkIn', params: { code: '72295652' } })
  })
})
