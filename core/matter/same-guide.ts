/**
 * Whether an imported guide says exactly what the stored one says. A re-import of unchanged data
 * must report 0 updates and leave the stored rows' updatedAt alone, so the comparison ignores the
 * bookkeeping a stored row carries (its id, catalogue version, update time), key order and keys
 * whose value is undefined (the database never stores those). Pure.
 */
import type { Matter, MatterGuide } from './schema';

/** Set by storage, never by an import file. */
const BOOKKEEPING = new Set(['_id', 'updatedAt', 'catalogueVersion', 'searchText']);

export function sameGuide(stored: Matter | MatterGuide, incoming: MatterGuide): boolean {
  return canonical(stored, true) === canonical(incoming, true);
}

/** JSON with object keys sorted and undefined-valued keys left out; bookkeeping dropped at the top. */
function canonical(value: unknown, top = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined && !(top && BOOKKEEPING.has(k)))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
