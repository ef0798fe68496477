/**
 * Index declarations (collections.json `indexes[].keys`) known to the local cloud. The engine
 * turns each into a SQLite expression index over the stored JSON so pushed-down filters and
 * orderBy are index-served, as the declared indexes serve them on WeChat.
 */

export interface DeclaredIndex {
  name: string;
  /** Field paths in key order. */
  paths: string[];
  /**
   * Per path, whether the key is descending (-1). A single direction does not matter (SQLite
   * scans an index both ways), but a mixed orderBy (priority desc, nextAt asc) is only served
   * by an index with the same mix.
   */
  descending: boolean[];
}

const byCollection = new Map<string, Map<string, DeclaredIndex>>();

export function declareIndexes(coll: string, indexes: Iterable<{ name: string; keys: Record<string, unknown> }>): void {
  let m = byCollection.get(coll);
  if (!m) byCollection.set(coll, (m = new Map()));
  for (const idx of indexes) {
    const keys = idx.keys ?? {};
    const paths = Object.keys(keys);
    if (idx.name && paths.length) m.set(idx.name, { name: idx.name, paths, descending: paths.map((p) => keys[p] === -1) });
  }
}

export function declaredIndexes(coll: string): DeclaredIndex[] {
  return [...(byCollection.get(coll)?.values() ?? [])];
}

export function clearDeclaredIndexes(): void {
  byCollection.clear();
}
