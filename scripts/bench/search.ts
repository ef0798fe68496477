/**
 * 事项搜索 bench: per-query latency (p50/p95) of core/matter/search.ts at 61 (the seed), 500, 2 000
 * and 10 000 matters (renamed copies of the seed, as a province's 实施清单 grows), against a naive
 * scan that compares the query's bigrams with every matter's name and keywords and sorts them all.
 * `npx tsx scripts/bench/run-one.ts search` or `npm run bench -- --search`.
 */
import { performance } from 'node:perf_hooks';
import { buildSearchIndex, searchMatters } from '../../core/matter/search';
import type { Matter } from '../../core/matter/schema';
import { catalogueOf } from '../../test/fixtures/search-catalogue';

export const SEARCH_QUERIES = ['护照', '身份证丢了', '公积金提取', 'sfz', '社保卡', '结婚登记', '驾驶证到期了怎么换', 'gjj', '开公司', '新生儿',
  '想在学校旁边开个奶茶店要办啥', '办护照要带什么材料能不能加急'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Synchronous on purpose: awaiting would add event-loop time to in-memory figures. */
function timeMany(n: number, fn: (i: number) => void): { p50: number; p95: number } {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95) };
}

function bigramsOf(s: string): string[] {
  const c = [...s];
  const out: string[] = [];
  for (let i = 0; i < c.length - 1; i++) out.push(c[i] + c[i + 1]);
  return out;
}

/** The baseline: no index, every matter's name and keywords scanned for the query's bigrams, all sorted. */
function naiveSearch(matters: Matter[], q: string, limit: number): Matter[] {
  const grams = bigramsOf(q);
  return matters
    .map((m) => ({ m, n: grams.filter((g) => m.name.includes(g) || m.keywords.some((k) => k.includes(g))).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, limit)
    .map((x) => x.m);
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

export async function run(): Promise<void> {
  console.log('\n## 事项搜索耗时（纯内存检索，每个规模 1 000 次查询，12 条查询轮换）');
  for (const size of [61, 500, 2000, 10000]) {
    const matters = catalogueOf(size);
    const buildStart = performance.now();
    const index = buildSearchIndex(matters);
    const build = performance.now() - buildStart;
    for (let i = 0; i < 100; i++) searchMatters(index, SEARCH_QUERIES[i % SEARCH_QUERIES.length], 20);
    const r = timeMany(1000, (i) => { searchMatters(index, SEARCH_QUERIES[i % SEARCH_QUERIES.length], 20); });
    const naive = timeMany(size >= 2000 ? 120 : 600, (i) => { naiveSearch(matters, SEARCH_QUERIES[i % SEARCH_QUERIES.length], 20); });
    console.log(`${String(size).padStart(5)} 个事项  建索引 ${ms(build).padStart(10)}  p50 ${ms(r.p50).padStart(8)}  p95 ${ms(r.p95).padStart(8)}`
      + `  朴素逐条扫描 p50 ${ms(naive.p50).padStart(8)}（朴素 ÷ 索引 = ${(naive.p50 / r.p50).toFixed(1)}）`);
  }
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
