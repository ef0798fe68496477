/**
 * Preparing user data for storage: resolves `db.serverDate()` to the write time, rejects
 * commands where plain data is expected and `$`-prefixed field names (MongoDB refuses them,
 * and accepting them would let stored data masquerade as operators later).
 */
import { ErrCode, LocalCloudError } from '../errors';
import { isPlainObject, type AnyObject } from '../util';
import { isAnyCommand, isDbRegExp, isServerDate } from './commands';
import { assertFieldName } from './query';

/** MongoDB (and so WeChat's database) refuses documents nested deeper than 100 levels. */
export const MAX_DOC_DEPTH = 100;

export function storableValue(v: unknown, now: number, at: string, depth = 0): unknown {
  if (depth > MAX_DOC_DEPTH) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, `document is nested deeper than ${MAX_DOC_DEPTH} levels (at "${at.slice(0, 200)}…")`);
  }
  if (isServerDate(v)) return v.resolve(now);
  if (isDbRegExp(v) || v instanceof RegExp) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, `regular expressions cannot be stored (at "${at}")`);
  }
  if (isAnyCommand(v)) {
    // Same wording as @cloudbase/database for operators inside set()/add() data.
    throw new LocalCloudError(ErrCode.DB_REQUEST_FAILED, `update operator complicit (command at "${at}" where plain data is expected)`);
  }
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : storableValue(x, now, `${at}.${i}`, depth + 1)));
  if (v instanceof Date || Buffer.isBuffer(v)) return v instanceof Date ? new Date(v.getTime()) : Buffer.from(v);
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (v !== null && typeof v === 'object') {
    const out: AnyObject = {};
    for (const [k, x] of Object.entries(v as AnyObject)) {
      if (x === undefined || typeof x === 'function') continue;
      assertFieldName(k, 'data');
      if (k.includes('.')) throw new LocalCloudError(ErrCode.INVALID_PARAM, `field name "${k}" must not contain "."`);
      out[k] = storableValue(x, now, at ? `${at}.${k}` : k, depth + 1);
    }
    return out;
  }
  if (typeof v === 'bigint' || typeof v === 'symbol') throw new LocalCloudError(ErrCode.INVALID_PARAM, `unsupported value type ${typeof v} at "${at}"`);
  if (typeof v === 'number' && !Number.isFinite(v)) return null; // JSON (and the SDK's EJSON transport) cannot carry NaN/Infinity
  return v;
}

/** Document body for add()/set(): a plain object, `_id` handled by the caller. */
export function storableDoc(data: unknown, now: number): AnyObject {
  if (!isPlainObject(data)) throw new LocalCloudError(ErrCode.INVALID_PARAM, 'data must be an object');
  return storableValue(data, now, '') as AnyObject;
}
