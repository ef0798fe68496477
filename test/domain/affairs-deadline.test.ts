import { createCalendar } from '../../core/calendar/workdays';
import { pauseClock, resumeClock, startClock, uncoveredWarning, urgencyOf, workdaysLeft } from '../../core/affairs/deadline';

const cal = createCalendar();

describe('deadlines in working days', () => {
  it.each([
    ['2025-09-30', 5, '2025-10-14'],
    ['2026-02-13', 2, '2026-02-24'],
  ])('受理 %s, 承诺 %d 工作日 → due %s', (on, days, due) => {
    expect(startClock(cal, on, days, days).dueDate).toBe(due);
  });

  it('counts the statutory deadline too', () => {
    const c = startClock(cal, '2025-09-30', 5, 20);
    expect(c.statutoryDueDate).toBe(cal.addWorkdays('2025-09-30', 20).date);
  });

  it('a 挂起 of a week does not count', () => {
    const c0 = startClock(cal, '2025-03-03', 10, 20); // Monday
    expect(c0.dueDate).toBe('2025-03-17');
    const paused = pauseClock(cal, c0, '2025-03-05'); // used 2 (Tue, Wed)
    expect(paused.usedDays).toBe(2);
    expect(workdaysLeft(cal, paused, '2025-03-20')).toBe(8); // frozen while paused
    const resumed = resumeClock(cal, paused, '2025-03-12'); // 8 left from Thu 13th
    expect(resumed.dueDate).toBe('2025-03-24');
    expect(workdaysLeft(cal, resumed, '2025-03-12')).toBe(8);
    expect(workdaysLeft(cal, resumed, '2025-03-24')).toBe(0);
    expect(workdaysLeft(cal, resumed, '2025-03-26')).toBe(-2);
  });

  it('pausing twice and resuming twice is harmless', () => {
    const c0 = startClock(cal, '2025-03-03', 10, 10);
    const p = pauseClock(cal, pauseClock(cal, c0, '2025-03-05'), '2025-03-07');
    expect(p.usedDays).toBe(2);
    const r = resumeClock(cal, resumeClock(cal, p, '2025-03-12'), '2025-03-14');
    expect(r.runningSince).toBe('2025-03-12');
  });

  it('a deadline landing on a holiday or local closure moves to the next working day', () => {
    // 2025-04-03 (Thu) + 1 → 2025-04-07 (Mon, 清明 holiday 4-4..4-6 skipped)
    expect(startClock(cal, '2025-04-03', 1, 1).dueDate).toBe('2025-04-07');
    const closed = createCalendar({ days: [{ date: '2025-04-07', workday: false, name: '系统停机' }], coveredYears: [] });
    expect(startClock(closed, '2025-04-03', 1, 1).dueDate).toBe('2025-04-08');
  });

  it('overrides win over the library (调休 worked day)', () => {
    const extra = createCalendar({ days: [{ date: '2025-03-08', workday: true, name: '临时调休上班' }], coveredYears: [] });
    expect(startClock(extra, '2025-03-07', 1, 1).dueDate).toBe('2025-03-08');
  });

  it('warns when a deadline crosses a year no schedule covers, and not once the admin covers it', () => {
    const c = startClock(cal, '2026-12-28', 10, 10);
    expect(c.uncoveredYears).toEqual([2027]);
    expect(uncoveredWarning(c.uncoveredYears)).toContain('2027年的节假日安排尚未录入工作日历');
    const covered = createCalendar({ days: [{ date: '2027-01-01', workday: false, name: '元旦' }], coveredYears: [2027] });
    const c2 = startClock(covered, '2026-12-28', 10, 10);
    expect(c2.uncoveredYears).toEqual([]);
    expect(c2.dueDate).toBe('2027-01-12');
    expect(uncoveredWarning([])).toBeUndefined();
  });

  it('urgency: overdue red, due within 2 working days highlighted', () => {
    expect(urgencyOf(-1, false)).toBe('overdue');
    expect(urgencyOf(0, false)).toBe('dueSoon');
    expect(urgencyOf(2, false)).toBe('dueSoon');
    expect(urgencyOf(3, false)).toBe('normal');
    expect(urgencyOf(-5, true)).toBe('paused');
  });
});
