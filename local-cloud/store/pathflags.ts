/**
 * Write-time facts about where documents of a collection hold values that SQL pushdown cannot
 * reason about exactly. For every dot path (arrays are not entered) a document may record:
 *   array  — an array at this path (Mongo matches/sorts by its elements)
 *   object — a plain (non-Date) embedded object
 *   binary — a Buffer
 *   hi     — a string with a UTF-16 unit >= 0xD800 (SQLite's UTF-8 byte order ≠ JS code-unit order)
 * Flags are only ever added (never removed when documents change), so they are conservative.
 */
export type PathFlag = 'array' | 'object' | 'binary' | 'hi';

export function hasHighUnit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return true;
  return false;
}

export function docPathFlags(doc: Record<string, unknown>): [string, PathFlag][] {
  const out = new Map<string, [string, PathFlag]>();
  const add = (path: string, flag: PathFlag): void => {
    out.set(`${path}\u0000${flag}`, [path, flag]);
  };
  const walk = (v: unknown, path: string, depth: number): void => {
    if (v === null || v === undefined || v instanceof Date) return;
    if (typeof v === 'string') {
      if (path && hasHighUnit(v)) add(path, 'hi');
      return;
    }
    if (typeof v !== 'object') return;
    if (Array.isArray(v)) return add(path, 'array');
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return add(path, 'binary');
    if (path) add(path, 'object');
    if (depth > 200) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(doc, '', 0);
  return [...out.values()];
}
