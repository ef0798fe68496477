/**
 * Reads `cloudfunctions/<fn>/collections.json`: the collections each function owns, with the
 * indexes production needs. The deploy plan and docs/deploy-console.md are generated from it.
 *
 *   { "collections": [ { "name": "outbox", "description": "中文说明",
 *       "indexes": [ { "name": "status_at", "keys": { "status": 1, "at": 1 }, "unique": false } ] } ] }
 *
 * NOTE for the integrator: the local cloud is getting its own reader of the same files
 * (`readCollectionDeclarations(functionsDir)`); once it is on main, this one can delegate to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

export const IndexSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '索引名须以字母开头，只含字母、数字和 _'),
    keys: z
      .record(z.union([z.literal(1), z.literal(-1)], { errorMap: () => ({ message: '索引方向只能是 1（升序）或 -1（降序）' }) }))
      .refine((k) => Object.keys(k).length > 0, '索引至少要有一个字段'),
    unique: z.boolean().default(false),
  })
  .strict();

export const CollectionSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, '集合名须以字母开头，只含字母、数字、_ 和 -'),
    description: z.string().min(1, '请用中文说明集合的用途'),
    indexes: z.array(IndexSchema).default([]),
  })
  .strict();

export const CollectionsFileSchema = z.object({ collections: z.array(CollectionSchema) }).strict();

export type IndexDeclaration = z.infer<typeof IndexSchema>;
export type CollectionDeclaration = z.infer<typeof CollectionSchema>;

export interface FunctionCollections {
  function: string;
  collections: CollectionDeclaration[];
}

/** One function's declarations; a function without collections.json declares none. */
export function readCollectionsFile(fnDir: string): CollectionDeclaration[] {
  const file = path.join(fnDir, 'collections.json');
  if (!fs.existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`无法读取集合声明 ${file}：${(err as Error).message}`);
  }
  const parsed = CollectionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('；');
    throw new Error(`集合声明 ${file} 不合法：${issues}`);
  }
  return parsed.data.collections;
}

/** Every function's declarations (functions are the dirs holding a config.json), sorted by name. */
export function readCollectionDeclarations(functionsDir: string): FunctionCollections[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'config.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ function: name, collections: readCollectionsFile(path.join(functionsDir, name)) }));
}

export interface MergedCollection extends CollectionDeclaration {
  /** The functions that declare it (a writer may declare a collection another function owns). */
  declaredBy: string[];
}

/**
 * One entry per collection name. Indexes of the same name must agree wherever declared;
 * disagreements are returned as Chinese problems rather than silently picking one.
 */
export function mergeCollections(perFunction: FunctionCollections[]): { collections: MergedCollection[]; problems: string[] } {
  const byName = new Map<string, MergedCollection>();
  const problems: string[] = [];
  for (const { function: fn, collections } of perFunction) {
    for (const c of collections) {
      const seen = byName.get(c.name);
      if (!seen) {
        byName.set(c.name, { ...c, indexes: [...c.indexes], declaredBy: [fn] });
        continue;
      }
      seen.declaredBy.push(fn);
      for (const idx of c.indexes) {
        const other = seen.indexes.find((i) => i.name === idx.name);
        if (!other) seen.indexes.push(idx);
        else if (JSON.stringify(other) !== JSON.stringify(idx)) {
          problems.push(`集合 ${c.name} 的索引 ${idx.name} 在 ${seen.declaredBy.slice(0, -1).join('、')} 与 ${fn} 中的声明不一致`);
        }
      }
    }
  }
  return { collections: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** `department.code 升序、status 升序` */
export function describeIndexKeys(keys: Record<string, 1 | -1>): string {
  return Object.entries(keys).map(([field, dir]) => `${field} ${dir === 1 ? '升序' : '降序'}`).join('、');
}
