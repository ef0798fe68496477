/**
 * The crash run of the push bench: a dispatcher process (the local cloud with the push function,
 * file-backed DATA_DIR) is killed with SIGKILL mid-dispatch and restarted. Figures: what had
 * been delivered at the kill, duplicates (must be 0), losses (must be 0), and how every
 * recipient ended (sent, failed with a reason, skipped, or unknown).
 */
import '../lib/local-sdk-hook';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as localCloud from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { startFakeWechat } from '../lib/fake-wechat';
import { exited, spawnPushWorker } from '../lib/push-worker-process';
import { getAll } from '../../cloudfunctions/push/repo';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';

const worker = (env: Record<string, string>) => spawnPushWorker(env, ['ignore', process.env.DEBUG_CRASH ? 'inherit' : 'ignore', 'inherit']);

/** Deliveries in one status, read straight from the dead dispatcher's database file. */
function countStatus(dir: string, status: string): number {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
  try {
    const row = db.prepare(`SELECT COUNT(*) AS n FROM _docs WHERE coll = 'push_deliveries' AND json_extract(body, '$.status') = ?`).get(status) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

export async function run(): Promise<void> {
  const N = Number(process.env.BENCH_PUSH_CRASH_N ?? 2000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-crash-bench-'));
  const fake = await startFakeWechat({ latencyMs: 20 });
  const saved = { ...process.env };
  Object.assign(process.env, { ADMIN_OPENIDS: 'bench-admin', PUSH_APPROVAL_THRESHOLD: String(N * 10) });
  try {
    localCloud.resetLocalCloud();
    localCloud.configureLocalCloud({ dataDir: dir });
    localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
    const { main } = require('../../cloudfunctions/push') as typeof import('../../cloudfunctions/push');
    localCloud.registerFunction('push', main, { timeoutMs: 60_000 });
    const db = localCloud.sdk.database();
    const t = byKey(loadCatalogue(process.env), 'emergencyAlert')!;
    const now = new Date().toISOString();
    for (let i = 0; i < N; i += 500) {
      await db.collection('push_ledger').add({ data: Array.from({ length: Math.min(500, N - i) }, (_, k) => ({
        _id: `k-${i + k}:${t.templateId}`, openid: `k-${i + k}`, templateId: t.templateId, templateKey: t.key, kind: 'long', quota: 0, long: true, accepted: 1, used: 0, updatedAt: now,
      })) });
    }
    const created = (await localCloud.invokeFunction('push', { action: 'createCampaign', params: {
      templateId: t.templateId, data: { thing1: '暴雨红色预警', thing2: '全市', time3: now, thing4: '请减少外出，注意安全' }, page: 'pages/index/index',
      audience: { type: 'templateSubscribers', templateId: t.templateId },
    } }, { OPENID: 'bench-admin' })) as { ok: boolean; data: { id: string } };
    if (!created.ok) throw new Error(JSON.stringify(created));
    localCloud.resetLocalCloud(); // the dispatcher processes own the database from here

    const env = { DATA_DIR: dir, WX_OPENAPI_BASE: fake.base, PUSH_LEASE_MS: '2000', PUSH_CONCURRENCY: '10', PUSH_RATE_PER_SEC: '400', ADMIN_OPENIDS: 'bench-admin' };
    const first = worker(env);
    const killAt = Math.floor(N / 3);
    const t0 = Date.now();
    while (fake.messages.length < killAt && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 5));
    first.kill('SIGKILL');
    await exited(first);
    const atKill = fake.messages.length;
    const killedAt = Date.now();
    const inflightAtKill = countStatus(dir, 'inflight');
    await new Promise((r) => setTimeout(r, 2100)); // the dead dispatcher's leases expire
    const whileDead = fake.messages.length - atKill; // requests already on the wire at the kill
    const second = worker(env);
    await exited(second);
    const recoveredIn = (Date.now() - killedAt) / 1000;

    localCloud.configureLocalCloud({ dataDir: dir });
    localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
    localCloud.registerFunction('push', main, { timeoutMs: 60_000 });
    const byStatus: Record<string, number> = {};
    const statusOf = new Map<string, string>();
    for (const d of await getAll<{ openid: string; status: string }>('push_deliveries', { campaignId: created.data.id })) {
      byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
      statusOf.set(d.openid, d.status);
    }
    const keys = fake.messages.map((m) => m.touser);
    const dups = keys.length - new Set(keys).size;
    const settled = ['sent', 'failed', 'skipped', 'unknown'].reduce((n, s) => n + (byStatus[s] ?? 0), 0);
    const lost = N - settled;
    // A recipient WeChat received from must be sent or unknown, and every `sent` was received.
    const received = new Set(keys);
    let mismatched = 0;
    for (const [openid, s] of statusOf) {
      if (s === 'sent' && !received.has(openid)) mismatched += 1;
      if (received.has(openid) && s !== 'sent' && s !== 'unknown') mismatched += 1;
    }
    console.log(`\n推送崩溃恢复（${N} 人群发，发送中 kill -9 调度进程后重启）`);
    console.log(`  中断时已送达 ${atKill}，进行中（inflight）${inflightAtKill} 条（其中 ${whileDead} 条请求已发出、微信在中断后收到）；重启后 ${recoveredIn.toFixed(1)} s 全部处理完；微信共收到 ${keys.length} 条`);
    console.log(`  结果：${JSON.stringify(byStatus)}；重复 ${dups}，丢失 ${lost}，状态与微信记录不符 ${mismatched}`);
  } finally {
    localCloud.resetLocalCloud();
    await fake.close();
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
