/** Params schemas more than one function validates the same way. */
import { z } from '../../core/zod-zh';

export const CALENDAR_DATE_MESSAGE = '应为日期，如 2025-03-04';
export const MISSING_DATE_MESSAGE = '日期不存在';

const CALENDAR_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a day that is on the calendar: 2025-02-28 is, 2025-02-30 and 2025-13-01 are not. */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE_RE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/**
 * A `YYYY-MM-DD` day that exists. `message` is for a value not shaped like a date (a field may
 * name itself, e.g. 整改期限应为日期); a well-shaped day that is not on the calendar says so.
 */
export function calendarDate(message: string = CALENDAR_DATE_MESSAGE) {
  return z.string()
    .regex(CALENDAR_DATE_RE, message)
    // Only a well-shaped value is looked up, so a malformed one is reported once, not twice.
    .refine((v) => !CALENDAR_DATE_RE.test(v) || isCalendarDate(v), MISSING_DATE_MESSAGE);
}
