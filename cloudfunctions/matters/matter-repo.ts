/** MatterRepository over the WeChat cloud database (collection `matters`, meta doc `catalogue`). */
import type { ListFilter, Page } from '../../core/api';
import type { CatalogueVersion, MatterRepository } from '../../core/matter/repository';
import type { Matter, MatterGuide } from '../../core/matter/schema';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';

export const MATTERS = 'matters';
export const META = 'meta';
const CATALOGUE_META_ID = 'catalogue';

export function createMatterRepository(): MatterRepository {
  const db = getDb();
  const _ = db.command;

  function whereFor(filter: ListFilter) {
    // `filter.value` is a zod-checked string, never a client object: no operator can sneak in.
    const field = filter.by === 'department' ? 'department.code' : filter.by === 'theme' ? 'themes' : 'lifeEvents';
    return { [field]: _.eq(filter.value), status: '在用' };
  }

  return {
    async catalogueVersion(): Promise<CatalogueVersion> {
      const { data } = await db.collection(META).where({ _id: CATALOGUE_META_ID }).get();
      const doc = data[0] as { version?: number; updatedAt?: string } | undefined;
      return { version: doc?.version ?? 0, updatedAt: doc?.updatedAt ?? '' };
    },

    async all(): Promise<Matter[]> {
      return fetchAll<Matter>(() => db.collection<Matter>(MATTERS).orderBy('_id', 'asc'));
    },

    async byId(id: string): Promise<Matter | null> {
      const { data } = await db.collection(MATTERS).where({ _id: _.eq(id) }).limit(1).get();
      return (data[0] as Matter | undefined) ?? null;
    },

    async page(filter: ListFilter, page: number, pageSize: number): Promise<Page<Matter>> {
      const where = whereFor(filter);
      const [{ total }, { data }] = await Promise.all([
        db.collection(MATTERS).where(where).count(),
        db.collection(MATTERS).where(where).orderBy('name', 'asc').skip((page - 1) * pageSize).limit(pageSize).get(),
      ]);
      return { items: data as Matter[], total, page, pageSize };
    },

    async existingIds(ids: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const { data } = await db.collection(MATTERS).where({ _id: _.in(chunk) }).field({ _id: true }).limit(100).get();
        data.forEach((d) => found.add(String(d._id)));
      }
      return found;
    },

    async upsertAll(matters: MatterGuide[], at: string) {
      const ids = matters.map((m) => m.implementationCode);
      const before = new Map<string, Matter>();
      for (let i = 0; i < ids.length; i += 100) {
        const { data } = await db.collection(MATTERS).where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get();
        (data as Matter[]).forEach((d) => before.set(d._id, d));
      }
      const written: string[] = [];
      try {
        // Small parallel batches: fast enough for a 2000-row catalogue within the function timeout.
        for (let i = 0; i < matters.length; i += 10) {
          await Promise.all(matters.slice(i, i + 10).map(async (m) => {
            await db.collection(MATTERS).doc(m.implementationCode).set({ data: { ...m, updatedAt: at } });
            written.push(m.implementationCode);
          }));
        }
      } catch (e) {
        await restore(written, before);
        throw e;
      }
      // Atomic increment: two imports finishing together must both invalidate search caches.
      const bumped = await db.collection(META).doc(CATALOGUE_META_ID).update({ data: { version: _.inc(1), updatedAt: at } });
      if (bumped.stats.updated === 0) {
        await db.collection(META).doc(CATALOGUE_META_ID).set({ data: { version: 1, updatedAt: at } });
      }
      return { created: ids.filter((id) => !before.has(id)).length, updated: ids.filter((id) => before.has(id)).length };
    },
  };

  async function restore(written: string[], before: Map<string, Matter>) {
    for (const id of written) {
      const previous = before.get(id);
      if (previous) {
        const { _id, ...rest } = previous;
        await db.collection(MATTERS).doc(_id).set({ data: rest }).catch((err: unknown) => console.error('[import] restore failed', id, err));
      } else {
        await db.collection(MATTERS).doc(id).remove().catch((err: unknown) => console.error('[import] cleanup failed', id, err));
      }
    }
  }
}
