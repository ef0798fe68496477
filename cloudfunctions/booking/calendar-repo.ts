/**
 * Working-day overrides for the booking calendar. The admin override table (`calendar_overrides`,
 * owned by the 在线申办 function) may not exist yet: a missing collection or an unexpected shape
 * means "no overrides", never a failed booking. Cached for a minute per function instance, timed
 * on the router's clock (one per router: WeChat builds one per instance, tests one per case).
 */
import { createCalendar, NO_OVERRIDES, type CalendarOverrides, type DayOverride, type WorkCalendar } from '../../core/calendar/workdays';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import { CALENDAR_OVERRIDES } from '../shared/collections';

const TTL_MS = 60_000;
const caches = new WeakMap<() => Date, { at: number; calendar: WorkCalendar }>();

export async function readOverrides(): Promise<CalendarOverrides> {
  try {
    const docs = await fetchAll<Record<string, unknown>>(() => getDb().collection(CALENDAR_OVERRIDES).orderBy('_id', 'asc'), 5000);
    const days: DayOverride[] = [];
    const coveredYears: number[] = [];
    for (const d of docs) {
      if (typeof d.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.date) && typeof d.workday === 'boolean') {
        days.push({ date: d.date, workday: d.workday, name: typeof d.name === 'string' ? d.name : undefined });
      }
      if (Array.isArray(d.coveredYears)) coveredYears.push(...d.coveredYears.filter((y): y is number => Number.isInteger(y)));
      // The 在线申办 function marks a year whose schedule the admin entered as { kind: 'year', year }.
      if (Number.isInteger(d.year) && (d.kind === 'year' || d.covered === true)) coveredYears.push(d.year as number);
    }
    return { days, coveredYears };
  } catch {
    return NO_OVERRIDES;
  }
}

export async function loadCalendar(now: () => Date): Promise<WorkCalendar> {
  const at = now().getTime();
  const cached = caches.get(now);
  if (cached && at >= cached.at && at - cached.at < TTL_MS) return cached.calendar;
  const calendar = createCalendar(await readOverrides());
  caches.set(now, { at, calendar });
  return calendar;
}
