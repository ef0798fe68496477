/**
 * The daily rollup: a day's records summed into rows with ids derived from what they count, the
 * day's stale rows removed, its month's rows rebuilt from the day rows, and only then the day
 * marked done. Every step is idempotent, so a run killed at any point (kill -9 included) and run
 * again leaves exactly the rows a clean run leaves.
 */
import { place, rowsOf, monthRows, type MetricRow } from '../../../core/metrics/rows';
import { addDays, monthOf } from '../../../core/metrics/range';
import { shanghaiDate } from '../../../core/shanghai-time';
import { getDb } from '../../shared/cloud';
import {
  _, APPLICATIONS, BOOKINGS, CONSULT_MESSAGES, DAILY, ORIGIN_ID, PUSH_DELIVERIES, RATINGS, removeAll, ROW_LAYOUT, rowsWhere, rowsWithIdPrefix, runId, setAll,
  TICKETS, type OriginDoc, type RunMarker,
} from '../repo';
import { publishedCatalogue } from './catalogue';
import { sourcedRecords, type Span } from './sources';

/** The rows of a span's records (one day for the rollup, today for the live figures). */
export async function computeRows(date: string, span: Omit<Span, 'matterDepartments'>): Promise<MetricRow[]> {
  const { departments } = await publishedCatalogue();
  const records = await sourcedRecords({ ...span, matterDepartments: departments });
  return rowsOf('day', date, records.flatMap((r) => place(r.department, r.contributions, r.matter)));
}

export async function rollupDay(date: string, now: Date): Promise<number> {
  const [done] = await rollupDays([date], now, () => Infinity, 0);
  return done?.rows ?? 0;
}

/** A day's rows written by id and its rows that no longer count removed (its month not yet rebuilt). */
async function writeDayRows(date: string): Promise<number> {
  const rows = await computeRows(date, { from: date, to: date });
  const before = await rowsWithIdPrefix(`d|${date}|`);
  await setAll(DAILY, rows);
  const keep = new Set(rows.map((r) => r._id));
  await removeAll(DAILY, before.map((r) => r._id).filter((id) => !keep.has(id)));
  return rows.length;
}

/** A month's rows summed again from its day rows; month rows no longer supported are removed. */
async function rebuildMonth(month: string): Promise<void> {
  const days = await rowsWithIdPrefix(`d|${month}-`);
  const months = monthRows(month, days);
  const oldMonths = await rowsWithIdPrefix(`m|${month}|`);
  await setAll(DAILY, months);
  const keepMonths = new Set(months.map((r) => r._id));
  await removeAll(DAILY, oldMonths.map((r) => r._id).filter((id) => !keepMonths.has(id)));
}

/** First guess of a month rebuild's time, before one has been measured in the invocation. */
const REBUILD_GUESS_MS = 5000;

/**
 * Rolls up `dates` month by month: the days' rows, then their month once (with per-matter rows a
 * month holds many rows: rebuilding it after every day made a catch-up quadratic), then the days'
 * markers. A run killed before the markers leaves those days unmarked, so they are rolled up
 * again. Stops taking days while the time left would not cover `reserveMs` and a month rebuild.
 */
export async function rollupDays(dates: readonly string[], now: Date, remainingMs: () => number, reserveMs: number): Promise<{ date: string; rows: number }[]> {
  const done: { date: string; rows: number }[] = [];
  let rebuildMs = REBUILD_GUESS_MS;
  const byMonth = new Map<string, string[]>();
  for (const d of dates) byMonth.set(monthOf(d), [...(byMonth.get(monthOf(d)) ?? []), d]);
  for (const [month, days] of byMonth) {
    const written: { date: string; rows: number }[] = [];
    for (const date of days) {
      if (written.length && remainingMs() < reserveMs + 2 * rebuildMs) break;
      if (!written.length && remainingMs() < reserveMs) break;
      written.push({ date, rows: await writeDayRows(date) });
    }
    if (!written.length) break;
    const started = Date.now();
    await rebuildMonth(month);
    rebuildMs = Date.now() - started;
    const markers: RunMarker[] = written.map(({ date, rows }) => ({ _id: runId(date), period: 'run', date, rows, at: now.toISOString(), layout: ROW_LAYOUT }));
    await setAll(DAILY, markers);
    done.push(...written);
    if (written.length < days.length) break;
  }
  return done;
}

/** The earliest record's Shanghai day (today when there is none), from each source's oldest record. */
async function earliestDate(now: Date): Promise<string> {
  const first = async (collection: string, field: string, where: Record<string, unknown> = {}) => {
    const { data } = await getDb().collection(collection).where(where).orderBy(field, 'asc').limit(1).get();
    return data[0]?.[field] as string | number | undefined;
  };
  const candidates = await Promise.all([
    first(APPLICATIONS, 'updatedAt', { status: _().eq('completed') }),
    first(APPLICATIONS, 'updatedAt', { status: _().eq('rejected') }),
    first(BOOKINGS, 'date'),
    first(CONSULT_MESSAGES, 'at', { role: _().eq('bot') }),
    first(PUSH_DELIVERIES, 'createdAt'),
    first(RATINGS, 'createdAt'),
    first(TICKETS, 'createdAt'),
  ]);
  const dates = candidates.filter((c) => c !== undefined)
    .map((c) => (typeof c === 'number' ? shanghaiDate(new Date(c).toISOString()) : /^\d{4}-\d{2}-\d{2}$/.test(c as string) ? (c as string) : shanghaiDate(c as string)));
  return dates.reduce((min, d) => (d < min ? d : min), shanghaiDate(now.toISOString()));
}

/** Days before the origin hold no records: they count as rolled up without rows. */
export async function origin(now: Date, refresh = false): Promise<string> {
  if (!refresh) {
    const { data } = await getDb().collection<OriginDoc>(DAILY).where({ _id: _().eq(ORIGIN_ID) }).limit(1).get();
    if (data[0]) return data[0].date;
  }
  const date = await earliestDate(now);
  await setAll(DAILY, [{ _id: ORIGIN_ID, period: 'origin', date, at: now.toISOString() } as OriginDoc]);
  return date;
}

/**
 * Days of `from`–`to` rolled up before the current row layout (no per-matter rows yet): the timer
 * rolls them again while its time lasts; their all-matters rows are complete meanwhile.
 */
export async function outdatedDays(from: string, to: string): Promise<string[]> {
  const markers = await rowsWhere({ period: _().eq('run'), date: _().and(_().gte(from), _().lte(to)) }) as unknown as RunMarker[];
  return markers.filter((m) => (m.layout ?? 1) < ROW_LAYOUT).map((m) => m.date).sort().reverse();
}

/** Days of `from`–`to` (all before today) not rolled up yet. */
export async function missingDays(from: string, to: string, now: Date): Promise<string[]> {
  const start = await origin(now);
  const first = from > start ? from : start;
  if (first > to) return [];
  const markers = await rowsWhere({ period: _().eq('run'), date: _().and(_().gte(first), _().lte(to)) });
  const done = new Set(markers.map((m) => m.date));
  const out: string[] = [];
  for (let d = first; d <= to; d = addDays(d, 1)) if (!done.has(d)) out.push(d);
  return out;
}
