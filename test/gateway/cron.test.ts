import { CronError, cronProblem, matches, nextFireTimes, parseCron } from '../../local-cloud/timers/cron';

/** China wall-clock time → Date (UTC+8, fixed). */
const cst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

describe('parseCron', () => {
  it('requires seven fields', () => {
    expect(() => parseCron('0 * * * * *')).toThrow(CronError);
    expect(() => parseCron('0 * * * * *')).toThrow(/7 个/);
    expect(() => parseCron('0 0 * * * * * *')).toThrow(CronError);
  });

  it('parses lists, ranges, steps and names', () => {
    const s = parseCron('0,30 */15 9-17/4 1,15 JAN-MAR mon-fri 2024-2026');
    expect([...s.seconds]).toEqual([0, 30]);
    expect([...s.minutes]).toEqual([0, 15, 30, 45]);
    expect([...s.hours]).toEqual([9, 13, 17]);
    expect([...s.days]).toEqual([1, 15]);
    expect([...s.months]).toEqual([1, 2, 3]);
    expect([...s.weekdays].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(s.years).toEqual([2024, 2025, 2026]);
  });

  it('reads a/n as "from a to the maximum, every n" (WeChat docs: 1/10 → 1, 11, 21 …)', () => {
    expect([...parseCron('0 1/10 * * * * *').minutes]).toEqual([1, 11, 21, 31, 41, 51]);
  });

  it('treats weekday 7 as Sunday and 0 = SUN', () => {
    expect([...parseCron('0 0 0 * * 7 *').weekdays]).toEqual([0]);
    expect([...parseCron('0 0 0 * * SUN *').weekdays]).toEqual([0]);
    expect([...parseCron('0 0 0 * * 5-7 *').weekdays].sort()).toEqual([0, 5, 6]);
  });

  it.each([
    ['60 * * * * * *', /秒字段的 60 超出范围/],
    ['0 0 24 * * * *', /小时/],
    ['0 0 0 0 * * *', /日字段/],
    ['0 0 0 * 13 * *', /月字段/],
    ['0 0 0 * * 8 *', /星期字段/],
    ['0 0 0 * * * 2100', /年字段/],
    ['0 0 0 ? * MON *', /不是合法取值/],
    ['0 0 0 L * * *', /不是合法取值/],
    ['0 5-1 * * * * *', /起点大于终点/],
    ['*/0 * * * * * *', /步长/],
    ['0,,1 * * * * * *', /逗号/],
    ['1/2/3 * * * * * *', /格式不正确/],
  ])('rejects %s', (expr, reason) => {
    expect(() => parseCron(expr)).toThrow(reason);
    expect(cronProblem(expr)).toMatch(reason);
  });

  it('accepts the documented examples', () => {
    for (const expr of [
      '*/5 * * * * * *',
      '0 0 2 1 * * *',
      '0 15 10 * * MON-FRI *',
      '0 0 10,14,16 * * * *',
      '0 */30 9-17 * * * *',
      '0 0 12 * * WED *',
      '0 */1 * * * * *',
    ]) {
      expect(cronProblem(expr)).toBeNull();
    }
  });
});

describe('matches (UTC+8)', () => {
  it('evaluates in China time whatever the instant’s UTC fields say', () => {
    // 02:00 on the 1st in Beijing is 18:00 UTC on the last day of the previous month.
    expect(matches('0 0 2 1 * * *', new Date('2024-04-30T18:00:00Z'))).toBe(true);
    expect(matches('0 0 2 1 * * *', new Date('2024-05-01T02:00:00Z'))).toBe(false);
  });

  it('ignores milliseconds', () => {
    expect(matches('*/5 * * * * * *', new Date('2024-05-01T00:00:10.999Z'))).toBe(true);
    expect(matches('*/5 * * * * * *', new Date('2024-05-01T00:00:11.000Z'))).toBe(false);
  });

  it('ORs day and weekday when both are restricted', () => {
    const expr = '0 0 9 13 * FRI *';
    expect(matches(expr, cst(2024, 9, 13, 9))).toBe(true); // Friday the 13th
    expect(matches(expr, cst(2024, 9, 6, 9))).toBe(true); // a Friday, not the 13th
    expect(matches(expr, cst(2024, 11, 13, 9))).toBe(true); // the 13th, a Wednesday
    expect(matches(expr, cst(2024, 9, 10, 9))).toBe(false); // Tuesday the 10th
  });

  it('ANDs when one of them is *', () => {
    expect(matches('0 0 9 * * MON *', cst(2024, 9, 9, 9))).toBe(true); // Monday
    expect(matches('0 0 9 * * MON *', cst(2024, 9, 10, 9))).toBe(false);
    expect(matches('0 0 9 10 * * *', cst(2024, 9, 10, 9))).toBe(true);
    expect(matches('0 0 9 10 * * *', cst(2024, 9, 9, 9))).toBe(false);
  });

  it('honours the year field', () => {
    expect(matches('0 0 0 1 1 * 2025', cst(2025, 1, 1))).toBe(true);
    expect(matches('0 0 0 1 1 * 2025', cst(2026, 1, 1))).toBe(false);
  });
});

describe('nextFireTimes', () => {
  it('lists the next minutes for the every-minute dispatch trigger, strictly after from', () => {
    const from = new Date('2024-05-01T00:00:00.000Z');
    expect(iso(nextFireTimes('0 */1 * * * * *', from, 3))).toEqual([
      '2024-05-01T00:01:00.000Z',
      '2024-05-01T00:02:00.000Z',
      '2024-05-01T00:03:00.000Z',
    ]);
  });

  it('finds weekday-morning runs across a weekend, in China time', () => {
    // Friday 2024-09-13 11:00 Beijing → next runs are Mon 16th and Tue 17th at 10:15 Beijing.
    const got = nextFireTimes('0 15 10 * * MON-FRI *', cst(2024, 9, 13, 11), 2);
    expect(iso(got)).toEqual([cst(2024, 9, 16, 10, 15).toISOString(), cst(2024, 9, 17, 10, 15).toISOString()]);
  });

  it('handles month ends and leap days', () => {
    expect(iso(nextFireTimes('0 0 0 29 2 * *', cst(2025, 1, 1), 2))).toEqual([
      cst(2028, 2, 29).toISOString(),
      cst(2032, 2, 29).toISOString(),
    ]);
    expect(iso(nextFireTimes('0 0 0 31 * * *', cst(2024, 4, 1), 2))).toEqual([
      cst(2024, 5, 31).toISOString(),
      cst(2024, 7, 31).toISOString(),
    ]);
  });

  it('stops when the schedule can never fire again', () => {
    expect(nextFireTimes('0 0 0 30 2 * *', cst(2024, 1, 1), 3)).toEqual([]);
    expect(iso(nextFireTimes('0 0 0 1 1 * 2025', cst(2024, 6, 1), 5))).toEqual([cst(2025, 1, 1).toISOString()]);
  });

  it('every result matches and nothing in between does (brute-force cross-check)', () => {
    const expr = '*/20 */7 1-3 * * SAT,SUN *';
    const from = cst(2024, 6, 1); // a Saturday
    const got = nextFireTimes(expr, from, 40);
    expect(got).toHaveLength(40);
    const last = got[got.length - 1] as Date;
    const brute: string[] = [];
    for (let t = from.getTime() + 1000; t <= last.getTime(); t += 1000) {
      if (matches(expr, new Date(t))) brute.push(new Date(t).toISOString());
    }
    expect(iso(got)).toEqual(brute);
  });
});
