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
