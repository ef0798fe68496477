/**
 * Collections of the metrics function. It owns only `metrics_daily` (rollup rows, run markers and
 * the data origin); every other collection belongs to the function named beside it and is only
 * read here, by the fields its owner stores.
 */
import { getDb } from '../shared/cloud';
import { fetchAll, SERVER_PAGE } from '../shared/paging';
import { createRegistry, type Department } from '../../core/matter/departments';
import type { MetricRow } from '../../core/metrics/rows';
import {
  APPLICATIONS, BOOKINGS, BOOKING_SLOTS as SLOTS, CONSULT_FEEDBACK, CONSULT_INBOX, CONSULT_MESSAGES, DEPARTMENTS,
  EVALUATION_RATINGS as RATINGS, EVALUATION_TICKETS as TICKETS, PUSH_DELIVERIES, PUSH_OPENS,
} from '../shared/collections';

export const DAILY = 'metrics_daily';
// Read only, by owner: affairs (APPLICATIONS), booking (BOOKINGS, SLOTS), consult (CONSULT_*),
// push (PUSH_*), evaluation (RATINGS, TICKETS), matters (DEPARTMENTS: the registry's overrides).
export {
  APPLICATIONS, BOOKINGS, SLOTS, CONSULT_MESSAGES, CONSULT_INBOX, CONSULT_FEEDBACK, PUSH_DELIVERIES, PUSH_OPENS, RATINGS, TICKETS, DEPARTMENTS,
};

/**
 * A day marked rolled up (written last, so a run killed half-way leaves the day unmarked).
 * `layout`: which rows the run wrote (absent: before per-matter rows, see ROW_LAYOUT).
 */
export interface RunMarker { _id: string; period: 'run'; date: string; rows: number; at: string; layout?: number }

/** 2: per-matter rows besides the all-matters rows. Days marked with less are rolled up again by the timer. */
export const ROW_LAYOUT = 2;
/** The first day any source holds data: earlier days are known to be empty. */
export interface OriginDoc { _id: string; period: 'origin'; date: string; at: string }

export const runId = (date: string) => `r|${date}`;
export const ORIGIN_ID = 'origin';

export const _ = () => getDb().command;

/**
 * Every document of `collection` whose `field` lies in [from, to) and that matches `where`, in
 * `field` order. Pages move a cursor along `field` (its index answers each page directly) instead
 * of skipping ever more records. The next page starts at the last value again and drops the
 * documents of that value already read (by `_id`), so a tie across a page boundary is neither lost
 * nor read twice whatever order the database gives equal keys; a tie filling a whole page is read
 * on its own. (A second sort key would make every page sort the whole range.)
 */
export async function scanRange<T extends Record<string, any>>(
  collection: string, where: Record<string, unknown>, field: string, from: string | number, to: string | number,
): Promise<T[]> {
  const out: T[] = [];
  let lower = _().gte(from);
  let lastValue: unknown;
  let seenAtLast = new Set<string>();
  for (;;) {
    const { data } = await getDb().collection<T>(collection).where({ ...where, [field]: _().and(lower, _().lt(to)) })
      .orderBy(field, 'asc').limit(SERVER_PAGE).get();
    out.push(...data.filter((d) => !(d[field] === lastValue && seenAtLast.has(String(d._id)))));
    if (data.length < SERVER_PAGE) return out;
    const last = data[data.length - 1][field] as string | number;
    if (data.every((d) => d[field] === last)) {
      const known = last === lastValue ? seenAtLast : new Set<string>();
      for (const d of data) known.add(String(d._id));
      const ties = await fetchAll(() => getDb().collection<T>(collection).where({ ...where, [field]: _().eq(last) }).orderBy('_id', 'asc'), 1_000_000);
      out.push(...ties.filter((d) => !known.has(String(d._id))));
      lower = _().gt(last);
      lastValue = undefined;
      seenAtLast = new Set();
      continue;
    }
    const atLast = data.filter((d) => d[field] === last).map((d) => String(d._id));
    seenAtLast = new Set(last === lastValue ? [...seenAtLast, ...atLast] : atLast);
    lastValue = last;
    lower = _().gte(last);
  }
}

/**
 * Which of `ids` exist in `collection` (and, when given, pass `keep`). Only `_id in` goes to the
 * database, which answers it from the primary key; other conditions are checked here.
 */
export async function existingIds<T extends Record<string, any>>(collection: string, ids: string[], keep?: (doc: T) => boolean, fields: Record<string, boolean> = {}): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  const pages: Promise<void>[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    const slice = unique.slice(i, i + 100);
    pages.push(getDb().collection<T>(collection).where({ _id: _().in(slice) }).field({ _id: true, ...fields }).limit(100).get()
      .then(({ data }) => { for (const d of data) if (!keep || keep(d)) found.add(String(d._id)); }));
  }
  await Promise.all(pages);
  return found;
}

export async function rowsWhere(where: Record<string, unknown>): Promise<MetricRow[]> {
  return fetchAll<MetricRow>(() => getDb().collection<MetricRow>(DAILY).where(where).orderBy('_id', 'asc'), 50_000);
}

/**
 * Every row whose `_id` starts with `prefix` (`d|2026-12-01|` a day, `d|2026-12-` a month's day
 * rows, `m|2026-12|` a month's rows), read along the primary key: with per-matter rows a month can
 * hold tens of thousands of rows, more than skip paging reads well (or at all past its cap).
 */
export async function rowsWithIdPrefix(prefix: string): Promise<MetricRow[]> {
  return scanRange<MetricRow>(DAILY, {}, '_id', prefix, `${prefix}\uffff`);
}

/** Writes documents by id, a few at a time (each write is idempotent on its own). */
export async function setAll(collection: string, docs: { _id: string }[], parallel = 16): Promise<void> {
  for (let i = 0; i < docs.length; i += parallel) {
    await Promise.all(docs.slice(i, i + parallel).map(({ _id, ...data }) => getDb().collection(collection).doc(_id).set({ data })));
  }
}

export async function removeAll(collection: string, ids: string[], parallel = 16): Promise<void> {
  for (let i = 0; i < ids.length; i += parallel) {
    await Promise.all(ids.slice(i, i + parallel).map((id) => getDb().collection(collection).doc(id).remove()));
  }
}

/** Built-in departments plus the `departments` collection's overrides (as the matters function reads them). */
export async function departmentList(): Promise<Department[]> {
  const records = await fetchAll(() => getDb().collection<{ _id: string; name: string; creditCode: string }>(DEPARTMENTS).where({}), 1000).catch(() => []);
  return createRegistry(records.map((r) => ({ code: r._id, name: r.name, creditCode: r.creditCode }))).all();
}
