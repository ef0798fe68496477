/**
 * Working-day calendar (工作日历) for 办结时限 and 预约: the official holiday and 调休 schedule from
 * `chinese-days`, under an admin-maintained override table that wins over it (local closures,
 * next year's schedule once the State Council publishes it and before the library ships it).
 *
 * All dates are `YYYY-MM-DD` strings in Asia/Shanghai. WeChat cloud functions run in UTC, so a
 * `Date` must go through `shanghaiDate()` first — 01:30 in Beijing is still "yesterday" in UTC.
 *
 * Years that neither the library nor the overrides cover are counted Mon–Fri as a best guess, and
 * every computation that touched one says so (`uncoveredYears`) so staff see a warning: it is never
 * silently treated as a plain weekday calendar.
 */
// The library's own data file (date → "English,中文,天数"), not its date functions: those parse
// dates in the process time zone and shift by a day west of UTC.
import schedule from 'chinese-days/dist/chinese-days.json';

const OFFICIAL = schedule as { holidays: Record<string, string>; workdays: Record<string, string> };

/** The years `chinese-days` holds official schedules for (2004–2026 in 1.5.7). */
export const LIBRARY_YEARS = (() => {
  const years = Object.keys(OFFICIAL.holidays).map((d) => Number(d.slice(0, 4)));
  return { from: Math.min(...years), to: Math.max(...years) };
})();

export interface DayOverride {
  date: string;
  /** true = a working day (e.g. 调休上班), false = closed (holiday, local closure). */
  workday: boolean;
  /** Shown to citizens and staff, e.g. 国庆节, 系统停机. */
  name?: string;
}

export interface CalendarOverrides {
  days: DayOverride[];
  /** Years whose full schedule the admin has entered (so they count as covered). */
  coveredYears: number[];
}

export const NO_OVERRIDES: CalendarOverrides = Object.freeze({ days: [], coveredYears: [] }) as CalendarOverrides;

export interface DayInfo {
  date: string;
  workday: boolean;
  /** Holiday or 调休 name in Chinese, when the day is special. */
  name?: string;
  source: 'override' | 'library' | 'weekday';
  /** Whether an official or admin schedule covers this day's year. */
  covered: boolean;
}

export interface WorkdayResult {
  date: string;
  /** Years crossed that no schedule covers; non-empty means "show staff a warning". */
  uncoveredYears: number[];
}

export interface WorkCalendar {
  dayInfo(date: string): DayInfo;
  isWorkday(date: string): boolean;
  isCovered(year: number): boolean;
  /** The n-th working day after `start` (day 1 = the first working day after it). n = 0 → start itself. */
  addWorkdays(start: string, n: number): WorkdayResult;
  /** Working days in (from, to]; 0 when to ≤ from. Negative when `to` is before `from` (overdue). */
  workdaysBetween(from: string, to: string): number;
  /** The next `count` working days from `from` (inclusive when `from` is one). */
  nextWorkdays(from: string, count: number): WorkdayResult & { dates: string[] };
  /** The first working day on or after `date`. */
  onOrAfter(date: string): string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function assertDate(date: string): void {
  if (!DATE_RE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`日期格式不正确：${date}`);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const shanghaiFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
});
const shanghaiTimeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The calendar date in Asia/Shanghai of an instant, whatever the process time zone. */
export function shanghaiDate(at: Date | number | string = new Date()): string {
  return shanghaiFormatter.format(new Date(at));
}

/** `HH:mm` in Asia/Shanghai. */
export function shanghaiTime(at: Date | number | string = new Date()): string {
  return shanghaiTimeFormatter.format(new Date(at));
}

/** The instant of a Shanghai wall-clock time (`YYYY-MM-DD`, `HH:mm`); China has no DST. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

function libraryName(raw: string): string {
  // chinese-days gives "National Day,国庆节,3": English, Chinese, length.
  const parts = raw.split(',');
  return parts[1] || parts[0];
}

export function createCalendar(overrides: CalendarOverrides = NO_OVERRIDES): WorkCalendar {
  const byDate = new Map(overrides.days.map((d) => [d.date, d]));
  const coveredYears = new Set(overrides.coveredYears);
  const isCovered = (year: number) => coveredYears.has(year) || (year >= LIBRARY_YEARS.from && year <= LIBRARY_YEARS.to);

  function dayInfo(date: string): DayInfo {
    assertDate(date);
    const year = Number(date.slice(0, 4));
    const covered = isCovered(year);
    const own = byDate.get(date);
    if (own) return { date, workday: own.workday, name: own.name, source: 'override', covered };
    if (year >= LIBRARY_YEARS.from && year <= LIBRARY_YEARS.to) {
      const lieu = OFFICIAL.workdays[date];
      if (lieu) return { date, workday: true, name: `${libraryName(lieu)}调休上班`, source: 'library', covered };
      const holiday = OFFICIAL.holidays[date];
      if (holiday) return { date, workday: false, name: libraryName(holiday), source: 'library', covered };
      const wd = weekdayOf(date);
      return { date, workday: wd !== 0 && wd !== 6, source: 'library', covered };
    }
    const wd = weekdayOf(date);
    return { date, workday: wd !== 0 && wd !== 6, source: 'weekday', covered };
  }

  const isWorkday = (date: string) => dayInfo(date).workday;

  function track(date: string, uncovered: Set<number>) {
    const year = Number(date.slice(0, 4));
    if (!isCovered(year)) uncovered.add(year);
  }

  // A deadline years away is a data error; refuse rather than loop forever.
  const MAX_SCAN_DAYS = 3660;

  return {
    dayInfo,
    isWorkday,
    isCovered,
    addWorkdays(start, n) {
      assertDate(start);
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数不正确：${n}`);
      const uncovered = new Set<number>();
      let date = start;
      let left = n;
      let scanned = 0;
      while (left > 0) {
        date = addDays(date, 1);
        track(date, uncovered);
        if (isWorkday(date)) left -= 1;
        if (++scanned > MAX_SCAN_DAYS) throw new RangeError('时限超出可计算范围');
      }
      return { date, uncoveredYears: [...uncovered].sort() };
    },
    workdaysBetween(from, to) {
      assertDate(from);
      assertDate(to);
      if (to === from) return 0;
      const [a, b, sign] = to > from ? [from, to, 1] : [to, from, -1];
      let count = 0;
      let date = a;
      let scanned = 0;
      while (date < b) {
        date = addDays(date, 1);
        if (isWorkday(date)) count += 1;
        if (++scanned > MAX_SCAN_DAYS) break;
      }
      return sign * count;
    },
    nextWorkdays(from, count) {
      assertDate(from);
      const uncovered = new Set<number>();
      const dates: string[] = [];
      let date = from;
      let scanned = 0;
      while (dates.length < count && scanned <= MAX_SCAN_DAYS) {
        track(date, uncovered);
        if (isWorkday(date)) dates.push(date);
        date = addDays(date, 1);
        scanned += 1;
      }
      return { dates, date: dates[dates.length - 1] ?? from, uncoveredYears: [...uncovered].sort() };
    },
    onOrAfter(date) {
      assertDate(date);
      let d = date;
      for (let i = 0; i <= MAX_SCAN_DAYS && !isWorkday(d); i += 1) d = addDays(d, 1);
      return d;
    },
  };
}
