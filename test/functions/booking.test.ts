import cloud = require('wx-server-sdk');
import type { BookingView, SlotView } from '../../core/api';
import type { Booking, Slot } from '../../core/booking/model';
import type { BookingEvent } from '../../core/events/outbox';
import type { Envelope } from '../../core/envelope';
import type { SweepReport } from '../../cloudfunctions/booking/handlers/timer';
import { shanghaiInstant } from '../../core/calendar/workdays';
import { declareCollections, invokeFunction } from '../../local-cloud';
import { ADMIN, CITIZEN, call, callBad, expectOk, startCloud } from './harness';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { bookingIdOf, hash } from '../../cloudfunctions/booking/repo';
import { codeFromSeed, luhnDigit } from '../../core/booking/codes';
import {
  HALL_STAFF, ID_CARD, MARRIAGE, MARRIAGE_STAFF, PASSPORT, TAX_RETURN, all, bookingOnTestClock, checkInvariant, firstWeekendAfterToday, nextWorkdays, rid, seedAll,
} from './booking-helpers';

jest.setTimeout(120_000);

const slotsOf = async (matterId: string, hallId: string, date: string) => expectOk(await call('booking', 'slots', { matterId, hallId, date }));
const book = (openid: string, slotId: string, matterId = PASSPORT, requestId = rid()) => call('booking', 'book', { slotId, matterId, requestId }, openid);
const timer = (time: Date) => invokeFunction('booking', { Type: 'Timer', TriggerName: 'sweep', Time: time.toISOString() }, { SOURCE: 'wx_trigger' }) as Promise<Envelope<SweepReport>>;

// These tests inspect the outbox events exactly as the function writes them; the post-commit kick
// (tested in test/functions/post-commit-kick.test.ts) would start consuming them.
process.env.PUSH_KICK = 'off';

let day1: string;
let day2: string;
let day3: string;
let clock: ReturnType<typeof bookingOnTestClock>;

beforeEach(async () => {
  startCloud();
  clock = bookingOnTestClock();
  await seedAll();
  [day1, day2, day3] = nextWorkdays(3);
});

describe('booking: halls and slots', () => {
  it('lists the halls whose windows serve a matter, none for a matter that needs no visit', async () => {
    const halls = expectOk(await call('booking', 'halls', { matterId: PASSPORT }));
    expect(halls.map((h) => h.hallId).sort()).toEqual(['hall-center', 'hall-exit-entry']);
    expect(halls.find((h) => h.hallId === 'hall-center')).toMatchObject({ name: '示例市政务服务中心', address: '示例市新城区政务大道88号', groupName: '出入境窗口' });
    expect(expectOk(await call('booking', 'halls', { matterId: TAX_RETURN }))).toEqual([]);
    expect(expectOk(await call('booking', 'halls', { matterId: MARRIAGE })).map((h) => h.hallId)).toEqual(['hall-marriage']);
  });

  it('offers template slots with live places on the next working days, none on a weekend', async () => {
    const slots = await slotsOf(PASSPORT, 'hall-center', day1);
    expect(slots).toHaveLength(13);
    expect(slots[0]).toMatchObject({ slotId: `hall-center:exit-entry:${day1}:0900`, start: '09:00', end: '09:30', capacity: 4, left: 4 });
    expect(await slotsOf(PASSPORT, 'hall-center', firstWeekendAfterToday())).toEqual([]);
    expectOk(await book(CITIZEN, slots[0].slotId));
    expect((await slotsOf(PASSPORT, 'hall-center', day1))[0].left).toBe(3);
    const wrongHall = await call('booking', 'slots', { matterId: MARRIAGE, hallId: 'hall-center', date: day1 });
    expect(wrongHall).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '该大厅不办理此事项，请选择其他办理地点' });
  });

  it('names the next 14 working days for the date picker, holidays greyed', async () => {
    const days = expectOk(await call('booking', 'days', { hallId: 'hall-center' }));
    expect(days.filter((d) => d.bookable)).toHaveLength(14);
    expect(days.filter((d) => !d.bookable).every((d) => !d.workday)).toBe(true);
  });
});

