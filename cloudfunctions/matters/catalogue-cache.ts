/**
 * A warm function instance keeps the catalogue and its search index in memory and reloads them
 * only when an import has bumped the catalogue version: one small read per search instead of
 * paging through every matter.
 */
import { buildSearchIndex, type SearchIndex } from '../../core/matter/search';
import type { Matter } from '../../core/matter/schema';
import type { MatterRepository } from '../../core/matter/repository';

interface Snapshot {
  version: number;
  matters: Matter[];
  index: SearchIndex;
}

let cached: Snapshot | null = null;

export async function catalogueSnapshot(repo: MatterRepository): Promise<Snapshot> {
  const { version } = await repo.catalogueVersion();
  if (cached && cached.version === version) return cached;
  const matters = await repo.all();
  cached = { version, matters, index: buildSearchIndex(matters) };
  return cached;
}
