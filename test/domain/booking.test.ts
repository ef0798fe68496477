import { createCalendar, shanghaiInstant } from '../../core/calendar/workdays';
import { refusalOf } from './refusal';
import { DEFAULT_RULES, rulesFromEnv, type Booking, type SlotTemplate } from '../../core/booking/model';
import { assertTemplate, cutPeriods, parseSlotId, slotIdOf, standardWeekly, templateSlots } from '../../core/booking/slots';
import {
  assertCheckIn, assertCitizenMayCancel, assertMayBook, assertSlotBookable, emptyCitizen, recordNoShow, reminderDateDue,
} from '../../core/booking/rules';
import { codeFromInput, codeFromSeed, isValidCode, luhnDigit, qrPayload } from '../../core/booking/codes';
import * as machine from '../../core/booking/machine';

const calendar = createCalendar();
const template: SlotTemplate = {
  _id: 'hall-center:huzheng', hallId: 'hall-center', group: 'huzheng', slotMinutes: 30, capacity: 4, weekly: standardWeekly(),
};

const codeOf = refusalOf;

describe('booking slots from weekly templates', () => {
  it('cuts 9:00–12:00 and 13:30–17:00 into 30-minute slots on an ordinary working day', () => {
    const slots = templateSlots(template, '2026-12-02', calendar);
    expect(slots).toHaveLength(13);
    expect(slots[0]).toMatchObject({ _id: 'hall-center:huzheng:2026-12-02:0900', start: '09:00', end: '09:30', capacity: 4, left: 4, held: 0 });
    expect(slots[5].end).toBe('12:00');
    expect(slots[6].start).toBe('13:30');
    expect(slots[12]).toMatchObject({ start: '16:30', end: '17:00' });
    // Asia/Shanghai instants whatever the process zone.
    expect(slots[0].startAt).toBe('2026-12-02T01:00:00.000Z');
  });

  it('gives no slots on a statutory holiday that falls on a weekday (国庆节) or on an ordinary weekend', () => {
    expect(templateSlots(template, '2026-10-01', calendar)).toEqual([]);
    expect(templateSlots(template, '2026-12-05', calendar)).toEqual([]);
  });

  it('opens a 调休 working Saturday with the makeUpWeekday periods (default Monday)', () => {
    const weekly = { ...standardWeekly(), 1: [{ from: '09:00', to: '10:00' }], 5: [{ from: '14:00', to: '15:00' }] };
    const monday = templateSlots({ ...template, weekly }, '2026-10-10', calendar);
    expect(monday.map((s) => s.start)).toEqual(['09:00', '09:30']);
    const friday = templateSlots({ ...template, weekly, makeUpWeekday: 5 }, '2026-10-10', calendar);
    expect(friday.map((s) => s.start)).toEqual(['14:00', '14:30']);
  });

  it('follows the admin override table over the library (a local closure, a worked Saturday)', () => {
    const own = createCalendar({ days: [{ date: '2026-12-02', workday: false, name: '系统停机' }, { date: '2026-12-05', workday: true }], coveredYears: [] });
    expect(templateSlots(template, '2026-12-02', own)).toEqual([]);
    expect(templateSlots(template, '2026-12-05', own)).toHaveLength(13);
  });

  it('drops a trailing remainder shorter than a slot', () => {
    expect(cutPeriods([{ from: '09:00', to: '10:10' }], 30).map((s) => s.start)).toEqual(['09:00', '09:30']);
  });

  it('round-trips slot ids and rejects forged ones', () => {
    const id = slotIdOf({ hallId: 'hall-center', group: 'huzheng', date: '2026-12-02', start: '13:30' });
    expect(id).toBe('hall-center:huzheng:2026-12-02:1330');
    expect(parseSlotId(id)).toEqual({ hallId: 'hall-center', group: 'huzheng', date: '2026-12-02', start: '13:30' });
    for (const bad of ['', 'x', 'hall-center:huzheng:2026-02-30:0900', 'hall-center:huzheng:2026-12-02:2500', 'Hall:x:2026-12-02:0900', 'a:b:c:d:e']) {
      expect(parseSlotId(bad)).toBeNull();
    }
  });

  it('refuses templates with overlapping or inverted periods', () => {
    expect(codeOf(() => assertTemplate({ slotMinutes: 30, weekly: { 1: [{ from: '10:00', to: '09:00' }] } }))).toMatch(/^INVALID_INPUT:.*晚于/);
    expect(codeOf(() => assertTemplate({ slotMinutes: 30, weekly: { 1: [{ from: '09:00', to: '11:00' }, { from: '10:30', to: '12:00' }] } }))).toMatch(/重叠/);
    expect(codeOf(() => assertTemplate({ slotMinutes: 30, weekly: { 6: [{ from: '09:00', to: '11:00' }] } }))).toMatch(/周一至周五/);
    expect(codeOf(() => assertTemplate({ slotMinutes: 30, weekly: standardWeekly() }))).toBe('ok');
  });
});

