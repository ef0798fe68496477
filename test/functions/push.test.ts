/** 订阅消息推送 on the local cloud: ledger, event pushes, errors, campaigns, approval, cancel, opt-out, dispatch overlap, OA. */
import { call, callRaw, expectOk, fireTimer, startCloud, ADMIN, CITIZEN } from './harness';
import { getOpenapiSink, grantSubscription, sdk, setSinkFaults, subscriptionOf, verifyTempFileUrl } from '../../local-cloud';
import type { Audience } from '../../core/push/api-types';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { db, writeApplicationEvent, writeBookingEvent } from './push-fixtures';
import { startFakeWechat } from '../../scripts/lib/fake-wechat';

const cat = loadCatalogue(process.env);
const tid = (k: string) => byKey(cat, k)!.templateId;
const ADMIN2 = 'admin-2-openid';
const PUSHER = 'staff-pusher-openid';

beforeEach(async () => {
  startCloud();
  process.env.ADMIN_OPENIDS = `${ADMIN},${ADMIN2}`;
  process.env.PUSH_BACKOFF_BASE_MS = '20';
  process.env.PUSH_BACKOFF_CAP_MS = '40';
  process.env.PUSH_APPROVAL_THRESHOLD = '2';
  delete process.env.WX_OPENAPI_BASE;
  setSinkFaults({});
  await call('account', 'setStaff', { openid: PUSHER, name: '宣传科', role: 'staff', departments: ['gov'], grants: ['push'], active: true }, ADMIN);
});

/** The citizen accepts in WeChat's dialog: WeChat learns it (sink) and so does push.subscribe. */
async function accept(openid: string, key: string, times = 1) {
  const t = byKey(cat, key)!;
  for (let i = 0; i < times; i++) {
    grantSubscription(openid, t.templateId, 'accept', t.kind);
    expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, openid));
  }
}

async function drain(times = 3) {
  for (let i = 0; i < times; i++) expectOk(await fireTimer('push', 'dispatch'));
}

const deliveries = async (where: Record<string, unknown> = {}) => (await db().collection('push_deliveries').where(where).limit(100).get()).data;

