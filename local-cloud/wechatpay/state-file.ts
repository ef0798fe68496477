/**
 * The emulator's orders and refunds on disk, so a restarted preview (`npm start`) still answers
 * queries and refunds for payments users made before (reconcile asks WeChat Pay about every
 * unconfirmed order; a forgetful emulator would answer ORDER_NOT_EXIST for real payments).
 * One JSON file in the local cloud's data dir, replaced atomically (write a temp file, rename).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const STATE_FILE_NAME = 'wechatpay-emulator.json';

/** Dates are kept as ISO strings; everything else is plain JSON. */
type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] };

export interface EmulatorState<O, R> {
  orders: O[];
  refunds: R[];
}

const DATE_FIELDS = new Set(['timeExpire', 'createdAt', 'successTime']);

function revive<T>(row: Stored<T>): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of Object.keys(out)) if (DATE_FIELDS.has(k) && typeof out[k] === 'string') out[k] = new Date(out[k] as string);
  return out as T;
}

export function readState<O, R>(file: string): EmulatorState<O, R> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { orders: [], refunds: [] };
    throw e;
  }
  const parsed = JSON.parse(text) as { version?: number; orders?: Stored<O>[]; refunds?: Stored<R>[] };
  return { orders: (parsed.orders ?? []).map((o) => revive<O>(o)), refunds: (parsed.refunds ?? []).map((r) => revive<R>(r)) };
}

let counter = 0;

/** Writes the whole state; a crash mid-write leaves the previous file intact. */
export function writeState<O, R>(file: string, state: EmulatorState<O, R>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  counter += 1;
  const tmp = `${file}.${process.pid}.${counter}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, ...state })}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
