/**
 * Seed data for the local preview: the 示例市 catalogue (seed/matters.json) and preview staff.
 * Goes through the same cloud-function actions a city's admin would use, so seed data is
 * validated exactly like an import. `npm run seed` re-applies it (upsert); `npm start` calls
 * seedIfEmpty.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootLocalCloud, firstAdmin, importCatalogueFile, type Invoke } from './lib/boot-local-cloud';
import { REPO_ROOT } from './lib/repo';
import { seedConsult } from './seed/consult';
import { previewStaffRecords } from '../local-cloud/gateway/identities';
import { seedAffairs, withMatterForms } from './seed/affairs';
import { seedPush } from './seed/push';

export const SEED_MATTERS = path.join(REPO_ROOT, 'seed', 'matters.json');

/** Staff records of the preview identities (the one list: local-cloud/gateway/identities.ts). */
export const SEED_STAFF = previewStaffRecords();

type Envelope = { ok: true; data: any } | { ok: false; code: string; message: string };

async function must(invoke: Invoke, fn: string, data: unknown, openid: string): Promise<any> {
  const res = (await invoke(fn, data, openid)) as Envelope;
  if (!res.ok) throw new Error(`${fn}.${(data as { action: string }).action} 失败：${res.code} ${res.message}`);
  return res.data;
}

export async function seed(invoke: Invoke, admin = firstAdmin(), log: (s: string) => void = console.log) {
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
  await seedConsult(invoke, admin, log);
  await seedAffairs(log);
  await seedPush(invoke, admin, log);
  return report;
}

export async function seedIfEmpty(invoke: Invoke, admin = firstAdmin(), log: (s: string) => void = console.log) {
  const home = await must(invoke, 'matters', { action: 'home' }, admin);
  if (home.totals.matters > 0) {
    log(`数据库已有 ${home.totals.matters} 个事项，跳过种子数据`);
    await seedConsult(invoke, admin, log);
    return null;
  }
  return seed(invoke, admin, log);
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