describe('ledger and event pushes', () => {
  test('templates lists the catalogue; subscribe records accepts and refuses unknown templates', async () => {
    const list = expectOk(await call('push', 'templates', {}));
    expect(list.map((t) => t.key)).toContain('caseProgress');
    const ledger = expectOk(await call('push', 'subscribe', { results: { [tid('caseProgress')]: 'accept', [tid('caseCompleted')]: 'reject' } }, CITIZEN));
    expect(ledger.find((l) => l.templateKey === 'caseProgress')?.quota).toBe(1);
    expect(ledger.find((l) => l.templateKey === 'caseCompleted')).toMatchObject({ quota: 0, last: { result: 'reject' } });
    const bad = await call('push', 'subscribe', { results: { 'nope': 'accept' } }, CITIZEN);
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('push', 'subscribe', { results: { [tid('caseProgress')]: 'accept' } })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  test('one accept = one message; the second event is skipped no-quota and never retried; submitted is not pushed', async () => {
    await accept(CITIZEN, 'caseProgress');
    await writeApplicationEvent(CITIZEN, 'submitted');
    await writeApplicationEvent(CITIZEN, 'accepted', { dueDate: '2025-03-20' });
    await drain(1);
    const sink: any[] = getOpenapiSink({ touser: CITIZEN });
    expect(sink).toHaveLength(1);
    expect(sink[0].payload.data.phrase3.value).toBe('已受理');
    expect(sink[0].payload.page).toMatch(/from=push&pushId=/);
    await writeApplicationEvent(CITIZEN, 'suspended');
    await accept(CITIZEN, 'caseSupplement'); // quota on another template does not count
    await drain(2);
    expect(getOpenapiSink({ touser: CITIZEN })).toHaveLength(1);
    const skipped = await deliveries({ status: 'skipped' });
    expect(skipped).toHaveLength(1);
    expect(skipped[0].reason).toBe('no-quota');
    const ledger = expectOk(await call('push', 'settings', {}, CITIZEN)).subscriptions;
    expect(ledger.find((l) => l.templateKey === 'caseProgress')?.quota).toBe(0);
  });

  test('a duplicate event write is one message (deterministic ids)', async () => {
    await accept(CITIZEN, 'caseProgress', 2);
    await writeApplicationEvent(CITIZEN, 'accepted', { applicationId: 'dup' });
    await expect(db().collection('outbox').add({ data: (await db().collection('outbox').limit(1).get()).data[0] })).rejects.toBeTruthy();
    await drain(2);
    expect(getOpenapiSink({ touser: CITIZEN })).toHaveLength(1);
  });

  test('43101 from WeChat corrects the ledger and is never retried', async () => {
    // Our ledger thinks there is a credit, WeChat has none (e.g. used on another device's send).
    expectOk(await call('push', 'subscribe', { results: { [tid('caseProgress')]: 'accept' } }, CITIZEN));
    await writeApplicationEvent(CITIZEN, 'accepted');
    await drain(2);
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'skipped', reason: 'no-quota', errcode: 43101, attempts: 1 });
    const { data: ledger } = await db().collection('push_ledger').where({ openid: CITIZEN }).get();
    expect(ledger[0]).toMatchObject({ quota: 0 });
    expect((await db().collection('push_attempts').get()).data).toHaveLength(1);
  });

  test('-1 is retried with backoff until sent; the credit is taken once', async () => {
    await accept(CITIZEN, 'caseProgress');
    setSinkFaults({ failNext: { errcode: -1, count: 2 } });
    await writeApplicationEvent(CITIZEN, 'accepted');
    await drain(2);
    const [d] = await deliveries();
    expect(d).toMatchObject({ status: 'sent', attempts: 3 });
    const attempts = (await db().collection('push_attempts').orderBy('at', 'asc').get()).data;
    expect(attempts.map((a) => [a.result, a.errcode])).toEqual([['retry', -1], ['retry', -1], ['sent', 0]]);
    expect(attempts.every((a) => typeof a.durationMs === 'number' && a.at)).toBe(true);
    expect(subscriptionOf(CITIZEN, tid('caseProgress')).once).toBe(0);
    const { data: ledger } = await db().collection('push_ledger').where({ openid: CITIZEN }).get();
    expect(ledger[0].quota).toBe(0);
  });

  test('-1 until the deadline → failed with the reason, credit refunded', async () => {
    process.env.PUSH_EVENT_DEADLINE_MS = '150';
    try {
      await accept(CITIZEN, 'caseProgress');
      setSinkFaults({ busyRate: 1 });
      await writeApplicationEvent(CITIZEN, 'accepted');
      await drain(2);
      const [d] = await deliveries();
      expect(d).toMatchObject({ status: 'failed', reason: 'busy', errcode: -1 });
      const { data: ledger } = await db().collection('push_ledger').where({ openid: CITIZEN }).get();
      expect(ledger[0].quota).toBe(1);
    } finally {
      delete process.env.PUSH_EVENT_DEADLINE_MS;
    }
  });

  test.each([[47003, 'invalid-data'], [40003, 'invalid-openid'], [40037, 'invalid-template'], [41030, 'invalid-page']])(
    '%i is a permanent failure (%s), not retried, credit refunded', async (code, reason) => {
      await accept(CITIZEN, 'caseProgress');
      setSinkFaults({ failNext: { errcode: code, count: 5 } });
      await writeApplicationEvent(CITIZEN, 'accepted');
      await drain(2);
      const [d] = await deliveries();
      expect(d).toMatchObject({ status: 'failed', reason, errcode: code, attempts: 1 });
      const { data: ledger } = await db().collection('push_ledger').where({ openid: CITIZEN }).get();
      expect(ledger[0].quota).toBe(1);
    });

  test('values are mapped per type: long matter names truncated, times in WeChat format; an unmappable value fails clearly', async () => {
    await accept(CITIZEN, 'caseProgress', 2);
    await writeApplicationEvent(CITIZEN, 'accepted', { matterName: '居民身份证换领（到期换领、损坏换领、证件信息变更）' });
    await writeApplicationEvent(CITIZEN, 'accepted', { applicationNo: '办件编号含中文' });
    await drain(2);
    const sink: any[] = getOpenapiSink({ touser: CITIZEN });
    expect(sink).toHaveLength(1);
    expect([...sink[0].payload.data.thing2.value]).toHaveLength(20);
    expect(sink[0].payload.data.thing2.value.endsWith('…')).toBe(true);
    expect(sink[0].payload.data.time4.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const failed = await deliveries({ status: 'failed' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ reason: 'invalid-value' });
    expect(failed[0].detail).toMatch(/办件编号/);
  });

  test('opt-out per category; emergencies on by default and can be turned off', async () => {
    const s = expectOk(await call('push', 'settings', {}, CITIZEN));
    expect(s.categories.find((c) => c.category === 'emergency')?.on).toBe(true);
    await accept(CITIZEN, 'caseProgress');
    expectOk(await call('push', 'setCategory', { category: 'case', on: false }, CITIZEN));
    await writeApplicationEvent(CITIZEN, 'accepted');
    await drain(1);
    expect(getOpenapiSink({ touser: CITIZEN })).toHaveLength(0);
    expect((await deliveries())[0]).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    const off = expectOk(await call('push', 'setCategory', { category: 'emergency', on: false }, CITIZEN));
    expect(off.categories.find((c) => c.category === 'emergency')?.on).toBe(false);
  });

  test('opening a message records it once, only for its recipient', async () => {
    await accept(CITIZEN, 'caseProgress');
    await writeApplicationEvent(CITIZEN, 'accepted');
    await drain(1);
    const [d] = await deliveries();
    expect(await call('push', 'open', { pushId: d._id }, 'someone-else')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await call('push', 'open', { pushId: d._id }, CITIZEN))).toEqual({ recorded: true });
    expect(expectOk(await call('push', 'open', { pushId: d._id }, CITIZEN))).toEqual({ recorded: false });
  });

  test('the timer runs only for the trigger service; a kick sends events but no broadcasts', async () => {
    expect(await callRaw('push', { Type: 'Timer', TriggerName: 'dispatch' }, CITIZEN)).toMatchObject({ ok: false });
    await accept(CITIZEN, 'caseProgress');
    await writeApplicationEvent(CITIZEN, 'accepted');
    const r = expectOk(await call('push', 'kick', {}));
    expect(r.sent).toBe(1);
  });
});

