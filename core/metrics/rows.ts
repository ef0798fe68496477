/**
 * Daily rows (date, department, matter, key, num, den) and how they add up. A row's `_id` is
 * derived from what it counts, so writing a day twice names the same documents (idempotent).
 * Department `*` holds the whole city (records with no department count only there); matter `*`
 * holds all matters, so the dashboard still reads a few hundred rows. Indicators whose records name
 * a matter (MATTER_KEYS) also get per-matter rows, city-wide and per department, read only when a
 * matter is asked for.
 */
import type { Indicator, IndicatorKey } from './api';
import { LATENCY_BOUNDS, type Contribution, type RowKey } from './contributions';
import { DEFINITIONS, MATTER_KEYS, PLATFORM_WIDE_KEYS } from './definitions';

export const ALL = '*';

export type Period = 'day' | 'month';

export interface MetricRow {
  _id: string;
  period: Period;
  /** `YYYY-MM-DD` for a day row, `YYYY-MM` for a month row. */
  date: string;
  department: string;
  matter: string;
  key: RowKey;
  num: number;
  den: number;
}

export const rowId = (period: Period, date: string, department: string, key: string, matter = ALL) =>
  `${period === 'day' ? 'd' : 'm'}|${date}|${department}|${matter}|${key}`;

/** A contribution with the department and matter it belongs to ('' when the record has none). */
export interface Placed extends Contribution { department: string; matter: string }

/**
 * Places a record's contributions; platform-wide indicators (no handling department) count only in
 * `*`, and only MATTER_KEYS carry the record's matter.
 */
export const place = (department: string | undefined, list: Contribution[], matter?: string): Placed[] =>
  list.map((c) => ({
    ...c,
    department: department && !isPlatformWide(c.key) ? department : '',
    matter: matter && matter !== ALL && isPerMatter(c.key) ? matter : '',
  }));

export const isPerMatter = (key: string) => (MATTER_KEYS as readonly string[]).includes(key);

export const isPlatformWide = (key: string) => (PLATFORM_WIDE_KEYS as readonly string[]).includes(key) || key.startsWith('deliveryLatency.');

/**
 * Sums contributions into the rows of one period: per department and the city total `*`, each for
 * all matters `*` and, where the contribution names one, for its matter.
 */
export function rowsOf(period: Period, date: string, placed: Iterable<Placed>): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  const add = (department: string, matter: string, c: Contribution) => {
    const id = rowId(period, date, department, c.key, matter);
    const r = rows.get(id) ?? { _id: id, period, date, department, matter, key: c.key, num: 0, den: 0 };
    r.num += c.num;
    r.den += c.den;
    rows.set(id, r);
  };
  for (const c of placed) {
    const departments = c.department && c.department !== ALL ? [ALL, c.department] : [ALL];
    const matters = c.matter && c.matter !== ALL ? [ALL, c.matter] : [ALL];
    for (const d of departments) for (const m of matters) add(d, m, c);
  }
  return [...rows.values()].filter((r) => r.num !== 0 || r.den !== 0).sort((a, b) => a._id.localeCompare(b._id));
}

/** Day rows of one month summed into that month's rows (department by department, `*` included). */
export function monthRows(month: string, dayRows: readonly MetricRow[]): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  for (const d of dayRows) {
    if (d.period !== 'day' || !d.date.startsWith(`${month}-`)) continue;
    const id = rowId('month', month, d.department, d.key, d.matter);
    const r = rows.get(id) ?? { _id: id, period: 'month', date: month, department: d.department, matter: d.matter, key: d.key, num: 0, den: 0 };
    r.num += d.num;
    r.den += d.den;
    rows.set(id, r);
  }
  return [...rows.values()].sort((a, b) => a._id.localeCompare(b._id));
}

export type Totals = Map<string, { num: number; den: number }>;

export function sumRows(rows: Iterable<{ key: string; num: number; den: number }>, into: Totals = new Map()): Totals {
  for (const r of rows) {
    const t = into.get(r.key) ?? { num: 0, den: 0 };
    t.num += r.num;
    t.den += r.den;
    into.set(r.key, t);
  }
  return into;
}

/** p95 of the latency histogram: the upper bound of the bucket holding the 95th percentile. */
export function latencyP95(totals: Totals): { num: number; den: number } {
  const counts = [...LATENCY_BOUNDS, Infinity].map((_b, i) => totals.get(`deliveryLatency.${i}`)?.num ?? 0);
  const n = counts.reduce((s, c) => s + c, 0);
  if (!n) return { num: 0, den: 0 };
  const target = Math.ceil(n * 0.95);
  let seen = 0;
  for (let i = 0; i < counts.length; i += 1) {
    seen += counts[i];
    if (seen >= target) return { num: LATENCY_BOUNDS[Math.min(i, LATENCY_BOUNDS.length - 1)], den: n };
  }
  return { num: LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1], den: n };
}

export function indicatorFrom(key: IndicatorKey, totals: Totals): Indicator {
  const d = DEFINITIONS.find((x) => x.key === key);
  if (!d) throw new Error(`unknown indicator ${key}`);
  const t = key === 'deliveryP95Seconds' ? latencyP95(totals) : totals.get(key) ?? { num: 0, den: 0 };
  return { key, name: d.name, num: t.num, den: t.den, area: d.area, unit: d.unit, ...(d.unitLabel ? { unitLabel: d.unitLabel } : {}) };
}

/** Every documented indicator, in definition order (zeros where nothing was counted). */
export function indicatorsFrom(totals: Totals): Indicator[] {
  return DEFINITIONS.map((d) => indicatorFrom(d.key, totals));
}

/** The CSV the dashboard exports: UTF-8 with BOM (Excel), one line per department and indicator. */
export function csvOf(lines: { departmentName: string; indicator: Indicator }[], header: string): string {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const value = (i: Indicator) => {
    if (!i.den && i.unit !== 'count') return '';
    if (i.unit === 'ratio') return `${(Math.round((i.num / i.den) * 1000) / 10).toFixed(1)}%`;
    if (i.unit === 'average') return (Math.round((i.num / i.den) * 10) / 10).toFixed(1);
    return String(i.num);
  };
  const body = lines.map(({ departmentName, indicator: i }) =>
    [departmentName, i.name, i.key, i.num, i.den, value(i), i.unitLabel ?? ''].map(esc).join(','));
  return `\uFEFF${[header, ...body].join('\r\n')}\r\n`;
}
