/** Date ranges of the dashboard: checks, days, months and how a range is covered by rows. */
import { DomainError } from '../envelope';

export const MAX_RANGE_DAYS = 366;
/** Trends over longer ranges are shown per month. */
export const DAILY_TREND_MAX_DAYS = 62;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Checks a `from`–`to` range (inclusive); throws the Chinese message the caller sees. */
export function checkRange(from: string, to: string): void {
  if (!isValidDate(from)) throw new DomainError('INVALID_INPUT', '开始日期格式不正确，应为YYYY-MM-DD的有效日期');
  if (!isValidDate(to)) throw new DomainError('INVALID_INPUT', '结束日期格式不正确，应为YYYY-MM-DD的有效日期');
  if (from > to) throw new DomainError('INVALID_INPUT', '开始日期不能晚于结束日期');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new DomainError('INVALID_INPUT', `查询范围不能超过${MAX_RANGE_DAYS}天`);
}

export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const monthOf = (date: string) => date.slice(0, 7);

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * How rows cover `from`–`to`: whole months inside the range are read as month rows, the edges as
 * day rows. Today (and later) is left out: it is computed live.
 */
export function coverage(from: string, to: string): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let d = from;
  while (d <= to) {
    const month = monthOf(d);
    const end = lastDayOfMonth(month);
    if (d === `${month}-01` && end <= to) {
      months.push(month);
      d = addDays(end, 1);
    } else {
      const stop = end < to ? end : to;
      days.push(...daysOf(d, stop));
      d = addDays(stop, 1);
    }
  }
  return { months, days };
}

export function granularityOf(from: string, to: string): 'day' | 'month' {
  return daysBetween(from, to) + 1 > DAILY_TREND_MAX_DAYS ? 'month' : 'day';
}
