/**
 * Reading the published 事项目录 from any cloud function (matters, affairs, booking, …).
 *
 * Matters are stored per catalogue version in `matter_versions` (`_id` = `<versionId>:<实施编码>`,
 * field `catalogueVersion`); `meta/catalogue.published` names the version citizens see. Never
 * query `matter_versions` without the published version: you would see staged or superseded
 * copies. Use these helpers instead (see cloudfunctions/matters/repo.ts for the writer).
 */
import type { Matter, MatterGuide } from '../../core/matter/schema';
import { getDb } from './cloud';
import { fetchAll } from './paging';
import { MATTER_VERSIONS, META } from './collections';

export { MATTER_VERSIONS, META };
export const CATALOGUE_META_ID = 'catalogue';

export type StoredMatterRow = MatterGuide & { _id: string; catalogueVersion: string; updatedAt: string };

export interface PublishedPointer {
  /** Id of the published version's rows ('' before the first import). */
  published: string;
  /** Counts publications. */
  version: number;
  updatedAt: string;
}

export const matterRowId = (versionId: string, code: string) => `${versionId}:${code}`;

/** A stored row as the domain sees it: `_id` is the 实施编码 again, bookkeeping removed. */
export function rowToMatter(row: StoredMatterRow): Matter {
  const { _id: _rowId, catalogueVersion: _v, ...rest } = row;
  return { ...rest, _id: row.implementationCode } as Matter;
}

export async function publishedPointer(): Promise<PublishedPointer> {
  const db = getDb();
  const { data } = await db.collection(META).where({ _id: db.command.eq(CATALOGUE_META_ID) }).limit(1).get();
  const doc = data[0] as Partial<PublishedPointer> | undefined;
  return { published: doc?.published ?? '', version: doc?.version ?? 0, updatedAt: doc?.updatedAt ?? '' };
}

/** One matter of the published catalogue by 实施编码 (whatever its status), or null. */
export async function publishedMatter(id: string, published?: string): Promise<Matter | null> {
  const version = published ?? (await publishedPointer()).published;
  if (!version) return null;
  const db = getDb();
  const { data } = await db.collection(MATTER_VERSIONS).where({ _id: db.command.eq(matterRowId(version, id)) }).limit(1).get();
  const row = data[0] as StoredMatterRow | undefined;
  return row ? rowToMatter(row) : null;
}

/**
 * Matters of the published catalogue matching `where` (zod-checked scalars wrapped in `_.eq` etc.,
 * as everywhere), ordered by 实施编码. `published` pins the version (e.g. from publishedPointer()).
 */
export async function publishedMatters(where: Record<string, unknown> = {}, options: { published?: string; max?: number } = {}): Promise<Matter[]> {
  const version = options.published ?? (await publishedPointer()).published;
  if (!version) return [];
  const db = getDb();
  const rows = await fetchAll<StoredMatterRow>(
    () => db.collection<StoredMatterRow>(MATTER_VERSIONS).where({ ...where, catalogueVersion: db.command.eq(version) }).orderBy('_id', 'asc'),
    options.max,
  );
  return rows.map(rowToMatter);
}

/** 实施编码 → 事项名称 for those of `codes` in the published catalogue (unknown codes are absent). */
export async function publishedMatterNames(codes: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return {};
  const version = (await publishedPointer()).published;
  if (!version) return {};
  const db = getDb();
  const out: Record<string, string> = {};
  // `_id in` pages of 100 keys: each answer fits one server page.
  for (let i = 0; i < unique.length; i += 100) {
    const ids = unique.slice(i, i + 100).map((c) => matterRowId(version, c));
    const { data } = await db.collection<{ implementationCode: string; name: string }>(MATTER_VERSIONS)
      .where({ _id: db.command.in(ids) }).field({ implementationCode: true, name: true }).limit(100).get();
    for (const row of data) out[row.implementationCode] = row.name;
  }
  return out;
}
