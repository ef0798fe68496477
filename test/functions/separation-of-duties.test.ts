/** Separation of duties on hall work: hall staff may not check in or mark a no-show on a booking they made themselves. */
import type { BookingView, SlotView } from '../../core/api';
import { shanghaiInstant } from '../../core/calendar/workdays';
import { forgetCalendar } from '../../cloudfunctions/booking/calendar-repo';
import { call, expectOk, startCloud } from './harness';
import { HALL_STAFF, PASSPORT, nextWorkdays, rid, seedAll } from './booking-helpers';

jest.setTimeout(120_000);

beforeEach(async () => {
  delete process.env.BOOKING_FAKE_NOW;
  forgetCalendar();
  startCloud();
  await seedAll();
});
afterAll(() => { delete process.env.BOOKING_FAKE_NOW; });

it('refuses hall staff checking in or marking a no-show on their own booking; a citizen\'s booking is theirs to handle', async () => {
  const [day] = nextWorkdays(1);
  const [slot, next] = expectOk(await call<SlotView[]>('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: day }));
  const own = expectOk(await call<BookingView>('booking', 'book', { slotId: slot.slotId, matterId: PASSPORT, requestId: rid() }, HALL_STAFF));
  const citizens = expectOk(await call<BookingView>('booking', 'book', { slotId: next.slotId, matterId: PASSPORT, requestId: rid() }, 'citizen-9'));

  process.env.BOOKING_FAKE_NOW = shanghaiInstant(day, '08:50').toISOString();
  expect(await call('booking', 'checkIn', { code: own.code }, HALL_STAFF))
    .toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('本人的预约') });
  expect(expectOk(await call<any>('booking', 'checkIn', { code: citizens.code }, HALL_STAFF))).toMatchObject({ status: 'checkedIn' });

  process.env.BOOKING_FAKE_NOW = shanghaiInstant(day, '23:00').toISOString();
  expect(await call('booking', 'markNoShow', { id: own.id }, HALL_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(expectOk(await call<BookingView[]>('booking', 'mine', {}, HALL_STAFF))[0].status).toBe('booked');
});
