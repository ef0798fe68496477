import { randomBytes } from 'crypto';

export type AnyObject = Record<string, unknown>;

/** True for `{}`-style objects only (not arrays, Dates, Buffers, class instances with other protos). */
export function isPlainObject(v: unknown): v is AnyObject {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** 32 lowercase hex chars, the shape of ids WeChat's cloud database generates. */
export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

export function newRequestId(): string {
  return `local-${randomBytes(8).toString('hex')}`;
}

/**
 * Real SDK calls are network round trips. Deferring the work to a later macrotask keeps
 * code that forgets to `await` from passing locally by accident and lets concurrent
 * callers interleave the way they would against the real service.
 */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Port of wx-server-sdk's convertCase (recursive), used so openapi HTTP bodies and replies
 * are converted exactly the way the real SDK converts them.
 */
export function convertCase(input: unknown, to: 'snake' | 'camel'): unknown {
  const key = (k: string): string =>
    to === 'snake'
      ? k.replace(/[A-Z]/g, (m, i: number) => `${i ? '_' : ''}${m.toLowerCase()}`)
      : k.replace(/_[a-z]/g, (m) => m[1].toUpperCase());
  if (Array.isArray(input)) return input.map((v) => convertCase(v, to));
  if (isPlainObject(input)) {
    const out: AnyObject = {};
    for (const [k, v] of Object.entries(input)) out[key(k)] = convertCase(v, to);
    return out;
  }
  return input;
}

/** JSON.stringify's view of one value: toJSON applied, boxed primitives unwrapped; `undefined` means "omit". */
function jsonView(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
  switch (typeof v) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'number':
      return Number.isFinite(v) ? v : null;
    default:
      return v;
  }
}

interface CopyFrame {
  src: AnyObject | unknown[];
  dst: AnyObject | unknown[];
  keys: string[];
  i: number;
}

/**
 * Exactly `JSON.parse(JSON.stringify(v))` — how WeChat carries callFunction data and results —
 * but iterative, so a 10 000-level nesting is copied (and left for the function to refuse)
 * instead of overflowing the emulator's stack. Throws TypeError on cycles and BigInt, as JSON does.
 */
export function jsonCopy(value: unknown): unknown {
  const root = jsonView(value, '');
  if (root === null || typeof root !== 'object') return root;
  const container = (o: object): AnyObject | unknown[] => (Array.isArray(o) ? [] : {});
  const keysOf = (o: object): string[] => (Array.isArray(o) ? o.map((_, i) => String(i)) : Object.keys(o));
  const out = container(root);
  const onPath = new Set<object>([root]);
  const stack: CopyFrame[] = [{ src: root as AnyObject, dst: out, keys: keysOf(root), i: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1] as CopyFrame;
    if (f.i >= f.keys.length) {
      onPath.delete(f.src);
      stack.pop();
      continue;
    }
    const key = f.keys[f.i++] as string;
    const isArr = Array.isArray(f.src);
    const v = jsonView((f.src as AnyObject)[key], key);
    if (v === undefined) {
      if (isArr) (f.dst as unknown[])[Number(key)] = null;
      continue;
    }
    if (v === null || typeof v !== 'object') {
      if (isArr) (f.dst as unknown[])[Number(key)] = v;
      else (f.dst as AnyObject)[key] = v;
      continue;
    }
    if (onPath.has(v)) throw new TypeError('Converting circular structure to JSON');
    const child = container(v);
    if (isArr) (f.dst as unknown[])[Number(key)] = child;
    else (f.dst as AnyObject)[key] = child;
    onPath.add(v);
    stack.push({ src: v as AnyObject, dst: child, keys: keysOf(v), i: 0 });
  }
  return out;
}

/** Nesting depth of a JSON-like value (a scalar is 0, `{}` is 1), computed without recursion; stops counting past `cap`. */
export function nestingDepth(value: unknown, cap = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > cap) return max;
    for (const x of Array.isArray(v) ? v : Object.values(v as AnyObject)) stack.push([x, depth]);
  }
  return max;
}
