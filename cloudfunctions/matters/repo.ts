/**
 * MatterRepository over the WeChat cloud database.
 *
 *   matter_versions    one row per matter per catalogue version: `_id` = `<versionId>:<实施编码>`,
 *                      `catalogueVersion` = versionId, plus the guide and `updatedAt`
 *   meta/catalogue     `{ published, version, updatedAt }`: which version readers read
 *   catalogue_stages   one record per version ever staged: `{ base, state, startedAt, openid }`
 *
 * Publishing a new version (see core/matter/repository.ts):
 *   1. register the stage (state `staging`), 2. write every row of the new version under its own
 *   versionId (invisible: nobody reads it), 3. one conditional update flips `meta.published` from the
 *   version the import was based on to the new one. If the flip matches nothing, another import won:
 *   CONFLICT. A crash before 3 leaves the old version published and a stage that cleanup() removes
 *   once it is older than STAGE_TTL_MS; after 3 the new version is complete.
 * Superseded versions are removed by the next import's cleanup (not at once, so a reader that read
 * the pointer just before the flip can still finish its read).
 */
import { randomBytes } from 'node:crypto';
import type { ListFilter, Page } from '../../core/api';
import { DomainError } from '../../core/envelope';
import type { CatalogueSnapshot, CatalogueVersion, MatterRepository, PublishResult } from '../../core/matter/repository';
import type { Matter, MatterGuide } from '../../core/matter/schema';
import { sameGuide } from '../../core/matter/same-guide';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import {
  CATALOGUE_META_ID, matterRowId as rowId, publishedMatter, publishedMatters, publishedPointer, rowToMatter as toMatter,
  type StoredMatterRow as StoredRow,
} from '../shared/catalogue';
import { MATTER_VERSIONS, META } from '../shared/collections';

export { MATTER_VERSIONS, META };
const MATTERS = MATTER_VERSIONS;
export const STAGES = 'catalogue_stages';

/**
 * A stage still `staging` after this long belongs to an invocation that died (the function's
 * timeout is 20 s); an import never flips a stage older than this, so cleanup may remove it.
 */
export const STAGE_TTL_MS = 10 * 60 * 1000;
/** Writes in flight at once while staging (each batch settles completely before the next starts). */
const WRITE_BATCH = 20;

interface StageRecord { _id: string; base: string; state: 'staging' | 'published' | 'failed' | 'lost'; startedAt: number; openid?: string }