describe('campaigns', () => {
  const emergencyData = { thing1: '暴雨红色预警', thing2: '全市', time3: '2025-07-01T08:00:00Z', thing4: '请避免外出，远离低洼地带' };
  async function subscribers(n: number, key = 'emergencyAlert') {
    const ids = Array.from({ length: n }, (_, i) => `sub-${key}-${i}`);
    for (const id of ids) await accept(id, key);
    return ids;
  }

  test('exact count and preview; above the threshold needs a second person; never one\'s own', async () => {
    await subscribers(3);
    const audience: Audience = { type: 'templateSubscribers', templateId: tid('emergencyAlert') };
    const pv = expectOk(await call('push', 'previewCampaign', { templateId: tid('emergencyAlert'), data: emergencyData, page: 'pages/index/index', audience }, PUSHER));
    expect(pv).toMatchObject({ recipients: 3, needsApproval: true });
    expect(pv.preview.lines[2]).toEqual({ label: '发布时间', value: '2025年7月1日 16:00' });
    expect(await call('push', 'createCampaign', { templateId: tid('emergencyAlert'), data: emergencyData, page: 'pages/index/index', audience }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const c = expectOk(await call('push', 'createCampaign', { templateId: tid('emergencyAlert'), data: emergencyData, page: 'pages/index/index', audience, priority: 'emergency' }, ADMIN));
    expect(c).toMatchObject({ status: 'pendingApproval', recipients: 3 });
    await drain(1);
    expect(getOpenapiSink()).toHaveLength(0);
    expect(await call('push', 'approveCampaign', { id: c.id }, ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('push', 'approveCampaign', { id: c.id }, PUSHER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('push', 'approveCampaign', { id: c.id }, ADMIN2)).status).toBe('scheduled');
    await drain(2);
    const p = expectOk(await call('push', 'campaign', { id: c.id }, ADMIN));
    expect(p).toMatchObject({ status: 'done', counts: { queued: 0, sent: 3, failed: 0, skipped: 0, unknown: 0, opened: 0 } });
    expect(getOpenapiSink()).toHaveLength(3);
  });

  test('a campaign data value that would be 47003 is refused at compose time', async () => {
    await subscribers(1);
    const r = await call('push', 'createCampaign', { templateId: tid('emergencyAlert'), data: { ...emergencyData, time3: '今天早上' }, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('emergencyAlert') } }, PUSHER);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((r as any).message).toMatch(/发布时间/);
  });

  test('scheduled for later waits; cancel stops the rest; failures by reason and a filterable log', async () => {
    await subscribers(2, 'policyNotice');
    const audience: Audience = { type: 'templateSubscribers', templateId: tid('policyNotice') };
    const data = { thing1: '示例市2025年医保缴费通知', thing2: '示例市医疗保障局', time3: '2025-07-01T08:00:00Z', thing4: '城乡居民医保缴费开始' };
    const later = expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data, page: 'pages/index/index', audience, sendAt: new Date(Date.now() + 3600_000).toISOString() }, PUSHER));
    expect(later.status).toBe('scheduled');
    await drain(1);
    expect(getOpenapiSink()).toHaveLength(0);
    expect(expectOk(await call('push', 'cancelCampaign', { id: later.id }, PUSHER)).status).toBe('cancelled');
    expect(await call('push', 'cancelCampaign', { id: later.id }, PUSHER)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const now = expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data, page: 'pages/index/index', audience }, PUSHER));
    setSinkFaults({ failNext: { errcode: 40003, count: 1 } });
    await drain(2);
    const p = expectOk(await call('push', 'campaign', { id: now.id }, PUSHER));
    expect(p.counts).toMatchObject({ sent: 1, failed: 1, queued: 0 });
    expect(p.failures).toEqual({ 'invalid-openid': 1 });
    const log = expectOk(await call('push', 'campaignLog', { id: now.id, reason: 'invalid-openid' }, PUSHER));
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ status: 'failed', errcode: 40003 });
    expect(log.items[0].openid).not.toMatch(/^sub-policyNotice-\d$/);
  });

  test('audiences: applicants of a matter, bookers of a hall and day (cancelled excluded), unions deduplicated', async () => {
    for (const id of ['a1', 'a2', 'b1', 'b2']) await accept(id, 'policyNotice');
    await writeApplicationEvent('a1', 'submitted', { matterId: 'm-x' });
    await writeApplicationEvent('a2', 'submitted', { matterId: 'm-x' });
    await writeApplicationEvent('zz', 'submitted', { matterId: 'm-x' }); // no credit: not counted
    await writeBookingEvent('b1', 'bookingBooked', 'bk1', '2025-07-02T01:00:00Z');
    await writeBookingEvent('b2', 'bookingBooked', 'bk2', '2025-07-02T02:00:00Z');
    await writeBookingEvent('b2', 'bookingCancelled', 'bk2', '2025-07-02T02:00:00Z');
    await writeBookingEvent('a1', 'bookingBooked', 'bk3', '2025-07-02T03:00:00Z');
    const data = { thing1: '大厅临时调整', thing2: '示例市民中心', time3: '2025-07-01T08:00:00Z', thing4: '请按新时间办理' };
    const count = async (audience: Audience) => expectOk(await call('push', 'previewCampaign', { templateId: tid('policyNotice'), data, page: 'pages/index/index', audience }, PUSHER)).recipients;
    expect(await count({ type: 'matterApplicants', matterId: 'm-x' })).toBe(2);
    expect(await count({ type: 'hallDayBookers', hallId: 'hall-1', date: '2025-07-02' })).toBe(2);
    expect(await count({ type: 'union', of: [{ type: 'matterApplicants', matterId: 'm-x' }, { type: 'hallDayBookers', hallId: 'hall-1', date: '2025-07-02' }] })).toBe(3);
    expect(await count({ type: 'categorySubscribers', category: 'policy' })).toBe(4);
  });

  test('emergency campaigns jump the queue ahead of events and normal campaigns', async () => {
    process.env.PUSH_APPROVAL_THRESHOLD = '1000';
    await subscribers(3, 'policyNotice');
    await subscribers(2, 'emergencyAlert');
    const pol = { thing1: '政策', thing2: '示例市政府', time3: '2025-07-01T08:00:00Z', thing4: '摘要' };
    expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data: pol, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('policyNotice') } }, PUSHER));
    expectOk(await call('push', 'createCampaign', { templateId: tid('emergencyAlert'), data: emergencyData, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('emergencyAlert') }, priority: 'emergency' }, PUSHER));
    await accept(CITIZEN, 'caseProgress');
    await writeApplicationEvent(CITIZEN, 'accepted');
    process.env.PUSH_CONCURRENCY = '1'; // one at a time, so the sink's order is the send order
    try {
      await drain(2);
    } finally {
      delete process.env.PUSH_CONCURRENCY;
    }
    const order = getOpenapiSink().map((s) => s.payload.templateId);
    expect(order).toEqual([tid('emergencyAlert'), tid('emergencyAlert'), tid('caseProgress'), tid('policyNotice'), tid('policyNotice'), tid('policyNotice')]);
  });

  test('overlapping dispatchers send each message exactly once', async () => {
    process.env.PUSH_APPROVAL_THRESHOLD = '1000';
    const ids = await subscribers(40, 'policyNotice');
    for (const id of ids.slice(0, 10)) { await accept(id, 'caseProgress'); await writeApplicationEvent(id, 'accepted'); }
    setSinkFaults({ latencyMs: 3, busyRate: 0.2 });
    const pol = { thing1: '政策', thing2: '示例市政府', time3: '2025-07-01T08:00:00Z', thing4: '摘要' };
    const c = expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data: pol, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('policyNotice') } }, PUSHER));
    await Promise.all([fireTimer('push', 'dispatch'), fireTimer('push', 'dispatch'), fireTimer('push', 'dispatch'), call('push', 'kick', {})]);
    setSinkFaults({});
    await drain(2);
    const sink = getOpenapiSink();
    const keys = sink.map((s) => `${s.touser}|${s.payload.templateId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sink).toHaveLength(50);
    expect(expectOk(await call('push', 'campaign', { id: c.id }, PUSHER)).counts).toMatchObject({ sent: 40, queued: 0 });
  });

  test('overlapping timer dispatchers share the configured rate instead of each taking all of it', async () => {
    process.env.PUSH_APPROVAL_THRESHOLD = '1000';
    process.env.PUSH_RATE_PER_SEC = '40';
    try {
      await subscribers(120, 'policyNotice');
      const pol = { thing1: '政策', thing2: '示例市政府', time3: '2025-07-01T08:00:00Z', thing4: '摘要' };
      expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data: pol, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('policyNotice') } }, PUSHER));
      await Promise.all([fireTimer('push', 'dispatch'), fireTimer('push', 'dispatch')]);
      const at = getOpenapiSink().map((m) => m.at.getTime()).sort((a, b) => a - b);
      expect(at).toHaveLength(120);
      // Two instances at 40/s each would finish in about 1.5 s; sharing 40/s takes about 3 s.
      const perSec = (at.length - 1) / ((at[at.length - 1] - at[0]) / 1000);
      expect(perSec).toBeLessThan(52);
      // Both signed off: a later dispatcher gets the whole rate again.
      expect((await db().collection('push_state').where({ kind: 'dispatcher' }).get()).data).toHaveLength(0);
    } finally {
      delete process.env.PUSH_RATE_PER_SEC;
    }
  }, 30_000);
});

/** Runs `fn` with the push function pointed at a fake WeChat server that has these OA followers. */
async function withFakeOa(followers: string[], fn: (fake: Awaited<ReturnType<typeof startFakeWechat>>) => Promise<void>) {
  const fake = await startFakeWechat({ followers });
  process.env.WX_OPENAPI_BASE = fake.base;
  process.env.WX_OA_APPID = 'wxoa-test';
  process.env.WX_OA_SECRET = 'test-secret';
  try {
    await fn(fake);
  } finally {
    delete process.env.WX_OPENAPI_BASE;
    delete process.env.WX_OA_APPID;
    delete process.env.WX_OA_SECRET;
    await fake.close();
  }
}

describe('official-account channel', () => {
  test('OA followers get template messages with client_msg_id; a person on both channels gets one, on the mini-program; token refresh on 40001', async () => {
    await withFakeOa(['oa-1', 'oa-2', 'oa-3'], async (fake) => {
      process.env.PUSH_APPROVAL_THRESHOLD = '1000';
      // oa-1 is the same person (unionid u1) as mini-program user mp-1, who has the long-term subscription.
      const t = byKey(cat, 'emergencyAlert')!;
      await (await import('../../local-cloud')).runInvocation({ OPENID: 'mp-1', UNIONID: 'u1' }, async () => {
        const { main } = await import('../../cloudfunctions/push');
        expect(await main({ action: 'subscribe', params: { results: { [t.templateId]: 'accept' } } })).toMatchObject({ ok: true });
      });
      const sync = expectOk(await call('push', 'syncFollowers', {}, ADMIN));
      expect(sync).toMatchObject({ total: 3, synced: 3 });
      await db().collection('oa_followers').doc('oa-1').update({ data: { unionid: 'u1' } });
      const audience: Audience = { type: 'union', of: [{ type: 'templateSubscribers', templateId: t.templateId }, { type: 'oaFollowers' }] };
      const emergencyData = { thing1: '暴雨红色预警', thing2: '全市', time3: '2025-07-01T08:00:00Z', thing4: '请避免外出' };
      const c = expectOk(await call('push', 'createCampaign', { templateId: t.templateId, data: emergencyData, page: 'pages/index/index', audience, priority: 'emergency' }, PUSHER));
      expect(c.recipients).toBe(3); // mp-1 (= oa-1), oa-2, oa-3
      fake.expireToken();
      const tokensBefore = fake.tokensIssued;
      await drain(2);
      const oa = fake.messages.filter((m) => m.path === '/cgi-bin/message/template/send');
      const mp = fake.messages.filter((m) => m.path === '/cgi-bin/message/subscribe/send');
      expect(oa.map((m) => m.touser).sort()).toEqual(['oa-2', 'oa-3']);
      expect(mp.map((m) => m.touser)).toEqual(['mp-1']);
      expect(oa.every((m) => typeof m.clientMsgId === 'string' && m.clientMsgId.length > 0)).toBe(true);
      expect(fake.tokensIssued).toBe(tokensBefore + 1); // one forced refresh after 40001
      expect(fake.calls.filter((x) => x.errcode === 40001).length).toBeGreaterThanOrEqual(1);
      expect(expectOk(await call('push', 'campaign', { id: c.id }, PUSHER)).counts).toMatchObject({ sent: 3, failed: 0 });
    });
  });
});

describe('unknown outcomes after a dispatcher dies', () => {
  test('OA template messages are resent within 10 minutes under the same client_msg_id (WeChat de-duplicates); older ones become unknown', async () => {
    process.env.PUSH_APPROVAL_THRESHOLD = '1000';
    await withFakeOa(['oa-a', 'oa-b'], async (fake) => {
      expectOk(await call('push', 'syncFollowers', {}, ADMIN));
      const t = byKey(cat, 'policyNotice')!;
      const pol = { thing1: '政策', thing2: '示例市政府', time3: '2025-07-01T08:00:00Z', thing4: '摘要' };
      const c = expectOk(await call('push', 'createCampaign', { templateId: t.templateId, data: pol, page: 'pages/index/index', audience: { type: 'oaFollowers' } }, PUSHER));
      await drain(2);
      expect(fake.messages.map((m) => m.touser).sort()).toEqual(['oa-a', 'oa-b']);
      // Both requests reached WeChat, then (as if) the dispatcher died before writing the outcome:
      // oa-a one minute ago, oa-b twenty minutes ago.
      const [a, b] = (await deliveries({ campaignId: c.id })).sort((x, y) => x.openid.localeCompare(y.openid));
      const now = Date.now();
      for (const [d, ago] of [[a, 60_000], [b, 20 * 60_000]] as const) {
        await db().collection('push_deliveries').doc(d._id).update({ data: { status: 'inflight', owner: 'dead-dispatcher', leaseUntil: now - 1, firstInflightAt: now - ago, attempts: 1 } });
      }
      await drain(2);
      const after = await deliveries({ campaignId: c.id });
      expect(after.find((d) => d.openid === 'oa-a')).toMatchObject({ status: 'sent' });
      expect(after.find((d) => d.openid === 'oa-b')).toMatchObject({ status: 'unknown', reason: 'unknown' });
      // oa-a's resend carried the same client_msg_id and WeChat dropped it: still one message each.
      const calls = fake.calls.filter((x) => x.path === '/cgi-bin/message/template/send');
      expect(calls.length).toBe(3);
      expect(fake.messages.map((m) => m.touser).sort()).toEqual(['oa-a', 'oa-b']);
    });
  });
});

describe('notices', () => {
  test('staff publish sanitised rich text; citizens list and read; a campaign can link it', async () => {
    expect(await call('push', 'publishNotice', { title: '关于调整办公时间的通知', body: '<p>内容</p>' }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const n = expectOk(await call('push', 'publishNotice', { title: '关于调整办公时间的通知', body: '<p onclick="x()">自7月1日起<strong>夏季</strong>作息</p><script>alert(1)</script><img src="javascript:1"><img src="https://example.gov.cn/a.png">' }, PUSHER));
    expect(n.body).toBe('<p>自7月1日起<strong>夏季</strong>作息</p><img src="https://example.gov.cn/a.png" style="max-width:100%"/>');
    const list = expectOk(await call('push', 'notices', {}));
    expect(list[0]).toMatchObject({ id: n.id, summary: '自7月1日起 夏季 作息' });
    expect(expectOk(await call('push', 'notice', { id: n.id })).title).toBe('关于调整办公时间的通知');
    await accept('x1', 'policyNotice');
    const c = expectOk(await call('push', 'createCampaign', { templateId: tid('policyNotice'), data: { thing1: '作息调整', thing2: '示例市政务服务中心', time3: '2025-07-01T08:00:00Z', thing4: '详见公告' }, page: `packages/notices/pages/detail/index?id=${n.id}`, audience: { type: 'templateSubscribers', templateId: tid('policyNotice') }, noticeId: n.id }, PUSHER));
    expect(c.status).toBe('scheduled');
  });

  test('notice images open through signed temp URLs, and only the publisher\'s own uploads', async () => {
    const own = (await sdk.uploadFile({ cloudPath: `uploads/${PUSHER}/banner.png`, fileContent: Buffer.from('png') })).fileID;
    const citizens = (await sdk.uploadFile({ cloudPath: `evidence/0123456789abcdef01234567/${'a'.repeat(64)}.png`, fileContent: Buffer.from('id card') })).fileID;
    const n = expectOk(await call('push', 'publishNotice', {
      title: '办事大厅搬迁公告', body: `<p>新址</p><img src="${own}"><img src="${citizens}">`, images: [own, citizens, 'https://example.gov.cn/a.png'],
    }, PUSHER));
    const read = expectOk(await call('push', 'notice', { id: n.id }));
    expect(read.images).toHaveLength(2);
    const signed = new URL(read.images[0]);
    expect(verifyTempFileUrl(`uploads/${PUSHER}/banner.png`, signed.searchParams.get('t') ?? '', signed.searchParams.get('sign') ?? '')).toBe(true);
    expect(read.images[1]).toBe('https://example.gov.cn/a.png');
    expect(read.body).toContain(`<img src="${read.images[0].replace(/&/g, '&amp;')}"`);
    expect(read.body).not.toContain('evidence/');
    expect(expectOk(await call('push', 'notices', {}))[0].images).toEqual(read.images.map(() => expect.stringMatching(/^http/)));
  });
});
