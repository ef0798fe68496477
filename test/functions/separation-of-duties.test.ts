/** Separation of duties on hall work: hall staff may not check in or mark a no-show on a booking they made themselves. */
import { shanghaiInstant } from '../../core/calendar/workdays';
import { call, expectOk, startCloud } from './harness';
import { HALL_STAFF, PASSPORT, bookingOnTestClock, nextWorkdays, rid, seedAll } from './booking-helpers';

jest.setTimeout(120_000);

let clock: ReturnType<typeof bookingOnTestClock>;

beforeEach(async () => {
  startCloud();
  clock = bookingOnTestClock();
  await seedAll();
});

it('refuses hall staff checking in or marking a no-show on their own booking; a citizen\'s booking is theirs to handle', async () => {
  const [day] = nextWorkdays(1);
  const [slot, next] = expectOk(await call('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: day }));
  const own = expectOk(await call('booking', 'book', { slotId: slot.slotId, matterId: PASSPORT, requestId: rid() }, HALL_STAFF));
  const citizens = expectOk(await call('booking', 'book', { slotId: next.slotId, matterId: PASSPORT, requestId: rid() }, 'citizen-9'));

  clock.set(shanghaiInstant(day, '08:50'));
  expect(await call('booking', 'checkIn', { code: own.code }, HALL_STAFF))
    .toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('本人的预约') });
  expect(expectOk(await call('booking', 'checkIn', { code: citizens.code }, HALL_STAFF))).toMatchObject({ status: 'checkedIn' });

  clock.set(shanghaiInstant(day, '23:00'));
  expect(await call('booking', 'markNoShow', { id: own.id }, HALL_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(expectOk(await call('booking', 'mine', {}, HALL_STAFF))[0].status).toBe('booked');
});
