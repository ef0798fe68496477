/**
 * 订阅消息推送 seed: the nine templates come from config/push-templates.json (nothing to write);
 * two published 通知公告, subscriptions for the preview citizens (recorded both where WeChat keeps
 * them — the local sink — and in our ledger, as the dialog would), and one finished 政策通知
 * campaign. Goes through the push function's actions; idempotent (skips what already exists).
 */
import * as localCloud from '../../local-cloud';
import type { Invoke } from '../lib/boot-local-cloud';
import type { CampaignView, NoticeView, PushSettingsView, TemplateInfo } from '../../core/push/api-types';

const CITIZENS = ['local-citizen', 'local-citizen-2'];
const SUBSCRIBE_KEYS = ['caseProgress', 'caseSupplement', 'caseCompleted', 'policyNotice', 'emergencyAlert'];

const NOTICES = [
  {
    title: '示例市政务服务中心端午节假期工作安排',
    body: '<p>根据国务院办公厅通知，端午节假期期间市政务服务中心暂停对外服务，假期结束后恢复正常。</p><p><strong>线上服务不打烊：</strong>“示例市智慧政务”小程序可全天提交申请、查询办件进度。</p><p>咨询电话：12345。</p>',
  },
  {
    title: '关于启用新版居民身份证补领“跑零次”服务的通知',
    body: '<p>自即日起，居民身份证补领可在小程序全程网办，证件邮寄到家。</p><ul><li>准备户口簿照片和挂失声明</li><li>在线填写并提交申请</li><li>办结后按快递单号查收</li></ul><p>示例市公安局</p>',
  },
];

async function must<T>(invoke: Invoke, action: string, params: unknown, openid: string): Promise<T> {
  const res = (await invoke('push', { action, params }, openid)) as { ok: boolean; data?: T; message?: string };
  if (!res.ok) throw new Error(`推送种子 ${action} 失败：${res.message}`);
  return res.data as T;
}

/** Accepts the templates for each citizen not yet subscribed to anything; returns how many were. */
async function subscribeAll(invoke: Invoke, templates: TemplateInfo[], openids: string[], keys: string[]): Promise<number> {
  let subscribed = 0;
  for (const openid of openids) {
    const s = await must<PushSettingsView>(invoke, 'settings', {}, openid);
    if (s.subscriptions.length > 0) continue;
    const results: Record<string, 'accept'> = {};
    for (const key of keys) {
      const t = templates.find((x) => x.key === key);
      if (!t) continue;
      results[t.templateId] = 'accept';
      localCloud.grantSubscription(openid, t.templateId, 'accept', t.kind);
    }
    await must(invoke, 'subscribe', { results }, openid);
    subscribed += 1;
  }
  return subscribed;
}

/**
 * More 政策通知 subscribers than PUSH_APPROVAL_THRESHOLD (default 50), so that a 群发 to them
 * needs a second administrator: the preview's 管理员 creates it, 管理员（审批） approves it.
 * These residents have no preview identity; they only receive.
 */
export const DEMO_RESIDENTS = Array.from({ length: 60 }, (_, i) => `local-resident-${String(i + 1).padStart(2, '0')}`);

export async function seedPushAudience(invoke: Invoke, admin: string, log: (s: string) => void = console.log) {
  const templates = await must<TemplateInfo[]>(invoke, 'templates', {}, admin);
  const subscribed = await subscribeAll(invoke, templates, DEMO_RESIDENTS, ['policyNotice']);
  log(`推送：示例订阅居民 ${subscribed} 人（政策通知群发超过审批人数，需“管理员（审批）”批准）`);
}

export async function seedPush(invoke: Invoke, admin: string, log: (s: string) => void = console.log) {
  const templates = await must<TemplateInfo[]>(invoke, 'templates', {}, admin);

  const existing = await must<NoticeView[]>(invoke, 'notices', { limit: 50 }, admin);
  let published = 0;
  const notices: NoticeView[] = [...existing];
  for (const n of NOTICES) {
    if (existing.some((e) => e.title === n.title)) continue;
    notices.push(await must<NoticeView>(invoke, 'publishNotice', n, admin));
    published += 1;
  }

  const subscribed = await subscribeAll(invoke, templates, CITIZENS, SUBSCRIBE_KEYS);

  const campaigns = await must<CampaignView[]>(invoke, 'campaigns', {}, admin);
  const policy = templates.find((t) => t.key === 'policyNotice');
  if (campaigns.length === 0 && policy) {
    const notice = notices.find((n) => n.title === NOTICES[0].title);
    await must(invoke, 'createCampaign', {
      templateId: policy.templateId,
      data: { thing1: '端午节假期工作安排', thing2: '示例市政务服务中心', time3: new Date().toISOString(), thing4: '假期暂停窗口服务，线上可正常办理' },
      page: notice ? `packages/push/pages/notice/index?id=${notice.id}` : 'pages/index/index',
      audience: { type: 'templateSubscribers', templateId: policy.templateId },
      ...(notice ? { noticeId: notice.id } : {}),
    }, admin);
    // One timer firing sends it, as the minute trigger would.
    await localCloud.invokeFunction('push', { Type: 'Timer', TriggerName: 'dispatch', Time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }, { SOURCE: 'wx_trigger' });
  }
  log(`推送：模板 ${templates.length} 个（config/push-templates.json），新发布公告 ${published} 条，新订阅居民 ${subscribed} 人${campaigns.length === 0 ? '，示例群发 1 次' : ''}`);
}

/**
 * 阅读/点赞/分享 on the seeded notices, through the push function's own actions (so the counters
 * and the once-per-person records agree): most demo residents read them, some like them, two share
 * and a handful of their friends open the shared link. Runs once (seed step); later reads are real.
 */
export async function seedNoticeEngagement(invoke: Invoke, admin: string, log: (s: string) => void = console.log) {
  const notices = (await must<NoticeView[]>(invoke, 'notices', { limit: 50 }, admin)).filter((n) => NOTICES.some((s) => s.title === n.title));
  let reads = 0;
  for (const [ni, notice] of notices.entries()) {
    const sharers = DEMO_RESIDENTS.slice(ni * 2, ni * 2 + 2);
    const tokens: string[] = [];
    for (const openid of sharers) tokens.push((await must<{ token: string }>(invoke, 'noticeShare', { id: notice.id }, openid)).token);
    for (const [i, openid] of DEMO_RESIDENTS.entries()) {
      // About three in four residents read each notice; some of the later readers came in through a share link.
      if (i % (ni + 4) === 0) continue;
      const from = i > 40 && i % 3 === 1 ? tokens[i % tokens.length] : undefined;
      await must(invoke, 'noticeRead', { id: notice.id, ...(from ? { from } : {}) }, openid);
      reads += 1;
      if (i % 7 === 1) await must(invoke, 'noticeLike', { id: notice.id, like: true }, openid);
    }
    await must(invoke, 'noticeRead', { id: notice.id }, CITIZENS[0]);
  }
  log(`推送：公告阅读/点赞/分享示例（${notices.length} 条公告，阅读 ${reads + notices.length} 次）`);
}
