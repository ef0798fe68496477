/**
 * 服务号 followers at a city's scale: the sync pages `GET /cgi-bin/user/get` as WeChat does,
 * resumes from its stored cursor when a call runs out of time, and a campaign to every follower
 * reaches each once; 43004 (unfollowed) marks the follower and is not retried.
 */
import { call, expectOk, fireTimer, startCloud, ADMIN } from './harness';
import { registerFunction } from '../../local-cloud';
import { main as push } from '../../cloudfunctions/push';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { db } from './push-fixtures';
import { startFakeWechat, type FakeWechat } from '../../scripts/lib/fake-wechat';

const cat = loadCatalogue(process.env);
const ADMIN2 = 'admin-2-openid';
const PUSHER = 'staff-pusher-openid';
const policy = { thing1: '政策', thing2: '示例市政府', time3: '2025-07-01T08:00:00Z', thing4: '摘要' };
let fake: FakeWechat;

async function withFake(opts: Parameters<typeof startFakeWechat>[0]) {
  fake = await startFakeWechat(opts);
  process.env.WX_OPENAPI_BASE = fake.base;
  process.env.WX_OA_APPID = 'wxoa-test';
  process.env.WX_OA_SECRET = 'test-secret';
}

beforeEach(async () => {
  startCloud();
  process.env.ADMIN_OPENIDS = `${ADMIN},${ADMIN2}`;
  process.env.PUSH_APPROVAL_THRESHOLD = '1000';
  await call('account', 'setStaff', { openid: PUSHER, name: '宣传科', role: 'staff', departments: ['gov'], grants: ['push'], active: true }, ADMIN);
});
afterEach(async () => {
  for (const k of ['WX_OPENAPI_BASE', 'WX_OA_APPID', 'WX_OA_SECRET', 'PUSH_RATE_PER_SEC', 'PUSH_CONCURRENCY']) delete process.env[k];
  await fake?.close();
});

const followers = (n: number) => Array.from({ length: n }, (_, i) => `oCity${String(i).padStart(6, '0')}`);
const subscribedCount = async () => (await db().collection('oa_followers').where({ subscribed: true }).count()).total;

test('syncFollowers, called again while it answers CONFLICT, syncs 25 000 followers over GET pages of 10 000, and a campaign reaches each once', async () => {
  const all = followers(25_000);
  // Each WeChat request takes 1.5 s: four page reads cannot fit in one 5 s call.
  await withFake({ followers: all, latencyMs: 1500 });
  // Known before: one who left (not in WeChat's list any more), one who came back.
  await db().collection('oa_followers').add({ data: [
    { _id: 'oGone', subscribed: true, at: '2025-01-01T00:00:00.000Z' },
    { _id: all[12_345], subscribed: false, unionid: 'u-back', at: '2025-01-01T00:00:00.000Z' },
  ] as never });
  // A short function timeout, so that one call cannot finish: every call must resume, not restart.
  registerFunction('push', push, { timeoutMs: 5000 });
  const progress: number[] = [];
  let r = await call('push', 'syncFollowers', {}, ADMIN);
  for (let i = 0; !r.ok && i < 60; i++) {
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(r.ok ? '' : r.message).toMatch(/未完成/);
    progress.push(Number(/已同步 (\d+)/.exec(r.ok ? '' : r.message)![1]));
    r = await call('push', 'syncFollowers', {}, ADMIN);
  }
  expect(expectOk(r)).toEqual({ total: 25_000, synced: 25_000, unfollowed: 1 });
  expect(progress.length).toBeGreaterThan(0);
  // Each call went on from where the previous one stopped.
  progress.forEach((n, i) => expect(n).toBeGreaterThan(i ? progress[i - 1] : 0));

  const pages = fake.requests.filter((q) => q.path === '/cgi-bin/user/get');
  expect(pages.every((q) => q.method === 'GET' && q.body === undefined)).toBe(true);
  const cursors = [...new Set(pages.map((q) => q.query.next_openid ?? ''))];
  expect(cursors).toEqual(['', all[9_999], all[19_999], all[24_999]]);
  // Page one is read again only by a call that stopped inside it, never after it was done.
  expect(pages.length).toBeLessThanOrEqual(cursors.length + progress.length);

  expect(await subscribedCount()).toBe(25_000);
  expect((await db().collection('oa_followers').doc(all[12_345]).get()).data).toMatchObject({ subscribed: true, unionid: 'u-back' });
  expect((await db().collection('oa_followers').doc('oGone').get()).data).toMatchObject({ subscribed: false });

  // The campaign to all followers: each one exactly once.
  fake.opts = { ...fake.opts, latencyMs: 0 };
  registerFunction('push', push, { timeoutMs: 60_000 });
  process.env.PUSH_RATE_PER_SEC = '100000';
  process.env.PUSH_CONCURRENCY = '50';
  const t = byKey(cat, 'policyNotice')!;
  const c = expectOk(await call('push', 'createCampaign', { templateId: t.templateId, data: policy, page: 'pages/index/index', audience: { type: 'oaFollowers' } }, PUSHER));
  expect(c.recipients).toBe(25_000);
  expectOk(await call('push', 'approveCampaign', { id: c.id }, ADMIN2));
  for (let i = 0; i < 20; i++) {
    expectOk(await fireTimer('push', 'dispatch'));
    if (expectOk(await call('push', 'campaign', { id: c.id }, PUSHER)).status === 'done') break;
  }
  expect(expectOk(await call('push', 'campaign', { id: c.id }, PUSHER)).counts).toMatchObject({ sent: 25_000, failed: 0 });
  const sent = fake.messages.filter((m) => m.path === '/cgi-bin/message/template/send').map((m) => m.touser);
  expect(sent).toHaveLength(25_000);
  expect(new Set(sent).size).toBe(25_000);
}, 600_000);

