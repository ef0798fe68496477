/**
 * 订阅消息推送 seed: the nine templates come from config/push-templates.json (nothing to write);
 * two published 通知公告, subscriptions for the preview citizens (recorded both where WeChat keeps
 * them — the local sink — and in our ledger, as the dialog would), and one finished 政策通知
 * campaign. Goes through the push function's actions; idempotent (skips what already exists).
 */
import * as localCloud from '../../local-cloud';
import type { Invoke } from '../lib/boot-local-cloud';
import type { CampaignView, NoticeView, PushSettingsView, TemplateInfo } from '../../core/push/api-types';
import { shanghaiDate } from '../../core/shanghai-time';

const CITIZENS = ['local-citizen', 'local-citizen-2'];
const SUBSCRIBE_KEYS = ['caseProgress', 'caseSupplement', 'caseCompleted', 'policyNotice', 'emergencyAlert'];

/** The next fixed-date public holiday after `today` (YYYY-MM-DD, Asia/Shanghai): what a notice in that season announces. */
export function comingHoliday(today: string): { name: string; date: string } {
  const year = Number(today.slice(0, 4));
  const candidates = [
    { name: '劳动节', date: `${year}-05-01` },
    { name: '国庆节', date: `${year}-10-01` },
    { name: '元旦', date: `${year + 1}-01-01` },
  ];
  return candidates.find((h) => h.date > today) ?? candidates[2];
}

/**
 * The seeded notices, for the day the preview is first seeded: the coming holiday's arrangements
 * (not a summer festival in December), and a matter the catalogue really serves 跑零次
 * (社会保障卡补领、换领: onsiteVisits 0, 全程网办, 邮寄).
 */
export function seedNotices(now: Date = new Date()): { title: string; body: string; campaign: string }[] {
  const holiday = comingHoliday(shanghaiDate(now.toISOString()));
  const year = holiday.date.slice(0, 4);
  return [
    {
      title: `示例市政务服务中心${year}年${holiday.name}假期政务服务安排`,
      body: `<p>根据国务院办公厅关于${year}年部分节假日安排的通知，${holiday.name}假期期间市政务服务中心暂停窗口服务，假期结束后恢复正常，具体日期以国务院办公厅通知为准。</p><p><strong>线上服务不打烊：</strong>“示例市智慧政务”小程序可全天提交申请、查询办件进度。</p><p>咨询电话：12345。</p>`,
      campaign: `${holiday.name}假期政务服务安排`,
    },
    {
      title: '关于社会保障卡补领、换领“跑零次”服务的通知',
      body: '<p>自即日起，社会保障卡补领、换领可在小程序全程网办，无需到现场，新卡免费邮寄到家。</p><ul><li>准备居民身份证（换领的还需原社会保障卡）</li><li>在线填写并提交申请</li><li>承诺5个工作日内办结，按快递单号查收</li></ul><p>示例市人力资源和社会保障局</p>',
      campaign: '社会保障卡补领、换领跑零次',
    },
  ];
}

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
  const seeded = seedNotices();
  for (const n of seeded) {
    if (existing.some((e) => e.title === n.title)) continue;
    notices.push(await must<NoticeView>(invoke, 'publishNotice', { title: n.title, body: n.body }, admin));
    published += 1;
  }

  const subscribed = await subscribeAll(invoke, templates, CITIZENS, SUBSCRIBE_KEYS);

  const campaigns = await must<CampaignView[]>(invoke, 'campaigns', {}, admin);
  const policy = templates.find((t) => t.key === 'policyNotice');
  if (campaigns.length === 0 && policy) {
    const notice = notices.find((n) => n.title === seeded[0].title);
    await must(invoke, 'createCampaign', {
      templateId: policy.templateId,
      data: { thing1: seeded[0].campaign, thing2: '示例市政务服务中心', time3: new Date().toISOString(), thing4: '假期暂停窗口服务，线上可正常办理' },
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
  const notices = (await must<NoticeView[]>(invoke, 'notices', { limit: 50 }, admin)).filter((n) => seedNotices().some((s) => s.title === n.title));
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
