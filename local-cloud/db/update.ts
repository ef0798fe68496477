/**
 * WeChat update semantics, applied in memory to one document.
 *
 * `compileUpdate` mirrors @cloudbase/database's UpdateSerializer: nested plain objects are
 * flattened to dot paths so `{ a: { b: 1 } }` only sets `a.b`; anything else is a `set` of
 * that path; commands (`_.inc`, `_.push`, ...) apply to their path. `applyUpdate` then
 * performs MongoDB's operator semantics on a copy of the document.
 */
import { compareValues, deepClone, deepEqual } from './compare';
import { Query as MingoQuery } from 'mingo';
import { ErrCode, LocalCloudError } from '../errors';
import { isPlainObject, type AnyObject } from '../util';
import { isLogicCommand, isQueryCommand, isUpdateCommand, type UpdateOp } from './commands';
import { assertFieldName, translateWhere, queryValue } from './query';
import { storableValue } from './values';

export interface FieldOp {
  path: string;
  op: UpdateOp;
  value?: unknown;
}

function fail(detail: string): LocalCloudError {
  return new LocalCloudError(ErrCode.DB_REQUEST_FAILED, detail);
}

export function compileUpdate(data: unknown, now: number): FieldOp[] {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, 'options.data must be a non-empty object');
  }
  if (Object.prototype.hasOwnProperty.call(data, '_id')) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, '不能更新_id的值 (_id cannot be updated)');
  }
  const ops: FieldOp[] = [];
  walk(data, '', ops, now);
  assertNoPathConflicts(ops);
  return ops;
}

function walk(obj: AnyObject, prefix: string, ops: FieldOp[], now: number): void {
  for (const [key, val] of Object.entries(obj)) {
    assertFieldName(key, 'update data');
    const path = prefix ? `${prefix}.${key}` : key;
    if (val === undefined) continue;
    if (isUpdateCommand(val)) {
      ops.push(compileCommand(path, val.operator, val.operand, now));
    } else if (isQueryCommand(val) || isLogicCommand(val)) {
      throw new LocalCloudError(ErrCode.INVALID_PARAM, `query command used in update data at "${path}"`);
    } else if (isPlainObject(val)) {
      walk(val, path, ops, now); // an empty object contributes nothing, as in the real serializer
    } else {
      ops.push({ path, op: 'set', value: storableValue(val, now, path) });
    }
  }
}

function compileCommand(path: string, op: UpdateOp, operand: unknown, now: number): FieldOp {
  switch (op) {
    case 'inc':
    case 'mul':
      if (typeof operand !== 'number' || !Number.isFinite(operand)) throw new LocalCloudError(ErrCode.INVALID_PARAM, `_.${op}() needs a number`);
      return { path, op, value: operand };
    case 'rename':
      if (typeof operand !== 'string' || !operand) throw new LocalCloudError(ErrCode.INVALID_PARAM, '_.rename() needs a field path');
      assertFieldName(operand, '_.rename()');
      return { path, op, value: operand };
    case 'push': {
      // WeChat: `_.push({ each, position?, sort?, slice? })` (SDK ≥ 1.2.1) or the old `_.push([...])`.
      const o = operand as { each: unknown; position?: unknown; slice?: unknown; sort?: unknown };
      if (!Array.isArray(o.each)) throw new LocalCloudError(ErrCode.INVALID_PARAM, '_.push() each must be an array');
      const bad = (what: string) => new LocalCloudError(ErrCode.DB_REQUEST_FAILED, `_.push() ${what} (at "${path}")`);
      if (o.position !== undefined && !Number.isInteger(o.position)) throw bad('position must be an integer');
      if (o.slice !== undefined && !Number.isInteger(o.slice)) throw bad('slice must be an integer');
      if (o.sort !== undefined && o.sort !== 1 && o.sort !== -1) {
        const spec = o.sort;
        if (!isPlainObject(spec) || Object.keys(spec).length === 0 || Object.values(spec).some((d) => d !== 1 && d !== -1)) {
          throw bad('sort must be 1, -1 or { <field>: 1 | -1 }');
        }
      }
      const value: AnyObject = { each: o.each.map((v, i) => storableValue(v, now, `${path}.${i}`)) };
      for (const k of ['position', 'slice', 'sort'] as const) if (o[k] !== undefined) value[k] = o[k];
      return { path, op, value };
    }
    case 'unshift':
    case 'pullAll':
      if (!Array.isArray(operand)) throw new LocalCloudError(ErrCode.INVALID_PARAM, `_.${op}() needs an array`);
      return { path, op, value: operand.map((v, i) => storableValue(v, now, `${path}.${i}`)) };
    case 'addToSet': {
      const each = isPlainObject(operand) && Array.isArray(operand.each) && Object.keys(operand).length === 1 ? operand.each : [operand];
      return { path, op, value: each.map((v, i) => storableValue(v, now, `${path}.${i}`)) };
    }
    case 'pull':
      // A condition (`_.gt(3)`, `{ score: 8 }`) or a plain value; kept raw and interpreted per element.
      return { path, op, value: operand };
    case 'remove':
    case 'pop':
    case 'shift':
      return { path, op };
    default:
      return { path, op, value: storableValue(operand, now, path) };
  }
}

