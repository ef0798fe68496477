/**
 * SQL pushdown of translated (Mongo) queries: a pre-filter and sort order over the stored JSON
 * that SQLite can evaluate (and serve from expression indexes). mingo stays the final matcher
 * and sorter, so the pre-filter only has to be a superset of what mingo matches; `exact` says
 * when it is precisely mingo's answer (then count() is a SQL COUNT).
 *
 * Per field path P (never through a path that has ever held an array in the collection — see
 * store/pathflags.ts — because Mongo then matches elements):
 *   R(P) — BSON-like type rank: missing/null 1, number 3, string 4, object 5, array 6, bool 9, Date 10
 *   K(P) — the value: number, string, 1/0 for booleans, epoch ms for Dates (`{"$date": ms}` in the codec)
 * A pushed term always pins the rank (`R = 4 AND K = ?`), which is exactly mingo's type bracketing.
 */
import type { PathFlag } from '../store/pathflags';
import { hasHighUnit } from '../store/pathflags';
import type { AnyObject } from '../util';

export type Flags = Map<string, Set<PathFlag>>;

/** `LOCAL_CLOUD_PUSHDOWN=0` forces the old full-scan path (read on every query). */
export function pushdownEnabled(): boolean {
  return process.env.LOCAL_CLOUD_PUSHDOWN !== '0';
}

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** `$."a"."b"` or undefined when a segment cannot be written safely as a JSON path label. */
export function jsonPath(path: string): string | undefined {
  const segs = path.split('.');
  if (segs.some((s) => s === '' || s.startsWith('$') || /["\\\u0000-\u001f]/.test(s))) return undefined;
  return '$' + segs.map((s) => `."${s}"`).join('');
}

export function keyExpr(jp: string): string {
  return `COALESCE(json_extract(body, ${sqlString(`${jp}."$date"`)}), json_extract(body, ${sqlString(jp)}))`;
}

export function rankExpr(jp: string): string {
  return (
    `(CASE json_type(body, ${sqlString(jp)}) WHEN 'integer' THEN 3 WHEN 'real' THEN 3 WHEN 'text' THEN 4 ` +
    `WHEN 'true' THEN 9 WHEN 'false' THEN 9 WHEN 'array' THEN 6 ` +
    `WHEN 'object' THEN (CASE json_type(body, ${sqlString(`${jp}."$date"`)}) WHEN 'integer' THEN 10 ELSE 5 END) ELSE 1 END)`
  );
}

/** Columns of the expression index for a declared index (rank and value per key path). */
export function indexExprs(paths: string[], descending: boolean[] = []): string[] | undefined {
  const out: string[] = [];
  for (const [i, p] of paths.entries()) {
    const jp = jsonPath(p);
    if (!jp) return undefined;
    const d = descending[i] ? ' DESC' : '';
    out.push(`${rankExpr(jp)}${d}`, `${keyExpr(jp)}${d}`);
  }
  return out;
}

function hasFlag(flags: Flags, path: string, flag: PathFlag): boolean {
  return flags.get(path)?.has(flag) ?? false;
}

/** Has any prefix of `path` (or the path itself) ever held an array? */
export function arrayAlong(flags: Flags, path: string): boolean {
  const segs = path.split('.');
  for (let i = 1; i <= segs.length; i++) if (hasFlag(flags, segs.slice(0, i).join('.'), 'array')) return true;
  return false;
}

const MAX_SAFE = 2 ** 53;

/** Rank and SQL value of a compared query value, or undefined when not pushable. */
function sqlValue(v: unknown, range: boolean): { r: number; k: number | string } | undefined {
  if (typeof v === 'string') return range && hasHighUnit(v) ? undefined : { r: 4, k: v };
  if (typeof v === 'boolean') return { r: 9, k: v ? 1 : 0 };
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || Math.abs(v) >= MAX_SAFE) return undefined;
    return { r: 3, k: v };
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? { r: 10, k: t } : undefined;
  }
  return undefined;
}

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

export interface FilterPlan {
  /** SQL condition (without the collection term); '' for none. */
  cond: string;
  args: unknown[];
  /** The condition selects exactly the documents mingo matches. */
  exact: boolean;
  /**
   * Paths the condition pins: 'value' (an $eq: rank and value are constant over the candidates)
   * or 'rank' (a range or one-type $in). Ordering by an $eq-pinned key is a no-op, and leaving it
   * out of ORDER BY lets SQLite walk the index instead of sorting in a temp B-tree.
   */
  pinned: Map<string, 'rank' | 'value'>;
}

/**
 * `_id` is always a string and is the indexed `id` column: `_.eq(id)` / `_.in([ids])` of strings
 * become `id = ?` / `id IN (…)` instead of a scan of the JSON bodies (the follower sync looks up
 * 100 ids per batch in collections of hundreds of thousands). False: not of that form.
 */
function idTerm(expr: unknown, conds: string[], args: unknown[]): boolean {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return false;
  const ops = Object.entries(expr as AnyObject);
  if (ops.length !== 1) return false;
  const [op, v] = ops[0];
  if (op === '$eq' && typeof v === 'string') {
    conds.push('id = ?');
    args.push(v);
    return true;
  }
  if (op === '$in' && Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
    conds.push(`id IN (${v.map(() => '?').join(', ')})`);
    args.push(...v);
    return true;
  }
  return false;
}

export function planFilter(mongo: AnyObject, flags: Flags): FilterPlan {
  const conds: string[] = [];
  const args: unknown[] = [];
  const pinned = new Map<string, 'rank' | 'value'>();
  const pin = (path: string, what: 'rank' | 'value') => {
    if (pinned.get(path) !== 'value') pinned.set(path, what);
  };
  let exact = true;

  const field = (path: string, expr: unknown): void => {
    if (path === '_id' && idTerm(expr, conds, args)) return;
    const jp = jsonPath(path);
    if (!jp || arrayAlong(flags, path) || expr === null || typeof expr !== 'object' || Array.isArray(expr)) {
      exact = false;
      return;
    }
    const R = rankExpr(jp);
    const K = keyExpr(jp);
    for (const [op, v] of Object.entries(expr as AnyObject)) {
      if (op === '$eq') {
        const sv = sqlValue(v, false);
        if (!sv) {
          exact = false;
          continue;
        }
        conds.push(`${R} = ${sv.r} AND ${K} = ?`);
        args.push(sv.k);
        pin(path, 'value');
      } else if (op === '$in') {
        const vals = Array.isArray(v) ? v.map((x) => sqlValue(x, false)) : [undefined];
        if (vals.some((x) => !x)) {
          exact = false;
          continue;
        }
        if (vals.length === 0) {
          conds.push('0');
          continue;
        }
        const byRank = new Map<number, (number | string)[]>();
        for (const x of vals as { r: number; k: number | string }[]) {
          const list = byRank.get(x.r) ?? [];
          list.push(x.k);
          byRank.set(x.r, list);
        }
        const parts: string[] = [];
        for (const [r, ks] of byRank) {
          parts.push(`(${R} = ${r} AND ${K} IN (${ks.map(() => '?').join(', ')}))`);
          args.push(...ks);
        }
        conds.push(parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);
        if (parts.length === 1) pin(path, 'rank');
      } else if (op in RANGE) {
        const sv = sqlValue(v, true);
        if (!sv) {
          exact = false;
          continue;
        }
        conds.push(`${R} = ${sv.r} AND ${K} ${RANGE[op]} ?`);
        args.push(sv.k);
        pin(path, 'rank');
      } else {
        exact = false;
      }
    }
  };

  const clause = (q: unknown): void => {
    if (q === null || typeof q !== 'object' || Array.isArray(q)) {
      exact = false;
      return;
    }
    for (const [key, val] of Object.entries(q as AnyObject)) {
      if (key === '$and' && Array.isArray(val)) for (const c of val) clause(c);
      else if (key.startsWith('$')) exact = false;
      else field(key, val);
    }
  };

  clause(mongo);
  return { cond: conds.join(' AND '), args, exact, pinned };
}

export interface SortPlan {
  /** ORDER BY clause. */
  order: string;
  /** Extra SELECT columns `, r0, k0, r1, k1 …` for the keys SQL orders by (boundary detection). */
  cols: string;
  /** How many leading orderBy keys SQL orders by. */
  keys: number;
  /** SQL orders by every key, then natural order: its first rows are the page. */
  complete: boolean;
}

/**
 * SQL order for the leading orderBy fields whose SQL order of (R, K) is exactly mingo's order of
 * values for every document of the collection: no arrays along the path, no embedded objects,
 * binaries or strings with units >= 0xD800 at it (the first field must qualify, or there is no
 * SQL order). Fields after that prefix are sorted by mingo on the fetched tie groups; they must
 * hold no arrays/objects/binaries (whose mingo comparison we do not mirror) either.
 */
export function planSort(orders: [string, 'asc' | 'desc'][], flags: Flags, pinned: FilterPlan['pinned'] = new Map()): SortPlan | undefined {
  if (orders.length === 0) return { order: 'seq', cols: '', keys: 0, complete: true };
  for (const [i, [path]] of orders.entries()) {
    if (!jsonPath(path) || arrayAlong(flags, path)) return undefined;
    if (hasFlag(flags, path, 'object') || hasFlag(flags, path, 'binary')) return undefined;
    if (i === 0 && hasFlag(flags, path, 'hi')) return undefined;
  }
  // SQL orders by the longest prefix of keys whose SQL order is mingo's (no 'hi' strings).
  const inSql: [string, 'asc' | 'desc'][] = [];
  for (const o of orders) {
    if (hasFlag(flags, o[0], 'hi')) break;
    inSql.push(o);
  }
  const order: string[] = [];
  const cols: string[] = [];
  inSql.forEach(([path, dir], i) => {
    const jp = jsonPath(path) as string;
    const d = dir === 'desc' ? ' DESC' : '';
    // An $eq-pinned key is left out. A rank-pinned one stays: SQLite only skips constrained
    // columns of the index prefix it searched, and a range's rank column follows the range key.
    if (pinned.get(path) !== 'value') order.push(`${rankExpr(jp)}${d}`, `${keyExpr(jp)}${d}`);
    cols.push(`${rankExpr(jp)} AS r${i}`, `${keyExpr(jp)} AS k${i}`);
  });
  // With every key in SQL, ties come in natural order, which is how mingo's stable sort leaves
  // them: the first rows are then exactly the page, with no tie group to finish.
  const complete = inSql.length === orders.length;
  if (complete || !order.length) order.push('seq');
  return { order: order.join(', '), cols: `, ${cols.join(', ')}`, keys: inSql.length, complete };
}
