/**
 * Local cloud query pushdown figures (not assertions): a 10 000-document collection with a
 * declared index { status, at }, queried with and without SQL pushdown (LOCAL_CLOUD_PUSHDOWN=0).
 *   - where({ status }).orderBy('at').limit(50).get()   (the outbox dispatcher's batch pick)
 *   - where({ status, dept.code }).count()              (queue counters)
 */
import { performance } from 'node:perf_hooks';
import { configureLocalCloud, declareCollections, resetLocalCloud, sdk } from '../../local-cloud';

const N = 10_000;
const STATUSES = ['pending', 'claimed', 'done', 'skipped'];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: pct(t, 50), p95: pct(t, 95) };
}

export async function run(): Promise<void> {
  console.log(`\n## 本地云查询下推（${N} 条记录，声明索引 status_at、status_dept；LOCAL_CLOUD_PUSHDOWN=0 为全表扫描）`);
  const prev = process.env.LOCAL_CLOUD_PUSHDOWN;
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  declareCollections([{ name: 'bench_outbox', indexes: [{ name: 'status_at', keys: { status: 1, at: 1 } }, { name: 'status_dept', keys: { status: 1, 'dept.code': 1 } }] }]);
  const db = sdk.database();
  const _ = db.command;
  const coll = db.collection('bench_outbox');
  const t0 = Date.UTC(2026, 0, 1);
  const docs = Array.from({ length: N }, (_x, i) => ({
    status: STATUSES[i % 4 === 0 ? 0 : 1 + (i % 3)],
    at: new Date(t0 + ((i * 7919) % N) * 1000),
    dept: { code: `D${String(i % 20).padStart(2, '0')}`, name: '示例部门' },
    payload: { title: `事件 ${i}`, body: '示例市政务服务事件正文'.repeat(10), tags: ['a', 'b'] },
  }));
  for (let i = 0; i < N; i += 500) await coll.add({ data: docs.slice(i, i + 500) });
  const list = () => coll.where({ status: _.eq('pending') }).orderBy('at', 'asc').limit(50).get();
  const count = () => coll.where({ status: _.eq('pending'), dept: { code: _.eq('D04') } }).count();
  const rows: [string, { p50: number; p95: number }, { p50: number; p95: number }][] = [];
  try {
    for (const [label, fn] of [['where+orderBy+limit(50)', list], ['count(status, dept.code)', count]] as const) {
      process.env.LOCAL_CLOUD_PUSHDOWN = '0';
      const a = (await fn(), await time(10, fn));
      delete process.env.LOCAL_CLOUD_PUSHDOWN;
      const b = (await fn(), await time(50, fn));
      rows.push([label, a, b]);
    }
  } finally {
    if (prev === undefined) delete process.env.LOCAL_CLOUD_PUSHDOWN;
    else process.env.LOCAL_CLOUD_PUSHDOWN = prev;
    resetLocalCloud();
  }
  const f = (v: number) => `${v.toFixed(2)} ms`;
  for (const [label, a, b] of rows) {
    console.log(
      `${label.padEnd(26)} 全表扫描 p50 ${f(a.p50).padStart(11)} p95 ${f(a.p95).padStart(11)} | 下推 p50 ${f(b.p50).padStart(9)} p95 ${f(b.p95).padStart(9)} | ×${(a.p50 / b.p50).toFixed(0)}`,
    );
  }
}

if (require.main === module) run().catch((e) => {
  console.error(e);
  process.exit(1);
});
