/** booking.book links an application only when it is the caller's own, for the same matter. */
import { getDb } from '../../cloudfunctions/shared/cloud';
import { CITIZEN, call, expectOk, startCloud } from './harness';
import { ID_CARD, PASSPORT, bookingOnTestClock, nextWorkdays, rid, seedAll } from './booking-helpers';

jest.setTimeout(120_000);

const OTHER = 'citizen-2-openid';

beforeEach(async () => {
  startCloud();
  bookingOnTestClock();
  await seedAll();
  // Two applications as affairs stores them (only the fields booking relies on).
  for (const [id, openid, matterId] of [['app-mine', CITIZEN, PASSPORT], ['app-theirs', OTHER, PASSPORT], ['app-other-matter', CITIZEN, ID_CARD]]) {
    await getDb().collection('applications').doc(id).set({ data: { openid, matterId, status: 'submitted' } });
  }
});

it('refuses another citizen\'s application as NOT_FOUND, one for another matter as INVALID_INPUT, and links one\'s own', async () => {
  const [day] = nextWorkdays(1);
  const [slot] = expectOk(await call('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: day }));
  const book = (applicationId: string) => call('booking', 'book', { slotId: slot.slotId, matterId: PASSPORT, requestId: rid(), applicationId }, CITIZEN);

  expect(await book('app-theirs')).toMatchObject({ ok: false, code: 'NOT_FOUND', message: expect.stringContaining('申办') });
  // Unknown and foreign answer alike: nothing reveals that someone else's application exists.
  expect(await book('app-nobody')).toEqual(await book('app-theirs'));
  expect(await book('app-other-matter')).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('不是该事项') });
  expect(expectOk(await call('booking', 'mine', {}, CITIZEN))).toEqual([]);

  expect(expectOk(await book('app-mine'))).toMatchObject({ status: 'booked', applicationId: 'app-mine' });
});
