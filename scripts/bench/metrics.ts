/**
 * 效能看板 at scale: `BENCH_METRICS_RECORDS` (default 100 000) applications and as many ratings spread
 * over the past year behind the dashboard, rolled up; then one day with `BENCH_METRICS_DAY`
 * (default 10 000) events rolled up by one invocation of the function. Figures: the rollup's time
 * against the function's configured timeout, dashboard p50/p95 (a year, a month, one
 * department), and the ratio against a naive dashboard that scans the raw records. Figures, not
 * assertions. Run alone: `npx tsx scripts/bench/run-one.ts metrics`.
 */
import '../lib/local-sdk-hook';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as localCloud from '../../local-cloud';
import { allCollectionDeclarations, readFunctionConfig, timeoutMsOf } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR, REPO_ROOT } from '../../local-cloud/runtime/paths';
import { importCatalogueFile } from '../lib/import-file';
import { addDays, shanghaiDate } from '../../core/calendar/workdays';
import { fetchAll } from '../../cloudfunctions/shared/paging';
import { scanRange } from '../../cloudfunctions/metrics/repo';

type Env = { ok: true; data: any } | { ok: false; code: string; message: string };
const ADMIN = 'bench-admin';
const DEPARTMENTS = ['psb', 'hrss', 'housing-fund', 'exit-entry', 'civil-affairs', 'tax', 'traffic-police', 'healthcare-security'];
const MATTER = '11999900MB0P12301G3002011103000';
/** Records spread over this many matters (a multiple of the departments: one department each); the first is MATTER. */
// The seeded catalogue's size by default; a province-sized list multiplies the per-matter rows (and the year's catch-up).
const MATTERS = Number(process.env.BENCH_METRICS_MATTERS ?? 61);
const SPAN_DAYS = Number(process.env.BENCH_METRICS_SPAN_DAYS ?? 60);
const matterOf = (i: number) => {
  const m = i % MATTERS;
  return m === 0 ? MATTER : `${MATTER.slice(0, -4)}${String(m).padStart(4, '0')}`;
};

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const noon = (date: string, i: number) => new Date(Date.parse(`${date}T09:00:00+08:00`) + (i % 28_000) * 1000).toISOString();

async function insertAll(collection: string, docs: { _id: string; [k: string]: unknown }[]): Promise<void> {
  const db = localCloud.sdk.database();
  for (let i = 0; i < docs.length; i += 200) {
    await Promise.all(docs.slice(i, i + 200).map(({ _id, ...data }) => db.collection(collection).doc(_id).set({ data })));
  }
}

function application(id: string, date: string, i: number) {
  const at = noon(date, i);
  const due = addDays(date, i % 7 === 0 ? -1 : 3);
  return {
    _id: id, no: `BJ${id}`, openid: `c${i % 5000}`, requestId: id, matterId: matterOf(i), matterName: '居住证申领', department: DEPARTMENTS[i % DEPARTMENTS.length], departmentName: '',
    caseKind: '承诺件', promisedDays: 5, statutoryDays: 20, status: 'completed', formFields: [], materialDefs: [], form: {}, pii: {}, idHashes: [], materials: [], deferredMaterials: [],
    timeline: [...(i % 9 === 0 ? [{ seq: 1, at, action: 'requestSupplement', status: 'supplement', by: '' }] : []), { seq: 2, at, action: 'complete', status: 'completed', by: '' }],
    version: 2, sortDue: due, dueDate: due,
    clock: { promisedDays: 5, statutoryDays: 20, acceptedOn: date, usedDays: i % 6, runningSince: null, dueDate: due, statutoryDueDate: due, uncoveredYears: [] },
    submittedAt: at, updatedAt: at,
  };
}

function rating(id: string, date: string, i: number) {
  const at = noon(date, i + 7);
  return {
    _id: `R:application:${id}`, openid: `c${i % 5000}`, requestId: id, targetType: 'application', targetId: id, matterId: matterOf(i), title: '居住证申领',
    department: DEPARTMENTS[i % DEPARTMENTS.length], level: [5, 5, 4, 5, 3, 4, 5, 2, 5, 1][i % 10], options: [], optionsVersion: '1', isDefault: i % 13 === 0, endedAt: at, createdAt: at,
  };
}

