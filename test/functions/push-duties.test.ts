/** Push holes: the approval threshold over a creator's rolling 24 h, blank notices, unconfigured template ids. */
import type { ParamsOf } from '../../core/api';
import { call, expectOk, fireTimer, startCloud, ADMIN } from './harness';
import { getOpenapiSink, grantSubscription } from '../../local-cloud';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { REASON_LABELS } from '../../core/push/errors';
import { db, writeApplicationEvent } from './push-fixtures';

const PUSHER = 'staff-pusher-openid';
const PUSHER_2 = 'staff-pusher-2-openid';
const cat = loadCatalogue(process.env);
const tid = (k: string) => byKey(cat, k)!.templateId;
const data = { thing1: '示例市2025年医保缴费通知', thing2: '示例市医疗保障局', time3: '2025-07-01T08:00:00Z', thing4: '城乡居民医保缴费开始' };

beforeEach(async () => {
  startCloud();
  process.env.PUSH_APPROVAL_THRESHOLD = '5';
  for (const openid of [PUSHER, PUSHER_2]) {
    expectOk(await call('account', 'setStaff', { openid, name: '宣传科', role: 'staff', departments: ['gov'], grants: ['push', 'notices'], active: true }, ADMIN));
  }
});
afterAll(() => { delete process.env.PUSH_APPROVAL_THRESHOLD; });

/** `n` citizens who accepted the policy notice; each audience names them through the matter they applied for. */
async function subscribers(prefix: string, n: number) {
  const t = byKey(cat, 'policyNotice')!;
  for (let i = 0; i < n; i++) {
    const openid = `${prefix}-${i}`;
    grantSubscription(openid, t.templateId, 'accept', t.kind);
    expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, openid));
  }
}
type Compose = ParamsOf<'push', 'createCampaign'>;
const compose = (extra: Partial<Compose> = {}): Compose => ({ templateId: tid('policyNotice'), data, page: 'pages/index/index', audience: { type: 'templateSubscribers', templateId: tid('policyNotice') }, ...extra });

describe('approval threshold over each creator\'s rolling 24 h', () => {
  test('small campaigns by one person add up: the one that passes the threshold needs a second person', async () => {
    await subscribers('a', 3);
    expect(expectOk(await call('push', 'createCampaign', compose(), PUSHER))).toMatchObject({ status: 'scheduled', recipients: 3 });
    // 3 + 3 > 5: the preview says so before sending, and the campaign waits for approval.
    expect(expectOk(await call('push', 'previewCampaign', compose(), PUSHER))).toMatchObject({ recipients: 3, needsApproval: true });
    expect(expectOk(await call('push', 'createCampaign', compose(), PUSHER))).toMatchObject({ status: 'pendingApproval' });
    // Someone else's count is their own.
    expect(expectOk(await call('push', 'createCampaign', compose(), PUSHER_2))).toMatchObject({ status: 'scheduled' });
  });

  test('concurrent small campaigns by one person cannot all slip under the threshold', async () => {
    await subscribers('p', 3);
    const created = await Promise.all(Array.from({ length: 4 }, () => call('push', 'createCampaign', compose(), PUSHER)));
    const statuses = created.map((r) => expectOk(r).status).sort();
    expect(statuses).toEqual(['pendingApproval', 'pendingApproval', 'pendingApproval', 'scheduled']);
  });

  test('campaigns older than 24 h or cancelled before sending do not count', async () => {
    await subscribers('b', 3);
    const old = expectOk(await call('push', 'createCampaign', compose(), PUSHER));
    await db().collection('push_campaigns').doc(old.id).update({ data: { createdAt: new Date(Date.now() - 25 * 3600_000).toISOString() } });
    const later = expectOk(await call('push', 'createCampaign', compose({ sendAt: new Date(Date.now() + 3600_000).toISOString() }), PUSHER));
    expectOk(await call('push', 'cancelCampaign', { id: later.id }, PUSHER));
    expect(expectOk(await call('push', 'createCampaign', compose(), PUSHER))).toMatchObject({ status: 'scheduled' });
  });

  test('a campaign a second person approved does not count again', async () => {
    await subscribers('c', 3);
    const t = byKey(cat, 'emergencyAlert')!;
    for (const openid of ['e-0', 'e-1']) {
      grantSubscription(openid, t.templateId, 'accept', t.kind);
      expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, openid));
    }
    expectOk(await call('push', 'createCampaign', compose(), PUSHER));
    const pending = expectOk(await call('push', 'createCampaign', compose(), PUSHER));
    expect(pending.status).toBe('pendingApproval');
    expectOk(await call('push', 'approveCampaign', { id: pending.id }, ADMIN));
    // 3 unapproved + 2 = 5: within the threshold (counting the approved 3 again would make it 8).
    const emergency = { templateId: t.templateId, data: { thing1: '暴雨红色预警', thing2: '全市', time3: '2025-07-01T08:00:00Z', thing4: '请避免外出' }, page: 'pages/index/index', audience: { type: 'templateSubscribers' as const, templateId: t.templateId } };
    expect(expectOk(await call('push', 'previewCampaign', emergency, PUSHER))).toMatchObject({ recipients: 2, needsApproval: false });
  });
});

