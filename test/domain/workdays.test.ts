import { createCalendar, shanghaiDate, shanghaiInstant, shanghaiTime } from '../../core/calendar/workdays';

describe('working-day calendar', () => {
  const cal = createCalendar();

  it.each([
    ['2025-09-30', 5, '2025-10-14'], // 国庆 + 中秋 8 days off, 10-11 is a 调休 working Saturday
    ['2026-02-13', 2, '2026-02-24'], // 9-day 春节
    ['2025-10-10', 1, '2025-10-11'], // the 调休 Saturday counts
    ['2025-10-10', 0, '2025-10-10'],
  ])('受理 %s + %d 工作日 → %s', (start, n, due) => {
    expect(cal.addWorkdays(start, n)).toEqual({ date: due, uncoveredYears: [] });
  });

  it('names holidays and 调休 days from the official schedule', () => {
    expect(cal.dayInfo('2025-10-01')).toMatchObject({ workday: false, name: '国庆节', source: 'library', covered: true });
    expect(cal.dayInfo('2025-10-11')).toMatchObject({ workday: true, name: '国庆节调休上班' });
    expect(cal.dayInfo('2025-10-13').workday).toBe(true);
    expect(cal.dayInfo('2025-10-13').name).toBeUndefined();
    expect(cal.dayInfo('2025-10-18').workday).toBe(false);
  });

  it('lets the override table win over the library and cover next year', () => {
    const local = createCalendar({
      days: [
        { date: '2025-10-13', workday: false, name: '系统停机' },
        { date: '2027-01-01', workday: false, name: '元旦' },
      ],
      coveredYears: [2027],
    });
    expect(local.dayInfo('2025-10-13')).toMatchObject({ workday: false, name: '系统停机', source: 'override' });
    expect(local.addWorkdays('2025-10-10', 2).date).toBe('2025-10-14');
    expect(local.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-04', uncoveredYears: [] });
  });

  it('warns instead of silently counting weekdays in a year nobody covers', () => {
    const r = cal.addWorkdays('2026-12-30', 3);
    expect(r.uncoveredYears).toEqual([2027]);
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ covered: false, source: 'weekday' });
    expect(cal.nextWorkdays('2026-12-28', 10).uncoveredYears).toEqual([2027]);
  });

  it('counts working days between dates, negative when overdue', () => {
    expect(cal.workdaysBetween('2025-09-30', '2025-10-14')).toBe(5);
    expect(cal.workdaysBetween('2025-10-14', '2025-09-30')).toBe(-5);
    expect(cal.workdaysBetween('2025-10-14', '2025-10-14')).toBe(0);
  });

  it('lists the next working days, skipping the holiday week', () => {
    expect(cal.nextWorkdays('2025-09-29', 3).dates).toEqual(['2025-09-29', '2025-09-30', '2025-10-09']);
    expect(cal.onOrAfter('2025-10-01')).toBe('2025-10-09');
  });

  it('reads instants in Asia/Shanghai whatever the process zone', () => {
    // 17:30 UTC on Nov 30 is 01:30 on Dec 1 in Beijing.
    expect(shanghaiDate(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(shanghaiTime(new Date('2026-11-30T17:30:00Z'))).toBe('01:30');
    expect(shanghaiInstant('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });

  it('refuses malformed dates and negative counts', () => {
    expect(() => cal.dayInfo('2025-13-01')).toThrow(RangeError);
    expect(() => cal.addWorkdays('2025-10-01', -1)).toThrow(RangeError);
  });
});

describe('working-day calendar in other process time zones', () => {
  // WeChat cloud runs in UTC; a developer's laptop may be anywhere. The answers must not move.
  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'])('gives the same due dates with TZ=%s', (tz) => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const script = "const { createCalendar } = require('./core/calendar/workdays'); const c = createCalendar();"
      + "console.log(JSON.stringify([c.addWorkdays('2025-09-30', 5).date, c.addWorkdays('2026-02-13', 2).date, c.dayInfo('2025-10-11').workday, c.dayInfo('2025-10-01').name]))";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: require('node:path').resolve(__dirname, '../..'), env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim())).toEqual(['2025-10-14', '2026-02-24', true, '国庆节']);
  });
});
