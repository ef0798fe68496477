/**
 * 智能咨询 bench: per-message latency (p50/p99) with the seed base and a generated 10 000-entry
 * base, the ratio against a naive scan (bigram overlap with every phrasing, no index), and the
 * cold start (require of the engine + pinyin-pro, and the index build).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const ROOT = path.join(__dirname, '../..');
const QUESTIONS = ['社宝卡丢了咋办', '公基金租房能取吗', '护找怎么办', 'gjj贷款条件', '身份证被冒用办贷款了怎么办', '你好',
  '我爸今年刚退休，下个月要去海南跟我妹住半年，他在那边看病医保能用吗，要先办什么', '驾驶本不见了怎么办', '明天天气怎么样', '扯证要带啥'];

function pct(sorted: number[], p: number) { return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]; }
function time(n: number, fn: (i: number) => void) {
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); fn(i); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  return { p50: pct(t, 50), p99: pct(t, 99) };
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  const { buildEngine } = require('../../core/consult/engine') as typeof import('../../core/consult/engine');
  const { validateKnowledgeBase } = require('../../core/consult/kb') as typeof import('../../core/consult/kb');
  const tRequire = performance.now() - t0;
  const v = validateKnowledgeBase(JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/consult-kb.json'), 'utf8')));
  if (!v.ok) throw new Error('seed KB invalid');
  const t1 = performance.now();
  const seedEngine = buildEngine(v.kb);
  seedEngine.ask('预热');
  const tBuild = performance.now() - t1;
  console.log(`\n智能咨询：源码（tsx）require ${tRequire.toFixed(0)} ms + 建索引（种子 ${v.kb.faqs.length} 条）${tBuild.toFixed(0)} ms = ${(tRequire + tBuild).toFixed(0)} ms`);
  coldStartBundled();
  const s = time(2000, (i) => seedEngine.ask(QUESTIONS[i % QUESTIONS.length]));
  console.log(`  种子知识库 每条消息 p50 ${s.p50.toFixed(3)} ms / p99 ${s.p99.toFixed(3)} ms`);

  // 10 000 entries: the seed's entries recombined with generated place/subject words, ids unique.
  const places = ['东城区', '西城区', '南湖区', '北山区', '高新区', '经开区', '滨江区', '临港区', '新城区', '老城区'];
  const subjects = ['窗口', '业务', '证明', '手续', '事项', '登记', '备案', '申报', '审核', '服务'];
  const faqs = [];
  for (let i = 0; i < 10000; i++) {
    const f = v.kb.faqs[i % v.kb.faqs.length];
    const p = places[Math.floor(i / v.kb.faqs.length) % places.length];
    const sub = subjects[Math.floor(i / (v.kb.faqs.length * places.length)) % subjects.length];
    faqs.push({ ...f, id: `${f.id}-g${i}`, question: `${p}${f.question}${sub}${i}`, similar: f.similar.map((x) => `${p}${x}`), keywords: [...f.keywords, `${p}${sub}${i % 97}`] });
  }
  const big = { ...v.kb, faqs };
  const t2 = performance.now();
  const bigEngine = buildEngine(big);
  const tBig = performance.now() - t2;
  const b = time(500, (i) => bigEngine.ask(QUESTIONS[i % QUESTIONS.length]));
  // Naive scan: bigram overlap of the message with every phrasing of every entry.
  const phrasings = big.faqs.map((f) => [f.question, ...f.similar].map((q) => new Set(bigramsOf(q))));
  const naive = time(100, (i) => {
    const grams = bigramsOf(QUESTIONS[i % QUESTIONS.length]);
    let best = -1;
    for (const list of phrasings) for (const set of list) { let n = 0; for (const g of grams) if (set.has(g)) n++; if (n > best) best = n; }
  });
  console.log(`  生成知识库 10 000 条：建索引 ${tBig.toFixed(0)} ms；每条消息 p50 ${b.p50.toFixed(3)} ms / p99 ${b.p99.toFixed(3)} ms；朴素逐条扫描 p50 ${naive.p50.toFixed(3)} ms（索引快 ${(naive.p50 / b.p50).toFixed(1)} 倍）`);
}

/**
 * The deployed shape: the esbuild bundle evaluated in a fresh process (scripts/bench/consult-cold.ts),
 * then the first `ask` (reads the seeded base, builds the index, answers, writes). Median of 3.
 */
function coldStartBundled() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consult-cold-'));
  try {
    const script = path.join(__dirname, 'consult-cold.ts');
    const node = (mode: string) => execFileSync(process.execPath, ['--import', 'tsx', script, mode, path.join(dir, 'data'), path.join(dir, 'consult.js')], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '{}';
    const { bytes } = JSON.parse(node('seed')) as { bytes: number };
    const runs = [0, 1, 2].map(() => JSON.parse(node('measure')) as Record<'require' | 'first' | 'warm' | 'cpuRequire' | 'cpuFirst', number>);
    const med = (k: keyof (typeof runs)[number]) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
    console.log(`  打包后冷启动（${(bytes / 1024).toFixed(0)} KB，新进程，3 次中位数）：加载 ${med('require').toFixed(0)} ms + 首条回答（读库、建索引、回答、写记录）${med('first').toFixed(0)} ms = ${(med('require') + med('first')).toFixed(0)} ms；`
      + `其中本进程 CPU 时间 ${med('cpuRequire').toFixed(0)} + ${med('cpuFirst').toFixed(0)} ms；之后每条 ${med('warm').toFixed(1)} ms（含本地数据库读写）；本机负载 ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function bigramsOf(s: string): string[] {
  const c = [...s];
  const out: string[] = [];
  for (let i = 0; i < c.length - 1; i++) out.push(c[i] + c[i + 1]);
  return out;
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
