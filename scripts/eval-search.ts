/**
 * `npx tsx scripts/eval-search.ts`: top-1 of catalogue search on the sentence-style queries in
 * test/fixtures/search-sentences.json (dev half and held-out half), and which queries find nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSearchIndex, searchMatters } from '../core/matter/search';
import { catalogueOf } from '../test/fixtures/search-catalogue';

interface Case { q: string; expect: string }
const sets = JSON.parse(fs.readFileSync(path.join(__dirname, '../test/fixtures/search-sentences.json'), 'utf8')) as Record<'dev' | 'heldOut', Case[]>;
const index = buildSearchIndex(catalogueOf(61));
const verbose = process.argv.includes('--verbose');

for (const name of ['dev', 'heldOut'] as const) {
  let right = 0;
  let empty = 0;
  for (const c of sets[name]) {
    const hits = searchMatters(index, c.q, 3);
    if (hits[0]?.name === c.expect) right++;
    else if (verbose) console.log(`  ✗ ${c.q} → ${hits.map((h) => `${h.name}(${h.score})`).join(' / ') || '（无结果）'}；应为 ${c.expect}`);
    if (hits.length === 0) empty++;
  }
  console.log(`${name.padEnd(8)} top-1 ${right}/${sets[name].length} = ${(right / sets[name].length).toFixed(3)}  无结果 ${empty}`);
}
