/**
 * A warm function instance keeps the published catalogue and its search index in memory and
 * reloads them only when a new version has been published: one small read per search instead of
 * paging through every matter. The cache is keyed by the published version's id, and the rows
 * are read for exactly that id, so a cached index never mixes two versions.
 */
import { buildSearchIndex, type SearchIndex } from '../../core/matter/search';
import type { Matter } from '../../core/matter/schema';
import type { MatterRepository } from '../../core/matter/repository';

interface Snapshot {
  version: number;
  published: string;
  matters: Matter[];
  index: SearchIndex;
}

let cached: Snapshot | null = null;

export async function catalogueSnapshot(repo: MatterRepository): Promise<Snapshot> {
  const { published } = await repo.catalogueVersion();
  if (cached && cached.published === published) return cached;
  const snap = await repo.snapshot();
  cached = { version: snap.version, published: snap.published, matters: snap.matters, index: buildSearchIndex(snap.matters) };
  return cached;
}
