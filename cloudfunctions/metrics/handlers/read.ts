/**
 * Reading the figures of a range: whole months from month rows, the edges from day rows, days not
 * rolled up yet rolled up on demand, today live from the raw records, and the 事项 / 超期 snapshot
 * as it is now. Which departments' rows count is the caller's scope (see scope.ts).
 */
import type { IndicatorKey } from '../../../core/metrics/api';
import { ALL, isPlatformWide, sumRows, type MetricRow, type Totals } from '../../../core/metrics/rows';
import { addDays, checkRange, coverage, daysOf } from '../../../core/metrics/range';
import { OPEN_STATUSES } from '../../../core/affairs/model';
import { shanghaiDate } from '../../../core/shanghai-time';
import { getDb } from '../../shared/cloud';
import { _, APPLICATIONS, rowsWhere } from '../repo';
import { catalogueFigures, publishedCatalogue } from './catalogue';
import { computeRows, missingDays, rollupDays } from './rollup';
import type { Scope } from './scope';

/** Stop rolling up missing days on demand when less than this is left of the invocation. */
const RESERVE_MS = 2500;

export interface ReadOptions {
  now: Date;
  remainingMs: () => number;
  /** Read whole months as month rows (dashboard) or every day (daily trend). */
  months: boolean;
  keys?: readonly IndicatorKey[];
  /** One matter's rows; absent: the all-matters rows `*`. */
  matter?: string;
}

/**
 * Whether a row counts for the scope: its matter's (or all matters') rows of its own departments,
 * and the city row for platform-wide keys.
 */
export function rowInScope(scope: Scope, row: { department: string; key: string; matter: string }): boolean {
  if (row.matter !== (scope.matter ?? ALL)) return false;
  if (scope.all) return row.department === ALL;
  return row.department === ALL ? isPlatformWide(row.key) : scope.departments.includes(row.department) && !isPlatformWide(row.key);
}

const keyFilter = (keys?: readonly IndicatorKey[]) => {
  if (!keys) return {};
  const wanted: string[] = [...keys];
  if (keys.includes('deliveryP95Seconds')) for (let i = 0; i <= 11; i += 1) wanted.push(`deliveryLatency.${i}`);
  return { key: _().in(wanted) };
};

/**
 * The rows of `from`–`to` for the departments asked (`*` included), today's computed live. With
 * `departments` null every department's rows are read (exports, comparisons).
 */
export async function rowsInRange(from: string, to: string, departments: string[] | null, o: ReadOptions): Promise<MetricRow[]> {
  checkRange(from, to);
  const today = shanghaiDate(o.now.toISOString());
  const pastEnd = to < today ? to : addDays(today, -1);
  const matter = o.matter ?? ALL;
  const deptWhere = { matter: _().eq(matter), ...(departments ? { department: _().in(departments) } : {}) };
  const rows: MetricRow[] = [];
  if (from <= pastEnd) {
    await rollupDays(await missingDays(from, pastEnd, o.now), o.now, o.remainingMs, RESERVE_MS);
    const { months, days } = o.months ? coverage(from, pastEnd) : { months: [], days: daysOf(from, pastEnd) };
    const reads: Promise<MetricRow[]>[] = [];
    for (let i = 0; i < months.length; i += 100) {
      reads.push(rowsWhere({ period: _().eq('month'), date: _().in(months.slice(i, i + 100)), ...deptWhere, ...keyFilter(o.keys) }));
    }
    for (let i = 0; i < days.length; i += 100) {
      reads.push(rowsWhere({ period: _().eq('day'), date: _().in(days.slice(i, i + 100)), ...deptWhere, ...keyFilter(o.keys) }));
    }
    for (const part of await Promise.all(reads)) rows.push(...part);
  }
  if (to >= today && from <= today) {
    const live = await computeRows(today, { from: today, to: today });
    rows.push(...live.filter((r) => r.matter === matter && (!departments || departments.includes(r.department)) && (!o.keys || keyFilterMatches(o.keys, r.key))));
  }
  return rows;
}

function keyFilterMatches(keys: readonly IndicatorKey[], key: string): boolean {
  return (keys as readonly string[]).includes(key) || (key.startsWith('deliveryLatency.') && keys.includes('deliveryP95Seconds'));
}

export const departmentsToRead = (scope: Scope) => (scope.all ? [ALL] : [...scope.departments, ALL]);

/** Sums the rows the scope sees, then sets the snapshot figures (catalogue, open cases) as of now. */
export async function totalsFor(scope: Scope, rows: MetricRow[], now: Date): Promise<Totals> {
  const totals = sumRows(rows.filter((r) => rowInScope(scope, r)));
  const { matters: published } = await publishedCatalogue();
  const matters = scope.matter ? published.filter((m) => m._id === scope.matter) : published;
  for (const c of catalogueFigures(matters, scope.all ? 'all' : scope.departments)) totals.set(c.key, { num: c.num, den: c.den });
  totals.set('overdueCount', await overdueNow(scope, now));
  return totals;
}

/** Open cases past their promised date now (num), out of all open cases (den). */
export async function overdueNow(scope: Scope, now: Date): Promise<{ num: number; den: number }> {
  if (!scope.all && !scope.departments.length) return { num: 0, den: 0 };
  const base = {
    status: _().in([...OPEN_STATUSES]),
    ...(scope.all ? {} : { department: _().in(scope.departments) }),
    ...(scope.matter ? { matterId: _().eq(scope.matter) } : {}),
  };
  const today = shanghaiDate(now.toISOString());
  const [open, overdue] = await Promise.all([
    getDb().collection(APPLICATIONS).where(base).count(),
    getDb().collection(APPLICATIONS).where({ ...base, dueDate: _().lt(today) }).count(),
  ]);
  return { num: overdue.total, den: open.total };
}

export type { Totals };