function assertNoPathConflicts(ops: FieldOp[]): void {
  const paths = ops.flatMap((o) => (o.op === 'rename' ? [o.path, String(o.value)] : [o.path]));
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      if (i !== j && (paths[i] === paths[j] || paths[j].startsWith(`${paths[i]}.`))) {
        throw fail(`Updating the path '${paths[j]}' would create a conflict at '${paths[i]}'`);
      }
    }
  }
}

// --- applying -----------------------------------------------------------------------------

type Container = AnyObject | unknown[];

function isIndex(seg: string): boolean {
  return /^\d+$/.test(seg);
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The container holding the last segment of `path`, creating intermediate objects when `create`. */
function parentOf(doc: AnyObject, path: string, create: boolean): { parent: Container; key: string } | undefined {
  const segs = path.split('.');
  let cur: Container = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    let next: unknown = Array.isArray(cur) ? (isIndex(seg) ? cur[Number(seg)] : undefined) : cur[seg];
    if (next === undefined || next === null) {
      if (!create) return undefined;
      if (Array.isArray(cur) && !isIndex(seg)) throw fail(`Cannot create field '${seg}' in array at '${segs.slice(0, i).join('.')}'`);
      next = {};
      setChild(cur, seg, next);
    } else if (typeof next !== 'object' || next instanceof Date || Buffer.isBuffer(next)) {
      if (!create) return undefined;
      throw fail(`Cannot create field '${segs[i + 1]}' in element {${seg}: ${describe(next)}}`);
    }
    cur = next as Container;
  }
  return { parent: cur, key: segs[segs.length - 1] };
}

function getChild(parent: Container, key: string): unknown {
  if (Array.isArray(parent)) return isIndex(key) ? parent[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(parent, key) ? parent[key] : undefined;
}

function setChild(parent: Container, key: string, value: unknown): void {
  if (Array.isArray(parent)) {
    if (!isIndex(key)) throw fail(`Cannot create field '${key}' in an array`);
    const idx = Number(key);
    while (parent.length < idx) parent.push(null); // MongoDB pads with nulls
    parent[idx] = value;
  } else {
    parent[key] = value;
  }
}

function deleteChild(parent: Container, key: string): void {
  if (Array.isArray(parent)) {
    if (isIndex(key) && Number(key) < parent.length) parent[Number(key)] = null; // $unset on an element leaves null
  } else {
    delete parent[key];
  }
}

function arrayAt(parent: Container, key: string, path: string, createIfMissing: boolean): unknown[] | undefined {
  const cur = getChild(parent, key);
  if (cur === undefined) {
    if (!createIfMissing) return undefined;
    const arr: unknown[] = [];
    setChild(parent, key, arr);
    return arr;
  }
  if (!Array.isArray(cur)) throw fail(`The field '${path}' must be an array but is of type ${cur === null ? 'null' : typeof cur}`);
  return cur;
}

function numberAt(parent: Container, key: string, path: string, op: string): number | undefined {
  const cur = getChild(parent, key);
  if (cur === undefined) return undefined;
  if (typeof cur !== 'number') throw fail(`Cannot apply $${op} to a value of non-numeric type at '${path}' (${describe(cur)})`);
  return cur;
}

/** Does an array element match a `_.pull()` argument? */
function pullMatcher(cond: unknown): (el: unknown) => boolean {
  if (isQueryCommand(cond) || isLogicCommand(cond)) {
    const q = new MingoQuery(translateWhere({ v: cond }, Date.now()), {});
    return (el) => q.test({ v: el });
  }
  if (isPlainObject(cond)) {
    // MongoDB: a document argument is a query applied to each (object) element.
    const q = new MingoQuery(translateWhere(cond, Date.now()), {});
    return (el) => isPlainObject(el) && q.test(el);
  }
  const v = queryValue(cond, Date.now(), '_.pull()');
  return (el) => deepEqual(el, v);
}

function sortValues(arr: unknown[], sort: unknown): void {
  if (sort === 1 || sort === -1) {
    arr.sort((a, b) => compareValues(a, b) * (sort as number));
  } else if (isPlainObject(sort)) {
    const spec = Object.entries(sort) as [string, number][];
    const get = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((c, s) => (isPlainObject(c) ? c[s] : undefined), o);
    arr.sort((a, b) => {
      for (const [p, dir] of spec) {
        const c = compareValues(get(a, p), get(b, p));
        if (c !== 0) return c * (dir < 0 ? -1 : 1);
      }
      return 0;
    });
  } else if (sort !== undefined) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, '_.push() sort must be 1, -1 or an object');
  }
}

