/**
 * Type-preserving JSON for stored documents. WeChat's database keeps Date values as BSON
 * dates; plain JSON would turn them into strings and break `_.gt(new Date())` queries, so
 * Dates and binary values are tagged. User data can never contain `$`-prefixed keys (the
 * database layer rejects them), so the tags cannot collide with real fields.
 */

const DATE_TAG = '$date';
const BINARY_TAG = '$binary';

export function encodeDoc(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the raw value; `v` has already been through toJSON (Date → string).
    const raw = this[key];
    if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : { [DATE_TAG]: raw.getTime() };
    if (Buffer.isBuffer(raw)) return { [BINARY_TAG]: raw.toString('base64') };
    if (raw instanceof Uint8Array) return { [BINARY_TAG]: Buffer.from(raw).toString('base64') };
    return v;
  });
}

export function decodeDoc<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === DATE_TAG && typeof o[DATE_TAG] === 'number') return new Date(o[DATE_TAG] as number);
      if (keys.length === 1 && keys[0] === BINARY_TAG && typeof o[BINARY_TAG] === 'string') return Buffer.from(o[BINARY_TAG] as string, 'base64');
    }
    return v;
  }) as T;
}
