/**
 * 办结时限 clock in 工作日 over the working-day calendar (core/calendar/workdays.ts).
 *
 * Rules (行政许可法, see docs/affairs.md):
 *  - day 1 is the first working day after 受理 (acceptance);
 *  - 补正 waiting and 挂起 (hearing, testing, expert review) stop the clock: the working days in
 *    (pause day, resume day] do not count, the pause day itself does;
 *  - the deadline is always a working day, so a deadline that would land on a holiday moves to
 *    the next working day (addWorkdays only ever stops on working days);
 *  - a deadline counted across a year neither chinese-days nor the admin's overrides cover carries
 *    `uncoveredYears`, so staff see a warning instead of a silent Mon–Fri guess.
 */
import type { WorkCalendar } from '../calendar/workdays';

export interface CaseClock {
  promisedDays: number;
  statutoryDays: number;
  acceptedOn: string;
  /** Working days used in finished running periods. */
  usedDays: number;
  /** Start of the current running period (受理 or 恢复 date); null while paused. */
  runningSince: string | null;
  pausedOn?: string;
  /** Promised completion date, YYYY-MM-DD Asia/Shanghai. */
  dueDate: string;
  statutoryDueDate: string;
  uncoveredYears: number[];
}

function union(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])].sort();
}

export function startClock(cal: WorkCalendar, acceptedOn: string, promisedDays: number, statutoryDays: number): CaseClock {
  const due = cal.addWorkdays(acceptedOn, promisedDays);
  const statutory = cal.addWorkdays(acceptedOn, Math.max(statutoryDays, promisedDays));
  return {
    promisedDays, statutoryDays, acceptedOn, usedDays: 0, runningSince: acceptedOn,
    dueDate: due.date, statutoryDueDate: statutory.date, uncoveredYears: union(due.uncoveredYears, statutory.uncoveredYears),
  };
}

/** Stops the clock on `on` (补正 requested, 挂起). Idempotent on an already paused clock. */
export function pauseClock(cal: WorkCalendar, clock: CaseClock, on: string): CaseClock {
  if (clock.runningSince === null) return clock;
  const used = clock.usedDays + Math.max(0, cal.workdaysBetween(clock.runningSince, on));
  return { ...clock, usedDays: used, runningSince: null, pausedOn: on };
}

/** Restarts the clock on `on` (补正 received, 恢复): the remaining days count from the next working day. */
export function resumeClock(cal: WorkCalendar, clock: CaseClock, on: string): CaseClock {
  if (clock.runningSince !== null) return clock;
  const { pausedOn: _paused, ...rest } = clock;
  const remaining = clock.promisedDays - clock.usedDays;
  const statutoryRemaining = Math.max(clock.statutoryDays, clock.promisedDays) - clock.usedDays;
  const due = remaining > 0 ? cal.addWorkdays(on, remaining) : { date: clock.dueDate, uncoveredYears: [] };
  const statutory = statutoryRemaining > 0 ? cal.addWorkdays(on, statutoryRemaining) : { date: clock.statutoryDueDate, uncoveredYears: [] };
  return {
    ...rest, runningSince: on, dueDate: due.date, statutoryDueDate: statutory.date,
    uncoveredYears: union(clock.uncoveredYears, union(due.uncoveredYears, statutory.uncoveredYears)),
  };
}

/**
 * Working days the clock has run by `on`. 办结 leaves the clock as it was (running), so a
 * completed case's handling time is its stored days plus the stretch up to the completion day.
 */
export function usedDaysOn(cal: WorkCalendar, clock: CaseClock, on: string): number {
  return clock.usedDays + (clock.runningSince === null ? 0 : Math.max(0, cal.workdaysBetween(clock.runningSince, on)));
}

/** Working days left on `today` (negative = overdue by that many). Frozen while paused. */
export function workdaysLeft(cal: WorkCalendar, clock: CaseClock, today: string): number {
  const running = clock.runningSince === null ? 0 : Math.max(0, cal.workdaysBetween(clock.runningSince, today));
  return clock.promisedDays - clock.usedDays - running;
}

export type Urgency = 'overdue' | 'dueSoon' | 'normal' | 'paused';

/** Queue colouring: overdue red, due within 2 working days highlighted. */
export function urgencyOf(left: number, paused: boolean): Urgency {
  if (paused) return 'paused';
  if (left < 0) return 'overdue';
  if (left <= 2) return 'dueSoon';
  return 'normal';
}

export function uncoveredWarning(years: number[]): string | undefined {
  if (!years.length) return undefined;
  return `${years.join('、')}年的节假日安排尚未录入工作日历，到期日按周一至周五估算，请管理员在“工作日历”中补录后以实际安排为准`;
}
