/**
 * Type-preserving JSON for stored documents. WeChat's database keeps Date values as BSON
 * dates; plain JSON would turn them into strings and break `_.gt(new Date())` queries, so
 * Dates and binary values are tagged. User data can never contain `$`-prefixed keys (the
 * database layer rejects them), so the tags cannot collide with real fields.
 */

const DATE_TAG = '$date';
const BINARY_TAG = '$binary';

/** Does the value hold a Date or binary anywhere (so it needs the tagging replacer)? */
function needsTags(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof Date || v instanceof Uint8Array) return true;
  if (depth > 256) return true; // let the replacer path deal with pathological depth
  if (Array.isArray(v)) {
    for (const x of v) if (needsTags(x, depth + 1)) return true;
    return false;
  }
  for (const k in v as Record<string, unknown>) if (needsTags((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

// Plain JSON.parse/stringify are several times faster than with a reviver/replacer; most
// documents hold no Dates or binaries, and a text without the tags cannot need reviving.
export function encodeDoc(value: unknown): string {
  if (!needsTags(value)) return JSON.stringify(value);
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
  if (!text.includes('"$date"') && !text.includes('"$binary"')) return JSON.parse(text) as T;
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
