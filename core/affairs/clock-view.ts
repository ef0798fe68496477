/**
 * The case clock as citizens see it — one rule for the detail page, 我的办件, the staff pages, the
 * assistant's card and the agent's record view: while a case is paused (补正, 挂起) its stored due
 * dates are stale (they move by the paused days on resume), so no date is shown, only the working
 * days left. Pure.
 */
import type { WorkCalendar } from '../calendar/workdays';
import { urgencyOf, workdaysLeft, type CaseClock, type Urgency } from './deadline';
import type { ApplicationDoc } from './model';

export interface ClockView {
  dueDate?: string;
  statutoryDueDate?: string;
  workdaysLeft?: number;
  clockPaused?: boolean;
  urgency?: Urgency;
}

type Clocked = Pick<ApplicationDoc, 'status' | 'clock'>;

const ENDED: ApplicationDoc['status'][] = ['completed', 'withdrawn', 'rejected'];

/** The case has ended: its clock is history, never paused nor counting down. */
export const clockEnded = (app: Pick<ApplicationDoc, 'status'>): boolean => ENDED.includes(app.status);

/** Paused and not ended: the stored due dates are not to be shown. */
export function clockPaused(app: Clocked): boolean {
  return !!app.clock && app.clock.runningSince === null && !clockEnded(app);
}

/** Working days left on a paused clock: frozen at the pause, so no calendar is needed. */
const frozenLeft = (clock: CaseClock): number => clock.promisedDays - clock.usedDays;

export function clockView(app: Clocked, cal: WorkCalendar, today: string): ClockView {
  if (!app.clock) return {};
  const paused = clockPaused(app);
  const done = clockEnded(app);
  const left = paused ? frozenLeft(app.clock) : workdaysLeft(cal, app.clock, today);
  const dates = paused ? {} : { dueDate: app.clock.dueDate, statutoryDueDate: app.clock.statutoryDueDate };
  return {
    ...dates,
    ...(done ? {} : { workdaysLeft: left, clockPaused: paused, urgency: urgencyOf(left, paused) }),
  };
}

/** A paused clock has no due date yet: it is set again, later by the paused days, on resume. */
export function pausedClockText(left: number | undefined): string {
  return `暂停计时 · 剩余${Math.max(left ?? 0, 0)}个工作日，恢复后重新计算到期日`;
}

/** The paused-clock line for a case (detail page, assistant card, agent's record view); undefined while it runs or has ended. */
export function pausedClockNote(app: Clocked): string | undefined {
  return app.clock && clockPaused(app) ? pausedClockText(frozenLeft(app.clock)) : undefined;
}
