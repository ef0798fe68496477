/**
 * Seed data for the local preview: the 示例市 catalogue (seed/matters.json) and preview staff.
 * Goes through the same cloud-function actions a city's admin would use, so seed data is
 * validated exactly like an import. `npm run seed` re-applies it (upsert); `npm start` calls
 * seedOnce, which writes each part once per data dir.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sdk } from '../local-cloud';
import { bootLocalCloud, firstAdmin, importCatalogueFile, type Invoke } from './lib/boot-local-cloud';
import { REPO_ROOT } from './lib/repo';
import { seedConsult, seedConsultInbox } from './seed/consult';
import { previewStaffRecords } from '../local-cloud/gateway/identities';
import { seedBooking } from './seed/booking';
import { seedAffairs, seedBilledCases, withMatterForms } from './seed/affairs';
import { seedEvaluation } from './seed/evaluation';
import { seedPush, seedPushAudience, seedNoticeEngagement } from './seed/push';
import { seedPay } from './seed/pay';
import { seedMetrics } from './seed/metrics';

export const SEED_MATTERS = path.join(REPO_ROOT, 'seed', 'matters.json');

/** Staff records of the preview identities (the one list: local-cloud/gateway/identities.ts). */
export const SEED_STAFF = previewStaffRecords();

type Envelope = { ok: true; data: any } | { ok: false; code: string; message: string };

async function must(invoke: Invoke, fn: string, data: unknown, openid: string): Promise<any> {
  const res = (await invoke(fn, data, openid)) as Envelope;
  if (!res.ok) throw new Error(`${fn}.${(data as { action: string }).action} 失败：${res.code} ${res.message}`);
  return res.data;
}

/** One part of the seed; each runs once per data dir (see seedOnce). */
interface SeedStep {
  name: string;
  run: (invoke: Invoke, admin: string, log: (s: string) => void) => Promise<unknown>;
}

async function seedStaffAndCatalogue(invoke: Invoke, admin: string, log: (s: string) => void) {
  for (const staff of SEED_STAFF) await must(invoke, 'account', { action: 'setStaff', params: staff }, admin);
  const content = withMatterForms(fs.readFileSync(SEED_MATTERS, 'utf8'));
  // The catalogue is larger than callFunction carries: uploaded to storage first, as the staff page does.
  const res = (await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, admin)) as Envelope;
  if (!res.ok) throw new Error(`matters.import 失败：${res.code} ${res.message}`);
  const report = res.data;
  if (!report.applied) {
    throw new Error(`种子数据校验失败：\n${report.errors.map((e: any) => `  第${e.row}条 ${e.field}：${e.message}`).join('\n')}`);
  }
  log(`已导入示例事项 ${report.total} 个（新增 ${report.created}，更新 ${report.updated}），工作人员 ${SEED_STAFF.length} 名`);
  return report;
}

/** In order: later steps read what earlier ones wrote (halls map the catalogue's 办理地点). */
const STEPS: SeedStep[] = [
  { name: 'catalogue', run: seedStaffAndCatalogue },
  { name: 'booking', run: seedBooking },
  { name: 'consult', run: seedConsult },
  { name: 'consult-inbox', run: seedConsultInbox },
  { name: 'affairs', run: (_i, _a, log) => seedAffairs(log) },
  { name: 'affairs-billed', run: (_i, _a, log) => seedBilledCases(log) },
  { name: 'push', run: seedPush },
  { name: 'push-audience', run: seedPushAudience },
  { name: 'notice-engagement', run: seedNoticeEngagement },
  { name: 'evaluation', run: (_i, _a, log) => seedEvaluation(log) },
  { name: 'pay', run: (_i, _a, log) => seedPay(log) },
  // Last: rolls up the days the steps above seeded.
  { name: 'metrics', run: seedMetrics },
];

/** What `npm start` seeded before it kept a log (it seeded everything then, on an empty database). */
const STEPS_BEFORE_THE_LOG = ['catalogue', 'booking', 'consult', 'affairs', 'push'];

/**
 * Which steps this data dir has had, kept in the database itself (a preview-only collection,
 * so deleting db.sqlite starts over). WeChat has no such collection: the seed is local only.
 */
const SEED_LOG = 'local_seed';
const SEED_LOG_ID = 'steps';

async function seedLogCollection() {
  const db = sdk.database();
  await db.createCollection(SEED_LOG).catch(() => undefined); // -502001: already there
  return db.collection(SEED_LOG);
}

async function seedLog(): Promise<string[] | null> {
  const { data } = await (await seedLogCollection()).where({ _id: SEED_LOG_ID }).limit(1).get();
  return data.length ? ((data[0] as { done?: string[] }).done ?? []) : null;
}

async function recordSeeded(done: string[]) {
  await (await seedLogCollection()).doc(SEED_LOG_ID).set({ data: { done, at: new Date() } });
}

/** `npm run seed`: (re)applies every step, overwriting seed records by their ids. */
export async function seed(invoke: Invoke, admin = firstAdmin(), log: (s: string) => void = console.log) {
  let report: unknown;
  for (const step of STEPS) {
    const out = await step.run(invoke, admin, log);
    if (step.name === 'catalogue') report = out;
  }
  await recordSeeded(STEPS.map((s) => s.name));
  return report;
}

/**
 * `npm start`: each seed step once per data dir. A restart runs only steps that never finished
 * (a new step, or one that failed last time) and so never overwrites what staff or citizens
 * changed: knowledge base, halls and templates, notices, calendar, staff, applications.
 */
export async function seedOnce(invoke: Invoke, admin = firstAdmin(), log: (s: string) => void = console.log): Promise<string[]> {
  let done = await seedLog();
  if (done === null) {
    // A data dir seeded before this log existed: what that seed wrote is the users' data now;
    // steps added since still run once.
    const home = await must(invoke, 'matters', { action: 'home' }, admin);
    done = home.totals.matters > 0 ? [...STEPS_BEFORE_THE_LOG] : [];
    if (done.length) await recordSeeded(done);
  }
  const finished: string[] = done;
  const todo = STEPS.filter((s) => !finished.includes(s.name));
  if (!todo.length) log('示例数据已写入过（种子只写一次），保留现有数据');
  for (const step of todo) {
    await step.run(invoke, admin, log);
    finished.push(step.name);
    await recordSeeded(finished);
  }
  return todo.map((s) => s.name);
}

if (require.main === module) {
  bootLocalCloud()
    .then(async ({ invoke, close }) => {
      await seed(invoke);
      close();
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
