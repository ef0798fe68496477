/**
 * Value helpers with MongoDB semantics for the update applier (deep equality for addToSet /
 * pull / "did the update change anything", BSON type ordering for min/max/push-sort, and a
 * clone that keeps Dates and Buffers). Query matching and orderBy use mingo instead.
 */
import { isPlainObject, type AnyObject } from '../util';

export function deepClone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Buffer.isBuffer(v)) return Buffer.from(v) as T;
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (isPlainObject(v)) {
    const out: AnyObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepClone(x);
    return out as T;
  }
  return v;
}

/** Field order matters for embedded documents in MongoDB, so it matters here too. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  return false;
}

/** BSON comparison order: null < numbers < strings < objects < arrays < binary < booleans < dates. */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number') return 3;
  if (typeof v === 'string') return 4;
  if (Array.isArray(v)) return 6;
  if (Buffer.isBuffer(v)) return 7;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  return 5;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  if (a instanceof Date) return Math.sign(a.getTime() - (b as Date).getTime());
  if (Buffer.isBuffer(a)) return Buffer.compare(a, b as Buffer);
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const c = compareValues(a[i], bb[i]);
      if (c) return c;
    }
    return Math.sign(a.length - bb.length);
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ea = Object.entries(a);
    const eb = Object.entries(b);
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const c = compareValues(ea[i][1], eb[i][1]) || (ea[i][0] < eb[i][0] ? -1 : ea[i][0] > eb[i][0] ? 1 : 0);
      if (c) return c;
    }
    return Math.sign(ea.length - eb.length);
  }
  return 0;
}
