/** The matters function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { Matter, MatterSummary } from './schema';
import type { ImportReport } from './import';
import type { Page } from '../page';

export interface NamedCount {
  id: string;
  name: string;
  count: number;
}

export interface CatalogueHome {
  departments: NamedCount[];
  themes: NamedCount[];
  lifeEvents: (NamedCount & { description: string })[];
  totals: { matters: number; zeroVisit: number; fullyOnline: number };
}

export interface SearchHit extends MatterSummary {
  score: number;
  /** Which field matched, for the "为什么推荐" hint. */
  matchedOn: 'name' | 'keyword' | 'pinyin' | 'synonym' | 'department' | 'theme' | 'text';
}

export type ListFilter =
  | { by: 'department'; value: string }
  | { by: 'theme'; value: string }
  | { by: 'lifeEvent'; value: string };

export interface MattersApi {
  home: { params: Record<string, never>; result: CatalogueHome };
  list: { params: ListFilter & { page?: number; pageSize?: number }; result: Page<MatterSummary> & { title: string } };
  search: { params: { q: string; limit?: number }; result: { q: string; hits: SearchHit[]; suggestions: string[] } };
  get: { params: { id: string }; result: Matter };
  import: {
    /** Small files inline (≤ 90 KB); larger ones uploaded to cloud storage first (uploads/<openid>/…). */
    params: { format: 'json' | 'csv'; content: string; dryRun?: boolean } | { format: 'json' | 'csv'; fileID: string; dryRun?: boolean };
    result: ImportReport;
  };
}
