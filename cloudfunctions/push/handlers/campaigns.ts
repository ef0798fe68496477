/** Broadcast campaigns: compose (exact count + preview), approve (never one's own), cancel, progress, log. */
import { randomBytes } from 'node:crypto';
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { action } from '../../shared/router';
import { calendarDate } from '../../shared/params';
import { loadCatalogue } from '../../../core/push/catalogue';
import { renderData, renderPreview } from '../../../core/push/fields';
import { REASON_LABELS } from '../../../core/push/errors';
import { byKey, byTemplateId, CATEGORIES, type Template } from '../../../core/push/templates';
import type { Audience, CampaignProgress, CampaignStatus, CampaignView, DeliveryLogRow } from '../../../core/push/api-types';
import { maskOpenid } from '../../../core/mask';
import { APPROVAL_WINDOW_MS, needsSecondPerson, unapprovedSends, type CampaignSends } from '../../../core/push/approval';
import { resolveAudience } from '../audience';
import { C, _, db, envNumber, getAll, getById } from '../repo';
import type { Transaction } from '../../shared/cloud';

const CHUNK = 500;

const audienceSchema: z.ZodType<Audience> = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('templateSubscribers'), templateId: z.string().min(1).max(128) }).strict(),
  z.object({ type: z.literal('categorySubscribers'), category: z.enum(CATEGORIES) }).strict(),
  z.object({ type: z.literal('matterApplicants'), matterId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('hallDayBookers'), hallId: z.string().min(1).max(64), date: calendarDate() }).strict(),
  z.object({ type: z.literal('oaFollowers') }).strict(),
  z.object({ type: z.literal('union'), of: z.array(audienceSchema).min(1).max(8) }).strict(),
]) as never);

const pageSchema = z.string().min(1).max(256).regex(/^[A-Za-z0-9_\-/]+(\?[A-Za-z0-9_\-=&%.]*)?$/, '页面路径格式不正确');
const composeShape = {
  templateId: z.string().min(1).max(128),
  data: z.record(z.string().min(1).max(40), z.string().max(500)),
  page: pageSchema,
  audience: audienceSchema,
};

export function approvalThreshold(): number {
  return envNumber('PUSH_APPROVAL_THRESHOLD', 50);
}

/**
 * Decides approval and stores the campaign as one step per creator. Every create bumps the
 * creator's counter (`push_state`, `approval:<openid>`) in the same transaction as the campaign,
 * so two concurrent creates cannot both count on a 24-h sum the other is changing: the one whose
 * counter moved recomputes.
 */
async function storeDecidingApproval(createdBy: string, recipients: number, store: (t: Transaction, status: CampaignStatus) => Promise<void>): Promise<CampaignStatus> {
  const counterId = `approval:${createdBy}`;
  const versionIn = async (read: () => Promise<{ data: unknown }>) => {
    try {
      return ((await read()).data as { version?: number } | null)?.version ?? 0;
    } catch {
      return 0; // no counter yet (a missing document rejects)
    }
  };
  for (let attempt = 0; attempt < 8; attempt++) {
    const seen = await versionIn(() => db().collection(C.state).doc(counterId).get());
    const status: CampaignStatus = (await needsApproval(createdBy, recipients)) ? 'pendingApproval' : 'scheduled';
    const stored = await db().runTransaction(async (t) => {
      if ((await versionIn(() => t.collection(C.state).doc(counterId).get())) !== seen) return false;
      await t.collection(C.state).doc(counterId).set({ data: { version: seen + 1, updatedAt: new Date().toISOString() } });
      await store(t, status);
      return true;
    });
    if (stored) return status;
  }
  throw new DomainError('CONFLICT', '同时创建的推送较多，请稍后重试');
}

/** Whether `recipients` more, on top of the creator's sends over the last 24 h, need a second person. */
async function needsApproval(createdBy: string, recipients: number): Promise<boolean> {
  const now = Date.now();
  const recent = await getAll<CampaignSends>(C.campaigns, {
    createdBy: _().eq(createdBy), createdAt: _().gt(new Date(now - APPROVAL_WINDOW_MS).toISOString()),
  });
  return needsSecondPerson(unapprovedSends(recent, now), recipients, approvalThreshold());
}

/** The template a campaign uses; refused up front while its id is still the preview's fake one. */
function templateOf(idOrKey: string): Template {
  const cat = loadCatalogue(process.env);
  const t = byTemplateId(cat, idOrKey) ?? byKey(cat, idOrKey);
  if (!t) throw new DomainError('INVALID_INPUT', '模板不存在，请从模板目录中选择');
  if (!t.idConfigured) {
    throw new DomainError('INTERNAL', `模板「${t.title}」尚未配置正式模板 ID（push 云函数环境变量 PUSH_TEMPLATE_IDS），为免使用预览的假模板 ID，暂不能群发。请管理员配置后重试`);
  }
  return t;
}

