/** What the matter domain needs from storage; implemented at the edge (cloud database). */
import type { ListFilter, Page } from '../api';
import type { Matter, MatterGuide } from './schema';

export interface CatalogueVersion {
  version: number;
  updatedAt: string;
}

export interface MatterRepository {
  catalogueVersion(): Promise<CatalogueVersion>;
  all(): Promise<Matter[]>;
  byId(id: string): Promise<Matter | null>;
  page(filter: ListFilter, page: number, pageSize: number): Promise<Page<Matter>>;
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Writes every matter or, on failure, restores what was there before and rethrows. */
  upsertAll(matters: MatterGuide[], at: string): Promise<{ created: number; updated: number }>;
}