/** Applies the operations to a deep copy of `doc`; returns the new document. Throws like the server for type errors. */
export function applyUpdate(doc: AnyObject, ops: FieldOp[]): AnyObject {
  const out = deepClone(doc);
  for (const { path, op, value } of ops) {
    const needsCreate = !['remove', 'pop', 'shift', 'pull', 'pullAll', 'rename'].includes(op);
    const loc = parentOf(out, path, needsCreate);
    if (!loc) continue; // removing / popping something that is not there is a no-op
    const { parent, key } = loc;
    switch (op) {
      case 'set':
        setChild(parent, key, deepClone(value));
        break;
      case 'remove':
        deleteChild(parent, key);
        break;
      case 'inc':
        setChild(parent, key, (numberAt(parent, key, path, 'inc') ?? 0) + (value as number));
        break;
      case 'mul':
        setChild(parent, key, (numberAt(parent, key, path, 'mul') ?? 0) * (value as number));
        break;
      case 'min':
      case 'max': {
        const cur = getChild(parent, key);
        const c = cur === undefined ? 0 : compareValues(value, cur);
        if (cur === undefined || (op === 'min' ? c < 0 : c > 0)) setChild(parent, key, deepClone(value));
        break;
      }
      case 'rename': {
        const cur = getChild(parent, key);
        if (cur === undefined) break;
        deleteChild(parent, key);
        const target = parentOf(out, value as string, true) as { parent: Container; key: string };
        setChild(target.parent, target.key, cur);
        break;
      }
      case 'push': {
        const arr = arrayAt(parent, key, path, true) as unknown[];
        const o = value as { each: unknown[]; position?: number; slice?: number; sort?: unknown };
        const items = deepClone(o.each);
        if (o.position === undefined) arr.push(...items);
        else {
          const pos = o.position < 0 ? Math.max(arr.length + o.position, 0) : Math.min(o.position, arr.length);
          arr.splice(pos, 0, ...items);
        }
        sortValues(arr, o.sort);
        if (o.slice !== undefined) {
          const kept = o.slice >= 0 ? arr.slice(0, o.slice) : arr.slice(o.slice);
          arr.length = 0;
          arr.push(...kept);
        }
        break;
      }
      case 'unshift': {
        const arr = arrayAt(parent, key, path, true) as unknown[];
        arr.unshift(...deepClone(value as unknown[]));
        break;
      }
      case 'addToSet': {
        const arr = arrayAt(parent, key, path, true) as unknown[];
        for (const v of value as unknown[]) if (!arr.some((el) => deepEqual(el, v))) arr.push(deepClone(v));
        break;
      }
      case 'pull':
      case 'pullAll': {
        const arr = arrayAt(parent, key, path, false);
        if (!arr) break;
        const match =
          op === 'pull' ? pullMatcher(value) : (el: unknown) => (value as unknown[]).some((v) => deepEqual(el, v));
        const kept = arr.filter((el) => !match(el));
        arr.length = 0;
        arr.push(...kept);
        break;
      }
      case 'pop':
      case 'shift': {
        const arr = arrayAt(parent, key, path, false);
        if (arr && arr.length) {
          if (op === 'pop') arr.pop();
          else arr.shift();
        }
        break;
      }
    }
  }
  return out;
}
