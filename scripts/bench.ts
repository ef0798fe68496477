/**
 * `npm run bench`: figures, not assertions.
 *   - weapp main package and subpackage sizes vs WeChat's 2 MB limit (needs `npm run build:weapp`)
 *   - each cloud-function bundle's size
 *   - catalogue search latency: in memory (domain) and through the matters function on the local cloud
 *   - catalogue import time through the matters function
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleFunctions } from '../local-cloud/runtime/bundle-functions';
import { FUNCTIONS_DIR, REPO_ROOT, formatBytes } from './lib/repo';
import { bootLocalCloud, importCatalogueFile } from './lib/boot-local-cloud';
import { run as importBench } from './bench/import';
import { run as benchBooking } from './bench/booking';
import { run as runConsultBench } from './bench/consult';
import { run as runAffairsBench } from './bench/affairs';
import { run as searchLatency, SEARCH_QUERIES as QUERIES } from './bench/search';

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

function dirSize(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? dirSize(p) : fs.statSync(p).size);
  }, 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(times: number[]): { p50: number; p95: number } {
  const t = [...times].sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95) };
}

async function timeManyAsync(n: number, fn: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  return summarise(t);
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

function packageSizes() {
  const dist = path.join(REPO_ROOT, 'dist');
  const appJson = path.join(dist, 'app.json');
  if (!fs.existsSync(appJson)) {
    console.log('小程序包体积：未找到 dist/app.json，请先运行 npm run build:weapp');
    return;
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const total = dirSize(dist);
  const subs = roots.map((r) => ({ root: r, bytes: dirSize(path.join(dist, r)) }));
  const main = total - subs.reduce((s, x) => s + x.bytes, 0);
  console.log('\n## 小程序包体积 (dist/)');
  console.log(`主包       ${formatBytes(main).padStart(10)}  （上限 2 MB，占 ${((main / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%）`);
  for (const s of subs) console.log(`分包 ${s.root.padEnd(18)} ${formatBytes(s.bytes).padStart(10)}`);
  console.log(`整包       ${formatBytes(total).padStart(10)}`);
}

async function functionSizes() {
  console.log('\n## 云函数包体积（esbuild 单文件，wx-server-sdk 外置）');
  for (const b of await bundleFunctions(FUNCTIONS_DIR, { repoRoot: REPO_ROOT })) {
    console.log(`${b.name.padEnd(12)} ${formatBytes(Buffer.byteLength(b.code)).padStart(10)}`);
  }
}

async function functionLatency() {
  console.log('\n## 经云函数的耗时（本地云，内存数据库，种子目录）');
  const { invoke, close } = await bootLocalCloud(':memory:');
  process.env.ADMIN_OPENIDS = 'bench-admin';
  const content = fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8');
  const s = performance.now();
  const res = (await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, 'bench-admin')) as { ok: boolean; data?: { total: number } };
  console.log(`导入种子目录 ${res.ok ? res.data?.total : '失败'} 个事项：${ms(performance.now() - s)}`);
  await invoke('matters', { action: 'search', params: { q: '预热' } });
  const r = await timeManyAsync(300, async (i) => { await invoke('matters', { action: 'search', params: { q: QUERIES[i % QUERIES.length] } }); });
  console.log(`matters.search  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  (300 次)`);
  const g = await timeManyAsync(300, async () => { await invoke('matters', { action: 'home' }); });
  console.log(`matters.home    p50 ${ms(g.p50)}  p95 ${ms(g.p95)}  (300 次)`);
  close();
}

async function main() {
  console.log(`# 示例市智慧政务 性能数据  (${new Date().toISOString()}, Node ${process.version})`);
  // `npm run bench -- --search`: the catalogue search figures alone.
  if (process.argv.includes('--search')) return searchLatency();
  packageSizes();
  await functionSizes();
  await searchLatency();
  await functionLatency();
  await importBench();
  await benchBooking();
  await runConsultBench();
  await runAffairsBench();
  for (const name of ['push', 'push-crash', 'follower-sync', 'local-cloud', 'pay', 'metrics']) runIsolated(name);
}

/** A bench that sets up its own local cloud runs in a fresh process (see bench/run-one.ts). */
function runIsolated(name: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench', 'run-one.ts'), name], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error(`基准 ${name} 失败（退出码 ${r.status}）`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
