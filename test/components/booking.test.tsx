import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useGatewayMock, ok, bodyOf } from './gateway-mock'
import { __test } from './taro-shim'
import BookingDetail from '@/packages/booking/pages/detail/index'
import { BookingEntry } from '@/packages/matters/components/booking-entry'
import { BookingTicket } from '@/packages/booking/components/booking-ticket'
import { storedMatter } from './matter-fixture'
import type { BookingView } from '@core/api'

const fetchMock = useGatewayMock()
const hall = { hallId: 'hall-center', name: '示例市政务服务中心', address: '示例市新城区政务大道88号', hours: '', groupName: '出入境窗口' }

describe('预约办理 on the guide', () => {
  it('shows the button for a matter needing a visit when a hall serves it', async () => {
    fetchMock.mockResolvedValue(ok([hall]))
    const matter = storedMatter({ name: '普通护照签发' })
    render(<BookingEntry matter={{ ...matter, channels: { ...matter.channels, onsiteVisits: 1, appointment: false } }} />)
    await screen.findByText('预约办理')
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'halls', params: { matterId: matter._id } })
    expect(screen.getByText(/需到现场1次，可预约1个办理地点/)).toBeTruthy()
  })

  it('shows nothing when no hall serves the matter', async () => {
    fetchMock.mockResolvedValue(ok([]))
    const matter = storedMatter()
    const { container } = render(<BookingEntry matter={{ ...matter, channels: { ...matter.channels, onsiteVisits: 1 } }} />)
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    expect(container.textContent).toBe('')
  })

  it('never asks the server for a matter that needs no visit and takes no booking', () => {
    const matter = storedMatter()
    const { container } = render(<BookingEntry matter={{ ...matter, channels: { ...matter.channels, onsiteVisits: 0, appointment: false, onsiteReason: undefined } }} />)
    expect(fetchMock).not.toHaveBeenCalled()
    expect(container.textContent).toBe('')
  })
})

const booking: BookingView = {
  id: 'bk0123456789abcdef012345', no: 'YY20261202123456', code: '72295652', qr: 'SLZW-BOOKING:72295652', status: 'booked', statusLabel: '已预约',
  matterId: 'm', matterName: '普通护照签发', hallId: 'hall-center', hallName: '示例市政务服务中心', hallAddress: '示例市新城区政务大道88号',
  groupName: '出入境窗口', date: '2026-12-02', start: '09:00', end: '09:30', startAt: '2026-12-02T01:00:00.000Z', endAt: '2026-12-02T01:30:00.000Z',
  cancellable: true, cancelDeadline: '2026-12-02T00:00:00.000Z',
}

describe('booking ticket', () => {

  it('shows the digits grouped and a QR matrix while the booking is usable', () => {
    const { container } = render(<BookingTicket booking={booking} />)
    expect(screen.getByText('7229 5652')).toBeTruthy()
    expect(screen.getByText('YY20261202123456')).toBeTruthy()
    // Version 2 QR: 25 × 25 modules.
    expect(container.querySelectorAll('.booking-ticket__qr-row')).toHaveLength(25)
    expect(container.querySelectorAll('.booking-ticket__qr-cell--dark').length).toBeGreaterThan(150)
  })

  it('hides the QR code once the booking is used or cancelled, explaining a hall cancellation', () => {
    const { container } = render(<BookingTicket booking={{ ...booking, status: 'cancelled', statusLabel: '已取消', cancelledBy: 'hall', cancelReason: '线路检修停电', cancellable: false }} />)
    expect(container.querySelector('.booking-ticket__qr')).toBeNull()
    expect(screen.getByText('大厅取消：线路检修停电')).toBeTruthy()
  })

  it('shows a cancelled ticket as 已取消 in place of the big code, which can no longer be used', () => {
    const { container } = render(<BookingTicket booking={{ ...booking, status: 'cancelled', statusLabel: '已取消', cancelledBy: 'citizen', cancelReason: '本人取消', cancellable: false }} />)
    expect(screen.queryByText('7229 5652')).toBeNull()
    expect(container.querySelector('.booking-ticket__code')).toBeNull()
    expect(container.textContent).not.toContain('72295652')
    expect(container.querySelector('.booking-ticket__void')?.textContent).toBe('已取消')
  })
})

describe('booking detail', () => {
  it('sends one cancel for a double tap on 取消预约 while the first is in flight', async () => {
    __test.router.params = { id: booking.id }
    let release = () => undefined as void
    fetchMock.mockImplementation(async (_url: string, init: { body: string }) => {
      const { action } = JSON.parse(init.body)
      if (action === 'cancel') return new Promise((resolve) => { release = () => resolve(ok({ ...booking, status: 'cancelled', statusLabel: '已取消' })) })
      return ok([booking])
    })
    render(<BookingDetail />)
    const cancel = await screen.findByText('取消预约')
    fireEvent.click(cancel)
    fireEvent.click(cancel)
    const cancels = () => fetchMock.mock.calls.filter((c) => bodyOf(c).action === 'cancel')
    await waitFor(() => expect(cancels()).toHaveLength(1))
    release()
    await waitFor(() => expect(fetchMock.mock.calls.filter((c) => bodyOf(c).action === 'mine').length).toBeGreaterThan(1))
    expect(cancels()).toHaveLength(1)
  })
})