function render(t: Template, data: Record<string, string>) {
  for (const k of Object.keys(data)) {
    if (!t.fields.some((f) => f.key === k)) throw new DomainError('INVALID_INPUT', `模板「${t.title}」没有字段 ${k}`);
  }
  const r = renderData(t, data);
  if (!r.ok) throw new DomainError('INVALID_INPUT', `消息内容不符合微信规则：${r.reason}`);
  return r.data;
}

interface CampaignDoc extends Omit<CampaignView, 'id' | 'preview' | 'needsApproval'> {
  _id: string;
  category: string;
  rendered: Record<string, { value: string }>;
  sendAtMs: number;
  deadlineMs: number;
  chunks: number;
  reasons?: string[];
  needsApproval: boolean;
}

function view(c: CampaignDoc): CampaignView {
  const t = byKey(loadCatalogue(process.env), c.templateKey);
  return {
    id: c._id, status: c.status, title: c.title, templateKey: c.templateKey, templateId: c.templateId, data: c.data,
    preview: t ? renderPreview(t, c.rendered) : { title: c.title, lines: [] }, page: c.page, audience: c.audience, priority: c.priority,
    recipients: c.recipients, sendAt: c.sendAt, createdBy: maskOpenid(c.createdBy), createdAt: c.createdAt,
    ...(c.approvedBy ? { approvedBy: maskOpenid(c.approvedBy) } : {}), ...(c.cancelledBy ? { cancelledBy: maskOpenid(c.cancelledBy) } : {}),
    ...(c.noticeId ? { noticeId: c.noticeId } : {}), needsApproval: c.needsApproval,
  };
}

export const previewCampaign = action({
  permission: 'push:campaign',
  params: z.object(composeShape).strict(),
  handler: async (p, { actor }) => {
    const t = templateOf(p.templateId);
    const rendered = render(t, p.data);
    const recipients = (await resolveAudience(p.audience, t)).length;
    return { recipients, needsApproval: await needsApproval(actor.openid, recipients), preview: renderPreview(t, rendered) };
  },
});

export const createCampaign = action({
  permission: 'push:campaign',
  params: z.object({
    ...composeShape,
    sendAt: z.string().datetime({ offset: true, message: '发送时间格式不正确' }).optional(),
    priority: z.enum(['normal', 'emergency']).optional(),
    noticeId: z.string().min(1).max(64).optional(),
  }).strict(),
  handler: async (p, { actor }) => {
    const t = templateOf(p.templateId);
    const rendered = render(t, p.data);
    if (p.noticeId && !(await getById(C.notices, p.noticeId))) throw new DomainError('NOT_FOUND', '关联的通知公告不存在');
    const now = Date.now();
    const sendAtMs = p.sendAt ? new Date(p.sendAt).getTime() : now;
    if (sendAtMs < now - 60_000) throw new DomainError('INVALID_INPUT', '发送时间不能早于现在');
    const recipients = await resolveAudience(p.audience, t);
    if (!recipients.length) throw new DomainError('INVALID_INPUT', '所选范围内没有可以接收该模板消息的用户');
    const id = `cmp${now.toString(36)}${randomBytes(3).toString('hex')}`;
    // Recipient snapshot first, campaign last: a campaign never exists without its full audience.
    const chunks = Math.ceil(recipients.length / CHUNK);
    for (let n = 0; n < chunks; n++) {
      await db().collection(C.chunks).doc(`${id}:${n}`).set({ data: { campaignId: id, n, recipients: recipients.slice(n * CHUNK, (n + 1) * CHUNK), expanded: false } });
    }
    const status = await storeDecidingApproval(actor.openid, recipients.length, async (tx, decided) => {
      const doc: Omit<CampaignDoc, '_id'> = {
        status: decided, title: t.title, templateKey: t.key, templateId: t.templateId, category: t.category, data: p.data, rendered,
        page: p.page, audience: p.audience, priority: p.priority ?? 'normal', recipients: recipients.length,
        sendAt: new Date(sendAtMs).toISOString(), sendAtMs, deadlineMs: sendAtMs + envNumber('PUSH_CAMPAIGN_DEADLINE_MS', 24 * 3600_000),
        createdBy: actor.openid, createdAt: new Date(now).toISOString(), chunks, needsApproval: decided === 'pendingApproval', ...(p.noticeId ? { noticeId: p.noticeId } : {}),
      };
      await tx.collection(C.campaigns).doc(id).set({ data: doc });
    });
    return { id, status, recipients: recipients.length };
  },
});

const byId = z.object({ id: z.string().min(1).max(64) }).strict();
const loadCampaign = async ({ id }: { id: string }) => {
  const c = await getById<CampaignDoc>(C.campaigns, id);
  return c ? { resource: { createdBy: c.createdBy }, entity: c } : null;
};

