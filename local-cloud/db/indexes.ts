/**
 * Index declarations (collections.json `indexes[].keys`) known to the local cloud. The engine
 * turns each into a SQLite expression index over the stored JSON so pushed-down filters and
 * orderBy are index-served, as the declared indexes serve them on WeChat.
 */

export interface DeclaredIndex {
  name: string;
  /** Field paths in key order (directions do not matter: SQLite scans an index both ways). */
  paths: string[];
}

const byCollection = new Map<string, Map<string, DeclaredIndex>>();

export function declareIndexes(coll: string, indexes: Iterable<{ name: string; keys: Record<string, unknown> }>): void {
  let m = byCollection.get(coll);
  if (!m) byCollection.set(coll, (m = new Map()));
  for (const idx of indexes) {
    const paths = Object.keys(idx.keys ?? {});
    if (idx.name && paths.length) m.set(idx.name, { name: idx.name, paths });
  }
}

export function declaredIndexes(coll: string): DeclaredIndex[] {
  return [...(byCollection.get(coll)?.values() ?? [])];
}

export function clearDeclaredIndexes(): void {
  byCollection.clear();
}