test('a template message to someone who has unfollowed (43004) marks them unfollowed and is not retried', async () => {
  await withFake({ followers: ['oStay', 'oLeft'], unfollowed: ['oLeft'] });
  expectOk(await call('push', 'syncFollowers', {}, ADMIN));
  const t = byKey(cat, 'policyNotice')!;
  const c = expectOk(await call('push', 'createCampaign', { templateId: t.templateId, data: policy, page: 'pages/index/index', audience: { type: 'oaFollowers' } }, PUSHER));
  for (let i = 0; i < 3; i++) expectOk(await fireTimer('push', 'dispatch'));
  const sends = fake.calls.filter((x) => x.path === '/cgi-bin/message/template/send');
  expect(sends.map((x) => x.errcode).sort()).toEqual([0, 43004]);
  const log = (await db().collection('push_deliveries').where({ campaignId: c.id }).get()).data as { openid: string; status: string; reason?: string }[];
  expect(log.find((d) => d.openid === 'oLeft')).toMatchObject({ status: 'failed', reason: 'unfollowed' });
  expect((await db().collection('oa_followers').doc('oLeft').get()).data).toMatchObject({ subscribed: false });
  expect((await db().collection('oa_followers').doc('oStay').get()).data).toMatchObject({ subscribed: true });
  // The next campaign to all followers leaves them out.
  const next = expectOk(await call('push', 'createCampaign', { templateId: t.templateId, data: policy, page: 'pages/index/index', audience: { type: 'oaFollowers' } }, PUSHER));
  expect(next.recipients).toBe(1);
});

test('an unfinished sync abandoned for a day starts over instead of resuming from a stale cursor', async () => {
  await withFake({ followers: ['oA', 'oB'] });
  const twoDaysAgo = new Date(Date.now() - 48 * 3600_000).toISOString();
  await db().collection('push_state').add({ data: { _id: 'oa-follower-sync', syncId: 'old', startedAt: twoDaysAgo, running: true, cursor: 'oLeftLongAgo', offset: 0, synced: 10_000, total: 30_000, leaseUntil: 0 } });
  expect(expectOk(await call('push', 'syncFollowers', {}, ADMIN))).toEqual({ total: 2, synced: 2, unfollowed: 0 });
  expect(fake.requests.filter((q) => q.path === '/cgi-bin/user/get').map((q) => q.query.next_openid ?? '')).toEqual(['', 'oB']);
});

test('a campaign to more than 100 000 followers counts every one of them (no silent cap on the audience)', async () => {
  await withFake({ followers: [] });
  const n = 100_050;
  const ids = followers(n);
  for (let i = 0; i < n; i += 1000) {
    await db().collection('oa_followers').add({ data: ids.slice(i, i + 1000).map((_id) => ({ _id, subscribed: true, at: '2026-01-01T00:00:00.000Z' })) as never });
  }
  registerFunction('push', push, { timeoutMs: 60_000 });
  const t = byKey(cat, 'policyNotice')!;
  const preview = expectOk(await call('push', 'previewCampaign', { templateId: t.templateId, data: policy, page: 'pages/index/index', audience: { type: 'oaFollowers' } }, PUSHER));
  expect(preview.recipients).toBe(n);
}, 180_000);
