/** The published catalogue as the metrics see it: its matters' departments and the 事项 figures. */
import { catalogueHome } from '../../../core/matter/catalogue';
import type { Matter } from '../../../core/matter/schema';
import { catalogueContributions, type Contribution } from '../../../core/metrics/contributions';
import { publishedMatters, publishedPointer } from '../../shared/catalogue';

interface Cached { key: string; matters: Matter[]; departments: Map<string, string> }
let cached: Cached | null = null;

/** Kept per published version (one small read per call tells whether it changed). */
export async function publishedCatalogue(): Promise<Cached> {
  const pointer = await publishedPointer();
  const key = `${pointer.published}:${pointer.version}`;
  if (cached?.key !== key) {
    const matters = await publishedMatters({}, { published: pointer.published });
    cached = { key, matters, departments: new Map(matters.map((m) => [m._id, m.department.code])) };
  }
  return cached;
}

/**
 * 事项 indicators of the departments in scope, from the same pure count the home page shows
 * (core/matter/catalogue `catalogueHome`), so 跑零次率 always agrees with 首页.
 */
export function catalogueFigures(matters: Matter[], departments: 'all' | readonly string[]): Contribution[] {
  const inScope = departments === 'all' ? matters : matters.filter((m) => departments.includes(m.department.code));
  const { totals } = catalogueHome(inScope);
  const active = inScope.filter((m) => m.status === '在用').map((m) => ({
    onlineDepth: m.channels.onlineDepth, onsiteVisits: m.channels.onsiteVisits, caseKind: m.timeLimit.caseKind,
    statutoryDays: m.timeLimit.statutoryDays, promisedDays: m.timeLimit.promisedDays,
  }));
  return catalogueContributions(active, { num: totals.zeroVisit, den: totals.matters });
}