/** The running number of a bench id (`N17` → 17). */
const i2 = (id: string) => Number(id.slice(1));

export async function run(): Promise<void> {
  const N = Number(process.env.BENCH_METRICS_RECORDS ?? 100_000);
  // N applications and N ratings (one per application).
  const DAY_EVENTS = Number(process.env.BENCH_METRICS_DAY ?? 10_000);
  const saved = { ...process.env };
  Object.assign(process.env, { ADMIN_OPENIDS: ADMIN, PUSH_KICK: 'off' });
  localCloud.resetLocalCloud();
  localCloud.configureLocalCloud({ dataDir: ':memory:' });
  localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  const timeoutMs = timeoutMsOf(readFunctionConfig(path.join(FUNCTIONS_DIR, 'metrics')));
  for (const name of ['matters', 'account', 'metrics']) {
    const { main } = require(`../../cloudfunctions/${name}`) as { main: localCloud.FunctionHandler };
    localCloud.registerFunction(name, main, { timeoutMs: timeoutMsOf(readFunctionConfig(path.join(FUNCTIONS_DIR, name))) });
  }
  const invoke = (fn: string, data: unknown, openid?: string) => localCloud.invokeFunction(fn, data, openid ? { OPENID: openid } : {});
  const call = async (fn: string, action: string, params: unknown, openid = ADMIN): Promise<any> => {
    const r = (await invoke(fn, { action, params }, openid)) as Env;
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
    return r.data;
  };
  try {
    const content = fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8');
    const imported = (await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, ADMIN)) as Env;
    if (!imported.ok) throw new Error(imported.message);
    await call('account', 'setStaff', { openid: 'bench-clerk', name: '李警官', role: 'staff', departments: ['psb'], active: true });

    const today = shanghaiDate();
    const yesterday = addDays(today, -1);
    // The records behind the dashboard: half applications, half their ratings, over SPAN_DAYS before
    // yesterday (default 60: the catch-up of a year of per-matter rows takes the timer several nights,
    // which `npm run bench` can't wait for; BENCH_METRICS_SPAN_DAYS=365 measures it).
    let t = performance.now();
    const apps = [];
    const ratings = [];
    for (let i = 0; i < N; i += 1) {
      const date = addDays(yesterday, -1 - (i % SPAN_DAYS));
      apps.push(application(`Y${i}`, date, i));
      ratings.push(rating(`Y${i}`, date, i));
    }
    await insertAll('applications', apps);
    await insertAll('evaluation_ratings', ratings);
    console.log(`\n## 效能看板（本地云内存库；${N} 件办件与 ${N} 条评价分布在过去 ${SPAN_DAYS} 天，种子事项目录）`);
    console.log(`  写入原始记录 ${2 * N} 条：${ms(performance.now() - t)}`);

    // Yesterday: one day's events, rolled up by one invocation.
    const day = [];
    const dayRatings = [];
    for (let i = 0; i < DAY_EVENTS / 2; i += 1) {
      day.push(application(`D${i}`, yesterday, i));
      dayRatings.push(rating(`D${i}`, yesterday, i));
    }
    await insertAll('applications', day);
    await insertAll('evaluation_ratings', dayRatings);
    // Today: a few live records.
    await insertAll('evaluation_ratings', Array.from({ length: 200 }, (_x, i) => rating(`T${i}`, today, i)));

    t = performance.now();
    const first = await call('metrics', 'rollup', { date: yesterday });
    const dayMs = performance.now() - t;
    console.log(`  汇总一天（${DAY_EVENTS} 条事件 → ${first.rows} 行）：${ms(dayMs)}，为函数超时 ${timeoutMs / 1000} s 的 ${((dayMs / timeoutMs) * 100).toFixed(1)}%`);

    // The past year: the nightly timer's catch-up, as many invocations as it takes.
    t = performance.now();
    let invocations = 0;
    let days = 0;
    for (;;) {
      const r = (await localCloud.invokeFunction('metrics', { Type: 'Timer', TriggerName: 'rollup', Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' })) as Env;
      if (!r.ok) throw new Error(r.message);
      invocations += 1;
      days += r.ok ? (r.data.days as number) : 0;
      if ((r.data.days as number) <= 3 || invocations > 50) break;
    }
    console.log(`  补汇总（定时器从数据起点补齐）：${days} 天次，定时器调用 ${invocations} 次，用时 ${ms(performance.now() - t)}`);

    const from = addDays(today, -365);
    const monthFrom = addDays(today, -29);
    const measure = async (label: string, params: Record<string, unknown>, openid = ADMIN, n = 30) => {
      await call('metrics', 'dashboard', params, openid);
      const times: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const s = performance.now();
        await call('metrics', 'dashboard', params, openid);
        times.push(performance.now() - s);
      }
      console.log(`  ${label}  p50 ${ms(pct(times, 0.5))}  p95 ${ms(pct(times, 0.95))}（${n} 次）`);
      return pct(times, 0.5);
    };
    await measure('dashboard 一年（全市，管理员）  ', { from, to: today });
    const monthP50 = await measure('dashboard 近30天（全市，管理员）', { from: monthFrom, to: today });
    await measure('dashboard 一年（公安局，工作人员）', { from, to: today }, 'bench-clerk');
    await measure('dashboard 一年（单个事项，管理员）  ', { from, to: today, matterId: MATTER });
    const _ = localCloud.sdk.database().command;
    const read = await fetchAll(() => localCloud.sdk.database().collection('metrics_daily').where({ period: _.eq('month'), department: _.eq('*'), matter: _.eq('*') }), 10_000);
    console.log(`  一年全市看板读取汇总行约 ${read.length} 行（月行），另加边缘日行与今日实时`);

    // A busy today: its records are read live on every call (a rating made now shows at once).
    const busy = Number(process.env.BENCH_METRICS_TODAY ?? 5000);
    const todayApps = Array.from({ length: busy / 2 }, (_x, i) => application(`N${i}`, today, i));
    await insertAll('applications', todayApps.map((a) => ({ ...a, updatedAt: new Date(Date.now() - 1000 * (i2(a._id) + 1)).toISOString() })));
    await insertAll('evaluation_ratings', Array.from({ length: busy / 2 }, (_x, i) => ({ ...rating(`N${i}`, today, i), createdAt: new Date(Date.now() - 1000 * (i + 1)).toISOString() })));
    await measure(`dashboard 近30天，今天已有 ${busy} 条事件（实时）`, { from: monthFrom, to: today }, ADMIN, 10);

    // Naive baseline: the same two figures from the raw records of the last 30 days, every call, read
    // with the same date-cursor paging the rollup uses (the cheapest full read on offer). A year of
    // raw records takes minutes per call, so the month is the comparison `npm run bench` can afford.
    const naive = async () => {
      const start = new Date(`${monthFrom}T00:00:00+08:00`).toISOString();
      const end = new Date(Date.now() + 86_400_000).toISOString();
      const rs = await scanRange<{ level: number }>('evaluation_ratings', {}, 'createdAt', start, end);
      const as = await scanRange<{ clock?: { dueDate: string }; updatedAt: string }>('applications', { status: _.in(['completed']) }, 'updatedAt', start, end);
      return { good: rs.filter((r) => r.level >= 4).length / rs.length, onTime: as.filter((a) => !a.clock || shanghaiDate(a.updatedAt) <= a.clock.dueDate).length / as.length };
    };
    const naiveTimes: number[] = [];
    for (let i = 0; i < 1; i += 1) {
      const s = performance.now();
      await naive();
      naiveTimes.push(performance.now() - s);
    }
    const naiveP50 = pct(naiveTimes, 0.5);
    console.log(`  对照：近30天每次扫描原始记录（仅好评率与按时办结率两项）${ms(naiveP50)}（1 次）；汇总行方案（近30天全部指标）快 ${(naiveP50 / monthP50).toFixed(0)} 倍`);
  } finally {
    localCloud.resetLocalCloud();
    process.env = saved;
  }
}