describe('booking limits', () => {
  const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Shanghai
  const slot = templateSlots(template, '2026-12-02', calendar)[0];

  it('allows up to maxActive open bookings, then explains the limit', () => {
    const state = { ...emptyCitizen('o'), active: [1, 2].map((i) => ({ id: `b${i}`, endAt: '2026-12-03T00:00:00Z' })) };
    expect(codeOf(() => assertMayBook(state, DEFAULT_RULES, now))).toBe('ok');
    state.active.push({ id: 'b3', endAt: '2026-12-03T00:00:00Z' });
    expect(codeOf(() => assertMayBook(state, DEFAULT_RULES, now))).toMatch(/^LIMIT_REACHED:您已有3个未完成的预约/);
    // Ended bookings no longer count, even before the no-show timer ran.
    expect(codeOf(() => assertMayBook(state, DEFAULT_RULES, new Date('2026-12-03T01:00:00Z')))).toBe('ok');
    expect(codeOf(() => assertMayBook(state, { ...DEFAULT_RULES, maxActive: 5 }, now))).toBe('ok');
  });

  it('pauses booking for 30 days after 3 no-shows within 90 days', () => {
    let s = emptyCitizen('o');
    s = recordNoShow(s, 'a', DEFAULT_RULES, new Date('2026-06-01T02:00:00Z'));
    s = recordNoShow(s, 'b', DEFAULT_RULES, new Date('2026-09-15T02:00:00Z'));
    s = recordNoShow(s, 'c', DEFAULT_RULES, new Date('2026-10-01T02:00:00Z'));
    // The first is outside the 90-day window: no pause yet.
    expect(s.pausedUntil).toBeUndefined();
    expect(s.noShows).toHaveLength(2);
    s = recordNoShow(s, 'd', DEFAULT_RULES, new Date('2026-11-20T02:00:00Z'));
    expect(s.pausedUntil).toBe('2026-12-20T02:00:00.000Z');
    expect(codeOf(() => assertMayBook(s, DEFAULT_RULES, now))).toMatch(/^LIMIT_REACHED:您在90天内已有3次预约未到场，预约功能暂停至12月20日/);
    expect(codeOf(() => assertMayBook(s, DEFAULT_RULES, new Date('2026-12-21T00:00:00Z')))).toBe('ok');
  });

  it('refuses past, holiday, out-of-horizon, closed and full slots with clear messages', () => {
    expect(codeOf(() => assertSlotBookable(slot, DEFAULT_RULES, calendar, now))).toBe('ok');
    expect(codeOf(() => assertSlotBookable(slot, DEFAULT_RULES, calendar, new Date('2026-12-02T01:30:00Z')))).toMatch(/已开始或已过去/);
    const holiday = { ...slot, date: '2026-10-01', startAt: shanghaiInstant('2026-10-01', '09:00').toISOString() };
    expect(codeOf(() => assertSlotBookable(holiday, DEFAULT_RULES, calendar, new Date('2026-09-20T00:00:00Z')))).toMatch(/10月1日是国庆节/);
    expect(codeOf(() => assertSlotBookable(slot, { ...DEFAULT_RULES, horizonWorkdays: 1 }, calendar, now))).toMatch(/1个工作日内/);
    expect(codeOf(() => assertSlotBookable({ ...slot, state: 'closed', closedReason: '停电检修' }, DEFAULT_RULES, calendar, now))).toMatch(/停电检修/);
    expect(codeOf(() => assertSlotBookable({ ...slot, left: 0, held: 4 }, DEFAULT_RULES, calendar, now))).toBe('CAPACITY_FULL:该时段已约满，请选择其他时段');
  });

  const booking = {
    _id: 'b', status: 'booked', hallId: 'hall-center', hallName: '示例市政务服务中心', date: '2026-12-02',
    startAt: '2026-12-02T01:00:00.000Z',
  } as Booking;

  it('lets a citizen cancel until the cutoff (default 1 hour before start)', () => {
    expect(codeOf(() => assertCitizenMayCancel(booking, DEFAULT_RULES, new Date('2026-12-02T00:00:00Z')))).toBe('ok');
    expect(codeOf(() => assertCitizenMayCancel(booking, DEFAULT_RULES, new Date('2026-12-02T00:00:01Z')))).toMatch(/^CONFLICT:预约开始前1小时内不能在线取消（本预约09:00开始）/);
    expect(codeOf(() => assertCitizenMayCancel(booking, { ...DEFAULT_RULES, cancelCutoffMinutes: 30 }, new Date('2026-12-02T00:20:00Z')))).toBe('ok');
    expect(codeOf(() => assertCitizenMayCancel({ ...booking, status: 'checkedIn' }, DEFAULT_RULES, now))).toMatch(/已到场/);
  });

  it('checks in only today’s bookings of this hall', () => {
    const today = new Date('2026-12-02T02:00:00Z');
    expect(codeOf(() => assertCheckIn(booking, 'hall-center', today))).toBe('ok');
    expect(codeOf(() => assertCheckIn(booking, 'hall-marriage', today))).toMatch(/^FORBIDDEN:该预约属于示例市政务服务中心/);
    expect(codeOf(() => assertCheckIn(booking, 'hall-center', now))).toMatch(/^CONFLICT:该预约是12月2日的，不是今天的预约/);
    // 00:30 on the 2nd in Shanghai is still the 1st in UTC: the day is Shanghai's.
    expect(codeOf(() => assertCheckIn(booking, 'hall-center', new Date('2026-12-01T16:30:00Z')))).toBe('ok');
    expect(codeOf(() => assertCheckIn({ ...booking, status: 'cancelled' }, 'hall-center', today))).toMatch(/已取消/);
    // Cancelled is what is wrong with a cancelled code of another day, not its day.
    expect(codeOf(() => assertCheckIn({ ...booking, status: 'cancelled' }, 'hall-center', now))).toBe('CONFLICT:该预约已取消，不能签到');
  });

  it('writes eve-of-visit reminders only during the evening hours in Shanghai', () => {
    expect(reminderDateDue(DEFAULT_RULES, new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-02'); // 18:00
    expect(reminderDateDue(DEFAULT_RULES, new Date('2026-12-01T09:59:00Z'))).toBeNull(); // 17:59
    expect(reminderDateDue(DEFAULT_RULES, new Date('2026-12-01T14:00:00Z'))).toBeNull(); // 22:00
  });

  it('reads the rules from the environment, ignoring nonsense', () => {
    expect(rulesFromEnv({ BOOKING_MAX_ACTIVE: '5', BOOKING_CANCEL_CUTOFF_MINUTES: '30', BOOKING_PAUSE_DAYS: 'x', BOOKING_NO_SHOW_LIMIT: '-1' }))
      .toMatchObject({ maxActive: 5, cancelCutoffMinutes: 30, pauseDays: 30, noShowLimit: 3 });
  });
});

describe('booking transitions', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const slot = { ...templateSlots(template, '2026-12-02', calendar)[0], left: 3, held: 1 };
  const booking = { _id: 'b1', status: 'booked', slotId: slot._id, end: '09:30', endAt: slot.endAt } as Booking;
  const citizen = { ...emptyCitizen('o'), active: [{ id: 'b1', endAt: slot.endAt }, { id: 'old', endAt: '2026-11-01T00:00:00Z' }] };

  it('takes a place on booking and returns it on cancel, keeping capacity = left + held', () => {
    const taken = machine.book(slot, citizen, { ...booking, _id: 'b2' }, at);
    expect(taken.slot).toMatchObject({ left: 2, held: 2, capacity: 4 });
    expect(taken.citizen.active.map((a) => a.id)).toEqual(['b1', 'b2']); // the ended one is dropped
    const back = machine.cancel(booking, taken.slot, taken.citizen, at, 'hall', '停电');
    expect(back.slot).toMatchObject({ left: 3, held: 1 });
    expect(back.booking).toMatchObject({ status: 'cancelled', cancelledBy: 'hall', cancelReason: '停电', cancelledAt: at.toISOString() });
    expect(back.citizen.active.map((a) => a.id)).toEqual(['b2']);
  });

  it('checks in and marks no-shows without returning the place; no-shows only after the slot', () => {
    expect(machine.checkIn(booking, citizen, at, 'staff-1')).toMatchObject({ booking: { status: 'checkedIn', checkedInBy: 'staff-1' }, citizen: { active: [{ id: 'old' }] } });
    expect(codeOf(() => machine.assertNoShowable(booking, at))).toBe('CONFLICT:该时段09:30结束后才能记为爽约');
    const after = new Date(Date.parse(slot.endAt) + 1);
    expect(codeOf(() => machine.assertNoShowable(booking, after))).toBe('ok');
    expect(codeOf(() => machine.assertNoShowable({ ...booking, status: 'checkedIn' }, after))).toBe('CONFLICT:该预约状态为“已到场”，不能记为爽约');
    const missed = machine.noShow(booking, citizen, DEFAULT_RULES, after, 'timer');
    expect(missed.booking).toMatchObject({ status: 'noShow', noShowBy: 'timer' });
    expect(missed.citizen.noShows).toEqual([after.toISOString()]);
  });

  it('changes capacity never below what is held, and closes a slot (still cancelling while places are held)', () => {
    expect(machine.setCapacity(slot, 2, at)).toMatchObject({ capacity: 2, left: 1, held: 1 });
    expect(codeOf(() => machine.setCapacity(slot, 0, at))).toMatch(/^CONFLICT:该时段已有1人预约，容量不能低于1/);
    expect(machine.close(slot, '停电', at)).toMatchObject({ state: 'closed', closedReason: '停电', closing: true });
    expect(machine.close({ ...slot, held: 0, left: 4 }, '停电', at)).toMatchObject({ closing: false });
  });
});

describe('check-in codes', () => {
  it('are 8 digits with a Luhn check digit, catching a single mistyped digit', () => {
    const code = codeFromSeed('9f86d081884c7d65');
    expect(code).toMatch(/^[1-9]\d{7}$/);
    expect(isValidCode(code)).toBe(true);
    const typo = code.slice(0, 3) + String((Number(code[3]) + 1) % 10) + code.slice(4);
    expect(isValidCode(typo)).toBe(false);
    expect(luhnDigit('7992739871')).toBe('3');
  });

  it('read typed digits or a scanned QR payload', () => {
    expect(codeFromInput(' 1234 5678 ')).toBe('12345678');
    expect(codeFromInput(qrPayload('12345678'))).toBe('12345678');
    expect(codeFromInput('12345')).toBeNull();
  });
});