describe('notices', () => {
  test.each(['<p> </p>', '<script>alert(1)</script>', '<p><br></p>'])('a body with no visible text (%s) is INVALID_INPUT in Chinese', async (body) => {
    const r = await call('push', 'publishNotice', { title: '关于调整办公时间的通知', body }, PUSHER);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('公告正文') });
    expect((await db().collection('push_notices').limit(10).get()).data).toEqual([]);
  });
});

describe('template ids not configured (no PUSH_TEMPLATE_IDS: only the preview\'s fake ids)', () => {
  // The local cloud configures the preview's ids the way the console configures real ones; here nothing is configured.
  const unset = () => {
    delete process.env.PUSH_TEMPLATE_IDS;
    delete process.env.PUSH_OA_TEMPLATE_IDS;
  };
  beforeEach(unset);
  afterEach(unset); // the next startCloud configures the preview's ids again

  test('an event push is refused before it leaves, and the log says why', async () => {
    const t = byKey(cat, 'caseProgress')!;
    grantSubscription('c-9', t.templateId, 'accept', t.kind);
    expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, 'c-9'));
    await writeApplicationEvent('c-9', 'accepted', { dueDate: '2025-03-20' });
    for (let i = 0; i < 2; i++) expectOk(await fireTimer('push', 'dispatch'));
    expect(getOpenapiSink({ touser: 'c-9' })).toEqual([]);
    const [d] = (await db().collection('push_deliveries').limit(10).get()).data;
    expect(d).toMatchObject({ status: 'failed', reason: 'template-not-configured' });
    expect(REASON_LABELS['template-not-configured']).toContain('PUSH_TEMPLATE_IDS');
    // The one-time credit is not spent on a message that never left.
    const ledger = expectOk(await call('push', 'settings', {}, 'c-9')).subscriptions;
    expect(ledger.find((l) => l.templateKey === 'caseProgress')?.quota).toBe(1);
  });

  test('a campaign is refused at compose time, naming the missing setting', async () => {
    await subscribers('d', 1);
    expect(await call('push', 'previewCampaign', compose(), PUSHER)).toMatchObject({ ok: false, message: expect.stringContaining('PUSH_TEMPLATE_IDS') });
    const r = await call('push', 'createCampaign', compose(), PUSHER);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('PUSH_TEMPLATE_IDS') });
    expect((await db().collection('push_campaigns').limit(10).get()).data).toEqual([]);
  });

  test('configured ids send as before', async () => {
    process.env.PUSH_TEMPLATE_IDS = JSON.stringify({ caseProgress: 'REAL-caseProgress-id' });
    grantSubscription('c-8', 'REAL-caseProgress-id', 'accept', 'once');
    expectOk(await call('push', 'subscribe', { results: { 'REAL-caseProgress-id': 'accept' } }, 'c-8'));
    await writeApplicationEvent('c-8', 'accepted', { dueDate: '2025-03-20' });
    expectOk(await fireTimer('push', 'dispatch'));
    expect(getOpenapiSink({ touser: 'c-8' })).toHaveLength(1);
  });
});
