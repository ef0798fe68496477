import type { Booking } from '../../core/booking/model';
import { eventId, type BookingEvent, type BookingEventType } from '../../core/events/outbox';
import type { Transaction } from '../shared/cloud';
import { body, OUTBOX } from './repo';

export const BOOKING_PAGE = '/packages/booking/pages/detail/index';

/**
 * The outbox event of a booking transition, written with `set` on a deterministic id inside the
 * transition's transaction: a replayed transition or an overlapping timer lands on the same document.
 */
export function bookingEvent(type: BookingEventType, b: Booking, at: Date, seq: number | string = 1, extra: Partial<BookingEvent> = {}): BookingEvent {
  return {
    _id: eventId(type, b._id, seq),
    type,
    openid: b.openid,
    at: at.toISOString(),
    status: 'pending',
    page: `${BOOKING_PAGE}?id=${b._id}`,
    priority: type === 'bookingCancelled' && b.cancelledBy === 'hall' ? 5 : 3,
    bookingId: b._id,
    bookingNo: b.no,
    matterId: b.matterId,
    matterName: b.matterName,
    hallId: b.hallId,
    hallName: b.hallName,
    hallAddress: b.hallAddress,
    slotStart: b.startAt,
    slotEnd: b.endAt,
    ...extra,
  };
}

export async function writeEvent(t: Transaction, e: BookingEvent): Promise<void> {
  await t.collection(OUTBOX).doc(e._id).set({ data: body(e) });
}
