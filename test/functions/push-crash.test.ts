/**
 * The crash case: a separate dispatcher process on a file-backed local cloud is killed with
 * SIGKILL mid-dispatch, then restarted. 0 duplicates; every recipient ends sent, failed with a
 * reason, skipped or unknown — none lost.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, invokeFunction, resetLocalCloud } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { registerSource } from './harness';
import { main as push } from '../../cloudfunctions/push';
import { main as account } from '../../cloudfunctions/account';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { startFakeWechat, type FakeWechat } from '../../scripts/lib/fake-wechat';
import { db } from './push-fixtures';
import { exited, spawnPushWorker as worker } from '../../scripts/lib/push-worker-process';

const N = 300;
let dir: string;
let fake: FakeWechat;


beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-crash-'));
  fake = await startFakeWechat({ latencyMs: 15 });
  resetLocalCloud();
  configureLocalCloud({ dataDir: dir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  registerSource('push', push);
  registerSource('account', account);
  process.env.ADMIN_OPENIDS = 'crash-admin';
  process.env.PUSH_APPROVAL_THRESHOLD = '100000';
});
afterAll(async () => {
  resetLocalCloud();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('kill -9 mid-dispatch, restart: no duplicates, none lost', async () => {
  const t = byKey(loadCatalogue(process.env), 'policyNotice')!;
  const now = new Date().toISOString();
  const rows = Array.from({ length: N }, (_, i) => ({ _id: `crash-${i}:${t.templateId}`, openid: `crash-${i}`, templateId: t.templateId, templateKey: t.key, kind: 'long', quota: 0, long: true, accepted: 1, used: 0, updatedAt: now }));
  for (let i = 0; i < rows.length; i += 100) await db().collection('push_ledger').add({ data: rows.slice(i, i + 100) });
  const created = (await invokeFunction('push', { action: 'createCampaign', params: {
    templateId: t.templateId, data: { thing1: '政策通知', thing2: '示例市政府', time3: now, thing4: '摘要' }, page: 'pages/index/index',
    audience: { type: 'templateSubscribers', templateId: t.templateId },
  } }, { OPENID: 'crash-admin' })) as any;
  expect(created).toMatchObject({ ok: true, data: { recipients: N } });
  const env = { DATA_DIR: dir, WX_OPENAPI_BASE: fake.base, PUSH_LEASE_MS: '1500', PUSH_CONCURRENCY: '8', PUSH_RATE_PER_SEC: '1000' };

  const first = worker(env);
  const t0 = Date.now();
  while (fake.messages.length < 60 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
  expect(fake.messages.length).toBeGreaterThanOrEqual(60);
  first.kill('SIGKILL');
  await exited(first);
  const atKill = fake.messages.length;
  expect(atKill).toBeLessThan(N);

  await new Promise((r) => setTimeout(r, 1600)); // leases of the dead dispatcher expire
  // The dispatcher is really gone: WeChat got at most the requests already on the wire (≤ 8).
  expect(fake.messages.length - atKill).toBeLessThanOrEqual(8);
  const second = worker(env);
  await exited(second);
  expect(second.exitCode).toBe(0);

  const keys = fake.messages.map((m) => m.touser);
  expect(new Set(keys).size).toBe(keys.length); // 0 duplicates
  const all: any[] = [];
  for (let page = 0; page < N / 100; page++) {
    all.push(...(await db().collection('push_deliveries').where({ campaignId: created.data.id }).orderBy('_id', 'asc').skip(page * 100).limit(100).get()).data);
  }
  expect(all).toHaveLength(N); // none lost
  const byStatus: Record<string, number> = {};
  for (const d of all) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
  console.log('crash run', { atKill, received: fake.messages.length, byStatus });
  expect(Object.keys(byStatus).every((s) => ['sent', 'failed', 'unknown', 'skipped'].includes(s))).toBe(true);
  const received = new Set(keys);
  for (const d of all) {
    if (d.status === 'sent') expect(received.has(d.openid)).toBe(true);
    if (received.has(d.openid)) expect(['sent', 'unknown']).toContain(d.status);
  }
  expect((byStatus.sent ?? 0) + (byStatus.unknown ?? 0)).toBeGreaterThanOrEqual(fake.messages.length);
  const progress = (await invokeFunction('push', { action: 'campaign', params: { id: created.data.id } }, { OPENID: 'crash-admin' })) as any;
  expect(progress.data.status).toBe('done');
  expect(progress.data.counts.queued).toBe(0);
}, 90_000);
