/**
 * What the matter domain needs from storage; implemented at the edge (cloud database).
 *
 * The catalogue is versioned: every stored matter row belongs to one catalogue version, and one
 * meta record names the published version. Readers only ever read the published version. An
 * import stages a complete new version beside it and then flips the published pointer in one
 * atomic conditional write, so a reader sees the old catalogue or the new one, never a mix, and a
 * crash at any point (function timeout, kill -9) leaves the old one published.
 */
import type { ListFilter, Page } from '../api';
import type { Matter, MatterGuide } from './schema';

export interface CatalogueVersion {
  /** Counts publications (1 after the first import); for people and caches. */
  version: number;
  /** Id of the published version's rows ('' before the first import). */
  published: string;
  updatedAt: string;
}

/** One consistent read: the published version and all its matters. */
export interface CatalogueSnapshot extends CatalogueVersion {
  matters: Matter[];
}

export interface PublishResult {
  created: number;
  /** Rows whose guide changed; a row identical to the stored one (same-guide.ts) is not counted and keeps its updatedAt. */
  updated: number;
  version: number;
}

export interface MatterRepository {
  catalogueVersion(): Promise<CatalogueVersion>;
  /** The published version and every matter in it, read as one consistent pair. */
  snapshot(): Promise<CatalogueSnapshot>;
  byId(id: string): Promise<Matter | null>;
  page(filter: ListFilter, page: number, pageSize: number): Promise<Page<Matter>>;
  /**
   * Publishes `base` with `changes` upserted (by 实施编码) as a new version. Throws
   * DomainError('CONFLICT') when another import published after `base` was read; nothing is
   * visible to readers unless the whole new version is.
   */
  publish(base: CatalogueSnapshot, changes: MatterGuide[], at: string): Promise<PublishResult>;
  /** Removes superseded and abandoned versions' rows; returns how many versions it removed. */
  cleanup(): Promise<number>;
}