export const approveCampaign = action({
  permission: 'push:approve',
  params: byId,
  notFound: '推送任务不存在',
  authorize: loadCampaign,
  handler: async ({ id }, { actor, entity }) => {
    if (entity.status !== 'pendingApproval') throw new DomainError('CONFLICT', '该推送任务不在待审批状态');
    const r = await db().collection(C.campaigns).where({ _id: _().eq(id), status: 'pendingApproval' })
      .update({ data: { status: 'scheduled', approvedBy: actor.openid, approvedAt: new Date().toISOString() } });
    if (!r.stats.updated) throw new DomainError('CONFLICT', '该推送任务已被处理');
    return view((await getById<CampaignDoc>(C.campaigns, id))!);
  },
});

export const cancelCampaign = action({
  permission: 'push:campaign',
  params: byId,
  notFound: '推送任务不存在',
  authorize: loadCampaign,
  handler: async ({ id }, { actor }) => {
    const r = await db().collection(C.campaigns).where({ _id: _().eq(id), status: _().in(['pendingApproval', 'scheduled', 'sending']) })
      .update({ data: { status: 'cancelled', cancelledBy: actor.openid, cancelledAt: new Date().toISOString() } });
    if (!r.stats.updated) throw new DomainError('CONFLICT', '该推送任务已结束，无法取消');
    // Queued messages are skipped by the dispatcher (it checks the campaign's status before each claim).
    await db().collection(C.deliveries).where({ campaignId: _().eq(id), status: 'queued' })
      .update({ data: { status: 'skipped', reason: 'cancelled', updatedAt: Date.now() } });
    return view((await getById<CampaignDoc>(C.campaigns, id))!);
  },
});

export const campaign = action({
  permission: 'push:campaign',
  params: byId,
  notFound: '推送任务不存在',
  authorize: loadCampaign,
  handler: async ({ id }, { entity }): Promise<CampaignProgress> => {
    const count = async (where: Record<string, unknown>) => (await db().collection(C.deliveries).where({ campaignId: _().eq(id), ...where }).count()).total;
    const [sent, failed, skipped, unknown, created] = await Promise.all([
      count({ status: 'sent' }), count({ status: 'failed' }), count({ status: 'skipped' }), count({ status: 'unknown' }), count({}),
    ]);
    const opened = (await db().collection(C.opens).where({ campaignId: _().eq(id) }).count()).total;
    // Not yet expanded recipients are queued too: recipients − created.
    const queued = entity.status === 'cancelled' ? created - sent - failed - skipped - unknown
      : entity.recipients - sent - failed - skipped - unknown;
    const failures: Record<string, number> = {};
    for (const reason of entity.reasons ?? []) {
      const n = await count({ status: 'failed', reason });
      if (n) failures[reason] = n;
    }
    const skippedNoQuota = await count({ status: 'skipped', reason: 'no-quota' });
    if (skippedNoQuota) failures['no-quota'] = skippedNoQuota;
    const labels: Record<string, string> = {};
    for (const k of Object.keys(failures)) labels[k] = REASON_LABELS[k] ?? k;
    return { ...view(entity), counts: { queued: Math.max(0, queued), sent, failed, skipped, unknown, opened }, failures, reasonLabels: labels };
  },
});

export const campaigns = action({
  permission: 'push:campaign',
  params: z.object({ status: z.enum(['pendingApproval', 'scheduled', 'sending', 'done', 'cancelled']).optional() }).strict(),
  handler: async ({ status }) => {
    const where = status ? { status: _().eq(status) } : {};
    const { data } = await db().collection(C.campaigns).where(where).orderBy('createdAt', 'desc').limit(50).get();
    return (data as CampaignDoc[]).map(view);
  },
});

export const campaignLog = action({
  permission: 'push:campaign',
  params: z.object({ id: z.string().min(1).max(64), reason: z.string().min(1).max(40).optional(), status: z.enum(['queued', 'sent', 'failed', 'skipped', 'unknown']).optional(), page: z.number().int().min(1).max(1000).optional() }).strict(),
  handler: async ({ id, reason, status, page = 1 }) => {
    const where: Record<string, unknown> = { campaignId: _().eq(id) };
    if (reason) where.reason = _().eq(reason);
    if (status) where.status = _().eq(status);
    const q = db().collection(C.deliveries).where(where);
    const total = (await q.count()).total;
    const { data } = await db().collection(C.deliveries).where(where).orderBy('_id', 'asc').skip((page - 1) * 50).limit(50).get();
    const items: DeliveryLogRow[] = data.map((d) => ({
      id: String(d._id), openid: maskOpenid(d.openid), channel: d.channel, status: d.status, ...(d.reason ? { reason: d.reason } : {}),
      ...(typeof d.errcode === 'number' ? { errcode: d.errcode } : {}), attempts: d.attempts ?? 0, ...(d.sentAt ? { sentAt: d.sentAt } : {}),
      updatedAt: new Date(d.updatedAt).toISOString(),
    }));
    return { items, total };
  },
});
