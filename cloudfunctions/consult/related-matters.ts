/**
 * 相关办事指南: a message the FAQs did not answer is also searched in the published catalogue
 * (the matters function's search module); a strong hit is linked under the reply. A warm instance
 * keeps the catalogue's search index until a new version is published: one small read per message
 * that needs it, as the engine keeps its knowledge base.
 */
import type { Decision } from '../../core/consult/engine';
import { matterLink, strongHits, wantsMatterLinks } from '../../core/consult/related-matters';
import { buildSearchIndex, searchMatters, type SearchIndex } from '../../core/matter/search';
import { publishedMatters, publishedPointer } from '../shared/catalogue';

interface Catalogue { published: string; index: SearchIndex; texts: Map<string, string> }
let cached: Catalogue | null = null;

/** How many hits strongHits compares (the top one and its runner-up). */
const HITS = 3;

async function catalogueNow(): Promise<Catalogue | null> {
  const { published } = await publishedPointer();
  if (!published) return null;
  if (cached?.published === published) return cached;
  // Only matters in use are offered; a withdrawn one has no guide to follow.
  const matters = (await publishedMatters({}, { published })).filter((m) => m.status === '在用');
  cached = { published, index: buildSearchIndex(matters), texts: new Map(matters.map((m) => [m._id, [m.name, ...m.keywords].join('|')])) };
  return cached;
}

/** `asked`: what the citizen typed (or the question they picked). */
export async function withRelatedMatters(decision: Decision, asked: string): Promise<Decision> {
  if (!wantsMatterLinks(decision)) return decision;
  const catalogue = await catalogueNow();
  if (!catalogue) return decision;
  const hits = strongHits(asked, searchMatters(catalogue.index, asked, HITS), (id) => catalogue.texts.get(id) ?? '');
  return hits.length ? { ...decision, matters: hits.map(matterLink) } : decision;
}
