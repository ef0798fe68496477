/**
 * Collection declarations for the deploy plan and docs/deploy-console.md. Reading and schema are
 * the local cloud's (local-cloud/runtime/collections.ts: the same files make undeclared
 * collections answer -502005 locally); this adds what deploying needs on top: one entry per
 * collection with conflicting index declarations reported, and index directions in Chinese.
 */
import {
  readCollectionDeclarations,
  readFunctionCollections,
  type CollectionDeclaration,
  type CollectionIndex,
  type FunctionCollections,
  type MergedCollection,
} from '../../local-cloud/runtime/collections';

export { readCollectionDeclarations, readFunctionCollections };
export type { CollectionDeclaration, CollectionIndex, FunctionCollections, MergedCollection };

/** Index key values the console offers: ascending, descending, geo. */
const DIRECTIONS: Record<string, string> = { '1': '升序', '-1': '降序', '2dsphere': '地理位置' };

/**
 * One entry per collection name, sorted. The same index declared differently by two functions,
 * or an index direction the console has no option for, is a Chinese problem, never a silent pick.
 */
export function mergeCollections(perFunction: FunctionCollections[]): { collections: MergedCollection[]; problems: string[] } {
  const byName = new Map<string, MergedCollection>();
  const problems: string[] = [];
  for (const { functionName: fn, collections } of perFunction) {
    for (const c of collections) {
      for (const idx of c.indexes) {
        for (const [field, dir] of Object.entries(idx.keys)) {
          if (!(String(dir) in DIRECTIONS)) {
            problems.push(`云函数 ${fn} 的集合 ${c.name} 索引 ${idx.name}：字段 ${field} 的方向 ${JSON.stringify(dir)} 无效，只能是 1（升序）、-1（降序）或 "2dsphere"（地理位置）`);
          }
        }
      }
      const seen = byName.get(c.name);
      if (!seen) {
        byName.set(c.name, { ...c, indexes: [...c.indexes], declaredBy: [fn] });
        continue;
      }
      seen.declaredBy.push(fn);
      for (const idx of c.indexes) {
        const other = seen.indexes.find((i) => i.name === idx.name);
        if (!other) seen.indexes.push(idx);
        else if (JSON.stringify([other.keys, !!other.unique]) !== JSON.stringify([idx.keys, !!idx.unique])) {
          problems.push(`集合 ${c.name} 的索引 ${idx.name} 在 ${seen.declaredBy.slice(0, -1).join('、')} 与 ${fn} 中的声明不一致`);
        }
      }
    }
  }
  return { collections: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** `department.code 升序、status 升序` */
export function describeIndexKeys(keys: CollectionIndex['keys']): string {
  return Object.entries(keys).map(([field, dir]) => `${field} ${DIRECTIONS[String(dir)] ?? String(dir)}`).join('、');
}