describe('booking: book, cancel, mine', () => {
  it('books a place with a number, an 8-digit code and a pending outbox event; the citizen sees it in mine', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    expect(b).toMatchObject({ status: 'booked', matterName: '普通护照签发', hallName: '示例市政务服务中心', start: '09:00', cancellable: true });
    expect(b.code).toMatch(/^\d{8}$/);
    expect(b.qr).toBe(`SLZW-BOOKING:${b.code}`);
    expect(b.no).toMatch(new RegExp(`^YY${day1.replace(/-/g, '')}\\d{6}$`));
    const mine = expectOk(await call('booking', 'mine', {}, CITIZEN));
    expect(mine.map((x) => x.id)).toEqual([b.id]);
    const events = await all<BookingEvent>('outbox');
    expect(events).toEqual([expect.objectContaining({ _id: `bookingBooked:${b.id}:1`, type: 'bookingBooked', status: 'pending', openid: CITIZEN, bookingNo: b.no, hallAddress: '示例市新城区政务大道88号' })]);
    await checkInvariant();
  });

  it('is idempotent on requestId, also when the same request arrives concurrently', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const requestId = rid();
    const results = await Promise.all(Array.from({ length: 8 }, () => book(CITIZEN, slot.slotId, PASSPORT, requestId)));
    const ids = new Set(results.map((r) => expectOk(r).id));
    expect(ids.size).toBe(1);
    expect((await slotsOf(PASSPORT, 'hall-center', day1))[0].left).toBe(3);
    expect(await all('bookings')).toHaveLength(1);
    expect(await all('outbox')).toHaveLength(1);
    // The same request id for another slot is a client bug, refused.
    expect(await book(CITIZEN, (await slotsOf(PASSPORT, 'hall-center', day1))[1].slotId, PASSPORT, requestId)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('cancels before the cutoff, giving the place back and writing a cancellation event', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    const c = expectOk(await call('booking', 'cancel', { id: b.id }, CITIZEN));
    expect(c).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancelledBy: 'citizen' });
    expect((await slotsOf(PASSPORT, 'hall-center', day1))[0].left).toBe(4);
    expect((await all<BookingEvent>('outbox')).map((e) => e._id).sort()).toEqual([`bookingBooked:${b.id}:1`, `bookingCancelled:${b.id}:1`]);
    // Booking the same matter that day again is fine once the first is cancelled.
    expectOk(await book(CITIZEN, slot.slotId));
    await checkInvariant();
  });

  it('refuses cancelling inside the cutoff with the reason', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    clock.set(shanghaiInstant(day1, '08:30'));
    const r = await call('booking', 'cancel', { id: b.id }, CITIZEN);
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('预约开始前1小时内不能在线取消') });
  });

  it("answers NOT_FOUND for someone else's booking and changes nothing", async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    expect(await call('booking', 'cancel', { id: b.id }, 'someone-else')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await all<Booking>('bookings'))[0].status).toBe('booked');
  });

  it('holds one booking per citizen per matter per day under concurrency', async () => {
    const slots = await slotsOf(PASSPORT, 'hall-center', day1);
    const results = await Promise.all(slots.slice(0, 6).map((s) => book(CITIZEN, s.slotId)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringContaining('同一事项每天只能保留一个预约') });
    // Another hall's slot the same day for the same matter is the same rule.
    const other = await slotsOf(PASSPORT, 'hall-exit-entry', day1);
    expect(await book(CITIZEN, other[0].slotId)).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    await checkInvariant();
  });

  it('allows at most 3 active bookings overall, explained', async () => {
    expectOk(await book(CITIZEN, (await slotsOf(PASSPORT, 'hall-center', day1))[0].slotId));
    expectOk(await book(CITIZEN, (await slotsOf(PASSPORT, 'hall-center', day2))[0].slotId));
    expectOk(await book(CITIZEN, (await slotsOf(ID_CARD, 'hall-center', day1))[0].slotId, ID_CARD));
    const fourth = await book(CITIZEN, (await slotsOf(MARRIAGE, 'hall-marriage', day3))[0].slotId, MARRIAGE);
    expect(fourth).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: expect.stringContaining('最多同时保留3个') });
  });
});

