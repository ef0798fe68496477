/**
 * Per-function collection declarations: `cloudfunctions/<fn>/collections.json`
 *   { "collections": [ { "name", "description", "indexes": [ { "name", "keys", "unique" } ] } ] }
 * The local cloud answers -502005 for any collection no loaded function declares (as WeChat does
 * for a collection nobody created in the console), and the deploy plan prints the console steps
 * (create collection, permission, indexes) from the same files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/** WeChat: letters, digits, `_` and `-`; we also require a letter or `_` first. */
export const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export const CollectionIndexSchema = z
  .object({
    name: z.string().min(1, '索引名称不能为空'),
    keys: z
      .record(z.union([z.literal(1), z.literal(-1), z.string()]))
      .refine((k) => Object.keys(k).length > 0, '索引至少包含一个字段'),
    unique: z.boolean().optional(),
  })
  .passthrough();
export type CollectionIndex = z.infer<typeof CollectionIndexSchema>;

export const CollectionDeclarationSchema = z
  .object({
    name: z.string().regex(COLLECTION_NAME, '集合名称只能包含字母、数字、_ 和 -，且以字母或 _ 开头'),
    description: z.string().min(1, '请为集合写一句中文说明'),
    indexes: z.array(CollectionIndexSchema).default([]),
  })
  .passthrough();
export type CollectionDeclaration = z.infer<typeof CollectionDeclarationSchema>;

export const CollectionsFileSchema = z.object({ collections: z.array(CollectionDeclarationSchema) });

export const COLLECTIONS_FILE = 'collections.json';

/** The collections one function declares; [] when it has no collections.json. */
export function readFunctionCollections(functionDir: string): CollectionDeclaration[] {
  const file = path.join(functionDir, COLLECTIONS_FILE);
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

export interface FunctionCollections {
  /** The declaring function's name (its directory). */
  functionName: string;
  collections: CollectionDeclaration[];
}

/** Every `<functionsDir>/<fn>/` with a config.json, with what its collections.json declares, sorted by function name. */
export function readCollectionDeclarations(functionsDir: string): FunctionCollections[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules' && fs.existsSync(path.join(functionsDir, d.name, 'config.json')))
    .map((d) => d.name)
    .sort()
    .map((functionName) => ({ functionName, collections: readFunctionCollections(path.join(functionsDir, functionName)) }));
}

/**
 * Every collection declared under `functionsDir`, with its indexes: what a script or test that
 * runs functions without the gateway declares, so queries are index-served as deployed.
 */
export function allCollectionDeclarations(functionsDir: string): MergedCollection[] {
  return mergeCollectionDeclarations(readCollectionDeclarations(functionsDir));
}

/** Distinct collection names declared by any function under `functionsDir`, sorted. */
export function declaredCollectionNames(functionsDir: string): string[] {
  const names = new Set<string>();
  for (const f of readCollectionDeclarations(functionsDir)) for (const c of f.collections) names.add(c.name);
  return [...names].sort();
}

/**
 * One entry per collection name (a collection several functions write, like `outbox`, may be
 * declared by each): indexes merged by index name, the declaring functions listed.
 */
export interface MergedCollection extends CollectionDeclaration {
  declaredBy: string[];
}

export function mergeCollectionDeclarations(all: FunctionCollections[]): MergedCollection[] {
  const byName = new Map<string, MergedCollection>();
  for (const f of all) {
    for (const c of f.collections) {
      const cur = byName.get(c.name);
      if (!cur) {
        byName.set(c.name, { ...c, indexes: [...c.indexes], declaredBy: [f.functionName] });
        continue;
      }
      cur.declaredBy.push(f.functionName);
      for (const idx of c.indexes) if (!cur.indexes.some((i) => i.name === idx.name)) cur.indexes.push(idx);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
