/**
 * The booking state transitions, pure: each takes the stored documents and an instant and returns
 * the next documents (or throws the citizen-facing refusal). The booking function reads, calls
 * one of these, and writes every returned document in the same transaction.
 *
 *   booked ──cancel (citizen before the cutoff, or a hall closure)──▶ cancelled   (place returned)
 *     ├────checkIn (the visit day, at its hall)──────────────────────▶ checkedIn
 *     └────noShow (after the slot ended: staff or the timer)─────────▶ noShow      (place kept)
 *
 * A slot's places always satisfy `capacity = left + held`.
 */
import { DomainError } from '../envelope';
import type { Booking, BookingRules, CitizenState, Slot } from './model';
import { recordNoShow, withoutActive } from './rules';

const STATUS_NAMES: Record<Booking['status'], string> = { booked: '已预约', cancelled: '已取消', checkedIn: '已到场', noShow: '爽约' };

/** A new booking takes one place of its slot and joins the citizen's active list. */
export function book(slot: Slot, citizen: CitizenState, booking: Booking, at: Date): { slot: Slot; citizen: CitizenState } {
  return {
    slot: { ...slot, left: slot.left - 1, held: slot.held + 1, updatedAt: at.toISOString() },
    citizen: { ...citizen, active: [...citizen.active.filter((a) => Date.parse(a.endAt) > at.getTime()), { id: booking._id, endAt: slot.endAt }] },
  };
}

/** Cancelling returns the place and frees the citizen's active count. */
export function cancel(
  booking: Booking, slot: Slot, citizen: CitizenState, at: Date, by: 'citizen' | 'hall', reason: string,
): { booking: Booking; slot: Slot; citizen: CitizenState } {
  return {
    booking: { ...booking, status: 'cancelled', cancelledAt: at.toISOString(), cancelledBy: by, cancelReason: reason },
    slot: { ...slot, left: slot.left + 1, held: slot.held - 1, updatedAt: at.toISOString() },
    citizen: withoutActive(citizen, booking._id),
  };
}

/** Arrival at the counter; the place stays taken (it was used). */
export function checkIn(booking: Booking, citizen: CitizenState, at: Date, by: string): { booking: Booking; citizen: CitizenState } {
  return {
    booking: { ...booking, status: 'checkedIn', checkedInAt: at.toISOString(), checkedInBy: by },
    citizen: withoutActive(citizen, booking._id),
  };
}

/** Staff may mark a no-show only for a booking still open after its slot ended. */
export function assertNoShowable(booking: Booking, at: Date): void {
  if (booking.status !== 'booked') throw new DomainError('CONFLICT', `该预约状态为“${STATUS_NAMES[booking.status]}”，不能记为爽约`);
  if (Date.parse(booking.endAt) > at.getTime()) throw new DomainError('CONFLICT', `该时段${booking.end}结束后才能记为爽约`);
}

/** A no-show keeps the place (it was held) and counts towards a pause. */
export function noShow(
  booking: Booking, citizen: CitizenState, rules: BookingRules, at: Date, by: 'timer' | 'staff',
): { booking: Booking; citizen: CitizenState } {
  return {
    booking: { ...booking, status: 'noShow', noShowAt: at.toISOString(), noShowBy: by },
    citizen: recordNoShow(citizen, booking._id, rules, at),
  };
}

/** A new capacity, never below the places already held. */
export function setCapacity(slot: Slot, capacity: number, at: Date): Slot {
  if (capacity < slot.held) {
    throw new DomainError('CONFLICT', `该时段已有${slot.held}人预约，容量不能低于${slot.held}。如需减少，请先与已预约群众沟通或关闭该时段`, { held: slot.held });
  }
  return { ...slot, capacity, left: capacity - slot.held, updatedAt: at.toISOString() };
}

/** Closing stops new bookings at once; `closing` stays set while held bookings are still being cancelled. */
export function close(slot: Slot, reason: string, at: Date): Slot {
  return { ...slot, state: 'closed', closedReason: reason, closing: slot.held > 0, updatedAt: at.toISOString() };
}