export function newVersionId(): string {
  return `v${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export interface RepositoryOptions {
  openid?: string;
  now?: () => number;
}

export function createMatterRepository(options: RepositoryOptions = {}): MatterRepository {
  const db = getDb();
  const _ = db.command;
  const now = options.now ?? Date.now;

  const readMeta = (): Promise<CatalogueVersion> => publishedPointer();

  function whereFor(published: string, filter: ListFilter) {
    // `filter.value` is a zod-checked string, never a client object: no operator can sneak in.
    const field = filter.by === 'department' ? 'department.code' : filter.by === 'theme' ? 'themes' : 'lifeEvents';
    return { catalogueVersion: _.eq(published), [field]: _.eq(filter.value), status: '在用' };
  }

  /** The meta record exists (a lost duplicate-key race is fine) and has a `published` field. */
  async function ensureMeta(): Promise<void> {
    try {
      await db.collection(META).add({ data: { _id: CATALOGUE_META_ID, published: '', version: 0, updatedAt: '' } });
    } catch {
      // Already there (created by us earlier or by a concurrent first import): one record either way.
    }
    // A record from before versioned catalogues has no `published`; give it one, conditionally.
    await db.collection(META).where({ _id: _.eq(CATALOGUE_META_ID), published: _.exists(false) }).update({ data: { published: '' } });
  }

  /** Runs `write` for every item, at most WRITE_BATCH at a time; every write settles before any error is raised. */
  async function writeAll<T>(items: T[], write: (item: T) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < items.length; i += WRITE_BATCH) {
      const results = await Promise.allSettled(items.slice(i, i + WRITE_BATCH).map(write));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  async function removeVersion(versionId: string): Promise<void> {
    await db.collection(MATTERS).where({ catalogueVersion: _.eq(versionId) }).remove();
    await db.collection(STAGES).doc(versionId).remove();
  }

  async function abandon(versionId: string, state: 'failed' | 'lost'): Promise<void> {
    try {
      await db.collection(STAGES).doc(versionId).update({ data: { state } });
      await removeVersion(versionId);
    } catch (err) {
      // Invisible rows; cleanup() removes them on a later import.
      console.error('[import] could not remove staged version', versionId, err);
    }
  }

  const repo: MatterRepository = {
    catalogueVersion: readMeta,

    async snapshot(): Promise<CatalogueSnapshot> {
      const meta = await readMeta();
      return { ...meta, matters: await publishedMatters({}, { published: meta.published }) };
    },

    byId: (id: string): Promise<Matter | null> => publishedMatter(id),

    async page(filter: ListFilter, page: number, pageSize: number): Promise<Page<Matter>> {
      const { published } = await readMeta();
      if (!published) return { items: [], total: 0, page, pageSize };
      const where = whereFor(published, filter);
      // Sequential: a failed count must not leave the page read running on its own.
      const { total } = await db.collection(MATTERS).where(where).count();
      const { data } = await db.collection(MATTERS).where(where).orderBy('name', 'asc').skip((page - 1) * pageSize).limit(pageSize).get();
      return { items: (data as StoredRow[]).map(toMatter), total, page, pageSize };
    },

    async publish(base, changes, at): Promise<PublishResult> {
      await ensureMeta();
      await repo.cleanup().catch((err: unknown) => console.error('[import] cleanup failed', err));

      const versionId = newVersionId();
      const startedAt = now();
      const next = new Map<string, MatterGuide & { updatedAt: string }>();
      for (const m of base.matters) {
        const { _id: _code, ...guide } = m;
        next.set(m.implementationCode, guide);
      }
      let created = 0;
      let updated = 0;
      for (const m of changes) {
        const current = next.get(m.implementationCode);
        // Unchanged: the row is copied into the new version as it is, keeping its updatedAt.
        if (current && sameGuide(current, m)) continue;
        if (current) updated += 1;
        else created += 1;
        next.set(m.implementationCode, { ...m, updatedAt: at });
      }

      await db.collection(STAGES).add({ data: { _id: versionId, base: base.published, state: 'staging', startedAt, openid: options.openid ?? '' } });
      try {
        await writeAll([...next.values()], (m) => db.collection(MATTERS).doc(rowId(versionId, m.implementationCode))
          .set({ data: { ...m, catalogueVersion: versionId } }));
        if (now() - startedAt >= STAGE_TTL_MS) throw new DomainError('INTERNAL', '导入耗时过长，未写入任何数据；请拆分文件后重试');
      } catch (err) {
        await abandon(versionId, 'failed');
        throw err;
      }

      // The one write that makes the new version visible, conditional on nobody having published since `base`.
      const flip = await db.collection(META)
        .where({ _id: _.eq(CATALOGUE_META_ID), published: _.eq(base.published) })
        .update({ data: { published: versionId, version: base.version + 1, updatedAt: at } });
      if (flip.stats.updated !== 1) {
        await abandon(versionId, 'lost');
        throw new DomainError('CONFLICT', '事项目录刚刚被另一次导入更新，本次未写入任何数据；请重新预检后再导入');
      }
      await db.collection(STAGES).doc(versionId).update({ data: { state: 'published' } })
        .catch((err: unknown) => console.error('[import] could not mark stage published', versionId, err));
      return { created, updated, version: base.version + 1 };
    },

    async cleanup(): Promise<number> {
      const { published } = await readMeta();
      const stages = await fetchAll<StageRecord>(() => db.collection<StageRecord>(STAGES).orderBy('_id', 'asc'));
      // Only what is provably dead, even with another import flipping while this runs:
      //   failed / lost: never flips; staging past the TTL: refuses to flip;
      //   superseded: a later stage flipped away from it (it is published now, or says so).
      const superseded = new Set(stages.filter((s) => s.state === 'published' || s._id === published).map((s) => s.base));
      let removed = 0;
      for (const s of stages) {
        if (s._id === published) continue;
        const dead = s.state === 'failed' || s.state === 'lost' || superseded.has(s._id)
          || (s.state === 'staging' && now() - s.startedAt >= STAGE_TTL_MS);
        if (!dead) continue;
        await removeVersion(s._id);
        removed += 1;
      }
      return removed;
    },
  };
  return repo;
}