describe('booking: the race for the last place', () => {
  it('gives the last place to exactly one of 60 concurrent citizens; the rest hear 该时段已约满', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    expectOk(await call('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity: 1 }, HALL_STAFF));
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => book(`racer-${i}`, slot.slotId)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ code: 'CAPACITY_FULL', message: '该时段已约满，请选择其他时段' });
    expect((await slotsOf(PASSPORT, 'hall-center', day1))[0]).toMatchObject({ capacity: 1, left: 0 });
    expect(await all('bookings')).toHaveLength(1);
    expect(await all('outbox')).toHaveLength(1);
    await checkInvariant();
  });
});

describe('booking: bad input writes nothing', () => {
  const counts = async () => Promise.all(['bookings', 'booking_slots', 'outbox', 'booking_keys', 'booking_citizens'].map(async (c) => (await all(c)).length));

  it('refuses forged, past, weekend, closed-day and wrong-hall slots with clear messages', async () => {
    const before = await counts();
    const past = `hall-center:exit-entry:2026-01-05:0900`;
    const cases: [string, string, RegExp][] = [
      [`hall-center:exit-entry:${day1}:0915`, PASSPORT, /预约时段不存在/],
      [`hall-center:nope:${day1}:0900`, PASSPORT, /预约时段不存在/],
      ['hall-center:exit-entry:x', PASSPORT, /预约时段不存在/],
      [`hall-center:exit-entry:${firstWeekendAfterToday()}:0900`, PASSPORT, /预约时段不存在/],
      [past, PASSPORT, /已开始或已过去/],
      [`hall-center:exit-entry:${day1}:0900`, MARRIAGE, /不办理此事项/],
      [`hall-center:civil:${day1}:0900`, TAX_RETURN, /不办理此事项|无需到现场/],
    ];
    for (const [slotId, matterId, message] of cases) {
      const r = await book(CITIZEN, slotId, matterId);
      expect({ slotId, r }).toEqual({ slotId, r: expect.objectContaining({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(message) }) });
    }
    expect(await book(CITIZEN, `hall-center:exit-entry:${day1}:0900`, PASSPORT, 'x')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await callBad('booking', 'book', { slotId: { $gt: '' }, matterId: PASSPORT, requestId: rid() }, CITIZEN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await counts()).toEqual(before);
  });

  it('follows the admin calendar overrides: a closed weekday has no slots and refuses bookings', async () => {
    // The table belongs to another function (在线申办); until it is deployed the calendar has no overrides.
    declareCollections(['calendar_overrides']);
    expect((await slotsOf(PASSPORT, 'hall-center', day2)).length).toBeGreaterThan(0);
    const { _id, ...doc } = { _id: day2, date: day2, workday: false, name: '系统停机' };
    await cloud.database().collection('calendar_overrides').doc(_id).set({ data: doc });
    // The instance caches the calendar for a minute (on its clock), then reads the change.
    expect((await slotsOf(PASSPORT, 'hall-center', day2)).length).toBeGreaterThan(0);
    clock.set(new Date(Date.now() + 61_000));
    expect(await slotsOf(PASSPORT, 'hall-center', day2)).toEqual([]);
    const days = expectOk(await call('booking', 'days', { hallId: 'hall-center' }));
    expect(days.find((d) => d.date === day2)).toMatchObject({ bookable: false, name: '系统停机' });
    expect(await book(CITIZEN, `hall-center:exit-entry:${day2}:0900`)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses capacities below zero, absurd or fractional, and below what is booked (count shown)', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    for (const capacity of [-1, 100000, 2.5, '3']) {
      expect(await callBad('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity }, HALL_STAFF)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expectOk(await book('c1', slot.slotId));
    expectOk(await book('c2', slot.slotId));
    const low = await call('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity: 1 }, HALL_STAFF);
    expect(low).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('该时段已有2人预约，容量不能低于2') });
    expect(expectOk(await call('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity: 2 }, HALL_STAFF))).toMatchObject({ capacity: 2, left: 0, held: 2 });
    expect(await call('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity: 5 }, MARRIAGE_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('booking', 'setSlotCapacity', { slotId: slot.slotId, capacity: 5 }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('booking', 'setSlotCapacity', { slotId: `hall-center:exit-entry:${day1}:0901`, capacity: 5 }, HALL_STAFF)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await checkInvariant();
  });
});

describe('booking: hall staff', () => {
  it('closes part of a day: affected bookings cancelled with the reason and an event each, slots closed', async () => {
    const slots = await slotsOf(PASSPORT, 'hall-center', day1);
    const a = expectOk(await book('c1', slots[0].slotId));
    const b = expectOk(await book('c2', slots[0].slotId));
    const c = expectOk(await book('c3', slots[8].slotId)); // 14:30, outside the closure
    const idCard = expectOk(await book('c4', (await slotsOf(ID_CARD, 'hall-center', day1))[1].slotId, ID_CARD));
    const closed = expectOk(await call('booking', 'closeSlots', { hallId: 'hall-center', date: day1, from: '09:00', to: '12:00', reason: '线路检修停电' }, HALL_STAFF));
    const groups = expectOk(await call('booking', 'myHalls', {}, HALL_STAFF))[0].groups.length;
    expect(closed.length).toBe(6 * groups); // every window's six morning slots
    expect(closed.every((s) => s.closed && s.closedReason === '线路检修停电' && !s.closing && s.left === s.capacity)).toBe(true);
    const mine = expectOk(await call('booking', 'mine', {}, 'c1'));
    expect(mine[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'hall', cancelReason: '线路检修停电' });
    const events = (await all<BookingEvent>('outbox')).filter((e) => e.type === 'bookingCancelled');
    expect(events.map((e) => e.bookingId).sort()).toEqual([a.id, b.id, idCard.id].sort());
    expect(events.every((e) => e.reason === '线路检修停电' && e.cancelledBy === 'hall' && e.status === 'pending')).toBe(true);
    expect(expectOk(await call('booking', 'mine', {}, 'c3'))[0].status).toBe('booked');
    const after = await slotsOf(PASSPORT, 'hall-center', day1);
    expect(after[0]).toMatchObject({ closed: true, left: 0 });
    expect(await book('c9', slots[0].slotId)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('线路检修停电') });
    expect(await call('booking', 'closeSlots', { hallId: 'hall-center', date: day1, reason: '停电' }, MARRIAGE_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await checkInvariant();
    expect(c.status).toBe('booked');
  });

  it('checks a citizen in by code on the day at the right hall only', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    expect(await call('booking', 'checkIn', { code: b.code }, HALL_STAFF)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('不是今天的预约') });
    clock.set(shanghaiInstant(day1, '08:50'));
    expect(await call('booking', 'checkIn', { code: b.code }, MARRIAGE_STAFF)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const typo = b.code.slice(0, 7) + String((Number(b.code[7]) + 1) % 10);
    expect(await call('booking', 'checkIn', { code: typo }, HALL_STAFF)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const done = expectOk(await call('booking', 'checkIn', { code: `SLZW-BOOKING:${b.code}` }, HALL_STAFF));
    expect(done).toMatchObject({ id: b.id, status: 'checkedIn', statusLabel: '已到场' });
    expect(await call('booking', 'checkIn', { code: b.code }, HALL_STAFF)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已于') });
    expect(expectOk(await call('booking', 'mine', {}, CITIZEN))[0].status).toBe('checkedIn');
    const dayList = expectOk(await call('booking', 'day', { hallId: 'hall-center', date: day1 }, HALL_STAFF));
    expect(dayList.bookings).toEqual([expect.objectContaining({ id: b.id, status: 'checkedIn' })]);
    expect(dayList.bookings[0]).not.toHaveProperty('code');
    // Slots name their window as staff know it, not by its code.
    expect(dayList.slots.find((s: SlotView) => s.slotId === slot.slotId)).toMatchObject({ groupName: '出入境窗口' });
    expect(await call('booking', 'day', { hallId: 'hall-center', date: day1 }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('says what is wrong with a check-in code, and answers for another hall exactly as for an unknown code', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b = expectOk(await book(CITIZEN, slot.slotId));
    clock.set(shanghaiInstant(day1, '08:50'));
    // A code of another hall must not be told apart from one nobody holds.
    const unknown = ['1234567', '7654321'].map((body) => `${body}${luhnDigit(body)}`).find((c) => c !== b.code)!;
    const otherHall = await call('booking', 'checkIn', { code: b.code }, MARRIAGE_STAFF);
    const nobody = await call('booking', 'checkIn', { code: unknown }, MARRIAGE_STAFF);
    expect(otherHall).toEqual(nobody);
    expect(otherHall).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(JSON.stringify(otherHall)).not.toContain('政务服务中心');
    // A mistyped digit is named as such, not as a wrong length.
    const typo = b.code.slice(0, 7) + String((Number(b.code[7]) + 1) % 10);
    const typoReply = await call('booking', 'checkIn', { code: typo }, HALL_STAFF);
    expect(typoReply).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('校验位') });
    expect(typoReply).not.toMatchObject({ message: expect.stringContaining('应为8位数字') });
    expect(await call('booking', 'checkIn', { code: '1234' }, HALL_STAFF)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('应为8位数字') });
    // A cancelled booking of another day says it is cancelled, not that it is another day's.
    const [later] = await slotsOf(PASSPORT, 'hall-center', day2);
    clock.set(new Date());
    const c = expectOk(await book('citizen-2-openid', later.slotId));
    expectOk(await call('booking', 'cancel', { id: c.id }, 'citizen-2-openid'));
    clock.set(shanghaiInstant(day1, '08:50'));
    const cancelled = await call('booking', 'checkIn', { code: c.code }, HALL_STAFF);
    expect(cancelled).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已取消') });
    expect(cancelled).not.toMatchObject({ message: expect.stringContaining('不是今天') });
  });

  it('keeps check-in codes unique per visit day, so they never run out: the same code names one booking a day', async () => {
    const [s1] = await slotsOf(PASSPORT, 'hall-center', day1);
    const b1 = expectOk(await book(CITIZEN, s1.slotId));
    // The code the next booking will be offered first…
    const other = 'citizen-2-openid';
    const r2 = rid();
    const x = codeFromSeed(hash(`${bookingIdOf(other, r2)}:0`));
    // …is already b1's on day 1 (as if issued to it).
    const db = getDb();
    await db.collection('booking_codes').doc(`${day1}:${b1.code}`).remove();
    await db.collection('booking_codes').doc(`${day1}:${x}`).set({ data: { bookingId: b1.id, code: x, hallId: 'hall-center', date: day1 } });
    await db.collection('bookings').doc(b1.id).update({ data: { code: x } });
    // On day 2 the same code is free and is issued again.
    const [s2] = await slotsOf(PASSPORT, 'hall-center', day2);
    const b2 = expectOk(await book(other, s2.slotId, PASSPORT, r2));
    expect(b2.code).toBe(x);
    // Each day's counter finds that day's booking.
    clock.set(shanghaiInstant(day1, '08:50'));
    expect(expectOk(await call('booking', 'checkIn', { code: x }, HALL_STAFF))).toMatchObject({ id: b1.id, status: 'checkedIn' });
    clock.set(shanghaiInstant(day2, '08:50'));
    expect(expectOk(await call('booking', 'checkIn', { code: x }, HALL_STAFF))).toMatchObject({ id: b2.id, status: 'checkedIn' });
    // Another day: refused, naming the latest day the code was issued for.
    clock.set(shanghaiInstant(day3, '08:50'));
    expect(await call('booking', 'checkIn', { code: x }, HALL_STAFF)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('不是今天的预约') });
    await checkInvariant();
  });

  it('lets staff edit a template (slot length and capacity) and the slots follow', async () => {
    expectOk(await call('booking', 'saveTemplate', { hallId: 'hall-center', group: 'exit-entry', slotMinutes: 60, capacity: 5 }, HALL_STAFF));
    const slots = await slotsOf(PASSPORT, 'hall-center', day1);
    expect(slots.map((s) => s.start)).toEqual(['09:00', '10:00', '11:00', '13:30', '14:30', '15:30']);
    expect(slots[0]).toMatchObject({ capacity: 5, left: 5 });
    expect(await call('booking', 'saveTemplate', { hallId: 'hall-marriage', group: 'marriage', slotMinutes: 60, capacity: 5 }, HALL_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const mineHalls = expectOk(await call('booking', 'myHalls', {}, HALL_STAFF));
    expect(mineHalls.map((h) => h.hallId)).toEqual(['hall-center']);
    // The editor shows served matters by name (from the published catalogue).
    expect(mineHalls[0].matterNames[PASSPORT]).toBe('普通护照签发');
    expect(Object.keys(mineHalls[0].matterNames).length).toBe(new Set(mineHalls[0].groups.flatMap((g) => g.matterIds)).size);
  });

  it('lets an admin create a hall with windows and served matters; codes outside the catalogue come back without a name', async () => {
    const input = {
      hallId: 'hall-east', name: '示例市东城区政务服务中心', address: '示例市东城区建设路1号', hours: '周一至周五 9:00-17:00', active: true,
      groups: [{ id: 'police', name: '公安综合窗口', location: '一楼A区', matterIds: [PASSPORT, ID_CARD, 'NOT-IN-CATALOGUE'] }],
    };
    expect(await call('booking', 'saveHall', input, HALL_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const created = expectOk(await call('booking', 'saveHall', input, ADMIN));
    expect(created.matterNames).toEqual({ [PASSPORT]: '普通护照签发', [ID_CARD]: expect.any(String) });
    expect(created.groups[0]).toMatchObject({ id: 'police', location: '一楼A区', template: null });
    expectOk(await call('booking', 'saveTemplate', { hallId: 'hall-east', group: 'police', slotMinutes: 30, capacity: 2 }, ADMIN));
    // Citizens see it for the matter once it has a template.
    const halls = expectOk(await call('booking', 'halls', { matterId: PASSPORT }, CITIZEN));
    expect(halls.map((h) => h.hallId)).toContain('hall-east');
  });
});

describe('booking: the timer', () => {
  it('marks unchecked bookings as no-shows after the slot ends, once, and pauses after 3 in 90 days', async () => {
    const bookings: BookingView[] = [];
    for (const [d, matter] of [[day1, PASSPORT], [day2, PASSPORT], [day3, PASSPORT]] as const) {
      bookings.push(expectOk(await book(CITIZEN, (await slotsOf(matter, 'hall-center', d))[0].slotId, matter)));
    }
    const afterFirst = new Date(Date.parse(bookings[0].endAt) + 60_000);
    const r1 = await timer(afterFirst);
    expect(r1).toMatchObject({ ok: true, data: { noShows: 1 } });
    expect(expectOk(await timer(afterFirst)).noShows).toBe(0);
    const afterAll = new Date(Date.parse(bookings[2].endAt) + 60_000);
    expect(expectOk(await timer(afterAll)).noShows).toBe(2);
    const events = (await all<BookingEvent>('outbox')).filter((e) => e.type === 'bookingNoShow');
    expect(events.map((e) => e._id).sort()).toEqual(bookings.map((b) => `bookingNoShow:${b.id}:1`).sort());
    expect(expectOk(await call('booking', 'mine', {}, CITIZEN)).every((b) => b.status === 'noShow')).toBe(true);
    expect((await all('booking_no_shows')).length).toBe(3);
    // Booking is now paused.
    clock.set(afterAll);
    const later = nextWorkdays(6)[5];
    const paused = await book(CITIZEN, `hall-marriage:marriage:${later}:0900`, MARRIAGE);
    expect(paused).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: expect.stringContaining('预约功能暂停至') });
    await checkInvariant();
  });

  it('writes one 预约提醒 per booking on the eve of the visit from 18:00 Shanghai', async () => {
    const b = expectOk(await book(CITIZEN, (await slotsOf(PASSPORT, 'hall-center', day2))[0].slotId));
    const eve = new Date(Date.parse(`${day2}T00:00:00+08:00`) - 6 * 3600_000); // 18:00 the day before
    expect(expectOk(await timer(new Date(eve.getTime() - 60_000))).reminders).toBe(0); // 17:59
    expect(expectOk(await timer(eve)).reminders).toBe(1);
    expect(expectOk(await timer(new Date(eve.getTime() + 600_000))).reminders).toBe(0);
    const reminders = (await all<BookingEvent>('outbox')).filter((e) => e.type === 'bookingReminder');
    expect(reminders).toEqual([expect.objectContaining({ _id: `bookingReminder:${b.id}:${day2}`, status: 'pending', openid: CITIZEN })]);
  });

  it('finishes a closure that ran out of time: the timer cancels what is left, with the reason', async () => {
    const [slot] = await slotsOf(PASSPORT, 'hall-center', day1);
    const a = expectOk(await book('c1', slot.slotId));
    const b = expectOk(await book('c2', slot.slotId));
    // What closeSlots leaves when its time budget ends: the slot closed, still cancelling.
    const db = cloud.database();
    await db.collection('booking_slots').doc(slot.slotId).update({ data: { state: 'closed', closedReason: '临时停电', closing: true } });
    expect(await book('c3', slot.slotId)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const r = await timer(new Date());
    expect(r).toMatchObject({ ok: true, data: { closuresResumed: 1, cancelled: 2, complete: true } });
    const events = (await all<BookingEvent>('outbox')).filter((e) => e.type === 'bookingCancelled');
    expect(events.map((e) => e.bookingId).sort()).toEqual([a.id, b.id].sort());
    expect(events.every((e) => e.reason === '临时停电')).toBe(true);
    expect((await all<Slot>('booking_slots')).find((s) => s._id === slot.slotId)).toMatchObject({ closing: false, left: 4, held: 0 });
    expect(expectOk(await timer(new Date())).closuresResumed).toBe(0);
    await checkInvariant();
  });

  it('runs only for the trigger service, not for a client posting a timer-shaped body', async () => {
    const r = await invokeFunction('booking', { Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() }, { OPENID: CITIZEN });
    expect(r).toMatchObject({ ok: false });
  });
});

describe('booking: invariant under random concurrent operations', () => {
  it('keeps capacity = left + active bookings on every slot after 1000 random book/cancel/close/capacity operations', async () => {
    const slotPool = [
      ...(await slotsOf(PASSPORT, 'hall-center', day1)).slice(0, 4),
      ...(await slotsOf(PASSPORT, 'hall-center', day2)).slice(0, 3),
      ...(await slotsOf(ID_CARD, 'hall-center', day1)).slice(0, 3),
    ].map((s) => ({ slotId: s.slotId, matter: s.slotId.includes(':huzheng:') ? ID_CARD : PASSPORT }));
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const booked: { id: string; openid: string }[] = [];
    const outcomes: Record<string, number> = {};
    const op = async () => {
      const k = rnd(100);
      let r: any;
      if (k < 60) {
        const s = slotPool[rnd(slotPool.length)];
        const openid = `p-${rnd(80)}`;
        r = await book(openid, s.slotId, s.matter);
        if (r.ok) booked.push({ id: r.data.id, openid });
      } else if (k < 88 && booked.length) {
        const b = booked[rnd(booked.length)];
        r = await call('booking', 'cancel', { id: b.id }, b.openid);
      } else if (k < 96) {
        const s = slotPool[rnd(slotPool.length)];
        r = await call('booking', 'setSlotCapacity', { slotId: s.slotId, capacity: 1 + rnd(6) }, HALL_STAFF);
      } else {
        const [, , date, hhmm] = slotPool[rnd(slotPool.length)].slotId.split(':');
        const from = `${hhmm.slice(0, 2)}:${hhmm.slice(2)}`;
        r = await call('booking', 'closeSlots', { hallId: 'hall-center', date, from, to: from.replace(/:(\d\d)$/, (_m, mm) => `:${mm === '00' ? '30' : '59'}`), reason: '随机关闭测试' }, HALL_STAFF);
      }
      const key = r ? (r.ok ? 'ok' : r.code) : 'skip';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    };
    // 1000 operations, 25 in flight at a time.
    for (let i = 0; i < 1000; i += 25) await Promise.all(Array.from({ length: 25 }, op));
    expect(outcomes.INTERNAL ?? 0).toBe(0);
    expect(outcomes.ok).toBeGreaterThan(100);
    const { slots } = await checkInvariant();
    expect(slots).toBeGreaterThan(0);
  });
});
