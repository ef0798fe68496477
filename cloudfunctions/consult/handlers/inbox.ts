/** The human inbox: escalated questions, staff replies (chat + outbox push), the learning loop, stats. */
import { z } from '../../../core/zod-zh';
import { maskOpenid } from '../../../core/mask';
import { maskPersonalNumbers } from '../../../core/consult/personal-numbers';
import { DomainError } from '../../../core/envelope';
import { eventId, OUTBOX_COLLECTION, type ConsultReplyEvent, type CustomerServiceReplyEvent } from '../../../core/events/outbox';
import { eventDeliveryId } from '../../../core/push/delivery';
import { replyDeliveryWarning, type ReplyDeliveryState } from '../../../core/consult/reply-delivery';
import type { ConsultStats, InboxItem } from '../../../core/api';
import { answerQuestion, learnFromQuestion, markLearned, replyText, type InboxDoc } from '../../../core/consult/inbox';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { fetchAll } from '../../shared/paging';
import { C, commitVersion, currentKb, PUSH_DELIVERIES } from '../repo';
import { pii } from '../personal';
import { checkContent } from '../security';
import { handoffFields } from '../handoff-context';
import { RISKY_REPLY, shanghaiDay } from '../conversation';
import { nullableDocDb, transact, txGet } from '../../shared/transaction';

const toItem = (d: InboxDoc): InboxItem => ({
  id: d._id, conversationId: d.conversationId, maskedOpenid: maskOpenid(d.openid), question: d.question, status: d.status, at: d.at, channel: d.channel,
  ...(d.flagged ? { flagged: true } : {}), ...(d.sealed ? { personal: true } : {}), ...(d.reply ? { reply: d.reply } : {}), ...(d.answeredByName ? { answeredByName: d.answeredByName } : {}),
  ...(d.answeredAt ? { answeredAt: d.answeredAt } : {}), ...(d.learnedAs ? { learnedAs: d.learnedAs } : {}),
  ...handoffFields(d),
});

const qid = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9:_-]+$/, '编号格式不正确');

async function loadQuestion(id: string): Promise<InboxDoc | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection<InboxDoc>(C.inbox).where({ _id: _.eq(id) }).limit(1).get();
  return data[0] ?? null;
}

export const inbox = action({
  permission: 'consult:answer',
  params: z.object({ status: z.enum(['open', 'answered']).optional() }).strict(),
  handler: async (p) => {
    const _ = getDb().command;
    const { data } = await getDb().collection<InboxDoc>(C.inbox).where({ status: _.eq(p.status ?? 'open') }).orderBy('at', p.status === 'answered' ? 'desc' : 'asc').limit(100).get();
    return data.map(toItem);
  },
});

export const reply = action({
  permission: 'consult:answer',
  // Blank-after-cleaning and length are refused by replyText() in the handler, naming 答复内容.
  params: z.object({ questionId: qid, text: z.string() }).strict(),
  notFound: '没有找到该提问',
  authorize: async (p) => {
    const q = await loadQuestion(p.questionId);
    return q ? { resource: {}, entity: q } : null;
  },
  handler: async (p, { actor, entity, remainingMs }) => {
    const text = replyText(p.text);
    // Answered already: refuse before the content check (a WeChat call with its own quota).
    if (entity.status !== 'open') throw new DomainError('CONFLICT', '该提问已有人答复');
    const verdict = await checkContent(actor.openid, text);
    if (verdict === 'risky') throw new DomainError('CONTENT_RISKY', RISKY_REPLY);
    const at = new Date().toISOString();
    const staffName = actor.name ?? '工作人员';
    const messageId = `mr-${entity._id}`;
    const event = replyEvent(entity, text, at);
    // The answer, the chat message, the conversation's state and the outbox event land together or
    // not at all; a second reply to the same question is refused (exactly once). The push
    // dispatcher sends the event (a customer-service message for 客服消息 / 服务号, a subscription
    // message in the app), kicked right after the commit; the timer sweep covers a lost kick.
    await transact(async (t) => {
      const cur = await txGet<InboxDoc>(t, C.inbox, entity._id);
      if (!cur) throw new DomainError('CONFLICT', '该提问已有人答复');
      await t.collection(C.inbox).doc(entity._id).set({ data: stripId(answerQuestion(cur, text, { openid: actor.openid, name: staffName }, at)) });
      await t.collection(C.messages).doc(messageId).set({ data: { conversationId: entity.conversationId, openid: entity.openid, role: 'staff', text, at, channel: entity.channel, staffName, questionId: entity._id } });
      await t.collection(C.conversations).doc(entity.conversationId).update({ data: { status: 'answered', updatedAt: at } });
      await t.collection(OUTBOX_COLLECTION).doc(event._id).set({ data: stripId(event) });
    }, { awaitKickMs: entity.channel === 'app' ? 0 : Math.max(0, Math.min(KICK_WAIT_MS, remainingMs() - 1500)) });
    const item = toItem({ ...entity, status: 'answered', reply: text, answeredBy: actor.openid, answeredByName: staffName, answeredAt: at });
    if (entity.channel === 'app') return item;
    // The kick has run: tell the agent now if WeChat refused the customer-service message.
    const delivery = await nullableDocDb().collection<ReplyDeliveryState>(PUSH_DELIVERIES).doc(eventDeliveryId(event._id, entity.openid)).get();
    const warning = replyDeliveryWarning(entity.channel, delivery.data ?? null);
    return warning ? { ...item, warning } : item;
  },
});

export const revealQuestion = action({
  permission: 'consult:reveal',
  params: z.object({ questionId: qid }).strict(),
  notFound: '没有找到该提问',
  authorize: async (p) => {
    const q = await loadQuestion(p.questionId);
    return q ? { resource: { ownerOpenid: q.openid }, entity: q } : null;
  },
  handler: async (_p, { actor, entity }) => {
    if (!entity.sealed) return { question: entity.question };
    const question = pii().decrypt(entity.sealed);
    // The log is written before the data leaves: no unlogged unmasking.
    await getDb().collection(C.accessLogs).add({ data: {
      openid: actor.openid, questionId: entity._id, conversationId: entity.conversationId, purpose: 'consultReveal', at: new Date().toISOString(),
    } });
    return { question };
  },
});

/** How long an agent waits for WeChat's answer to the customer-service message before the reply returns anyway. */
const KICK_WAIT_MS = 4000;

/** In the app: a subscription message; to 客服消息 / 服务号 askers: a customer-service text. */
function replyEvent(q: InboxDoc, reply: string, at: string): ConsultReplyEvent | CustomerServiceReplyEvent {
  const common = {
    openid: q.openid, at, status: 'pending' as const, page: `packages/consult/pages/chat/index?conversationId=${encodeURIComponent(q.conversationId)}`,
    conversationId: q.conversationId, questionId: q._id, question: q.question.slice(0, 200), reply: maskPersonalNumbers(reply),
  };
  return q.channel === 'app'
    ? { _id: eventId('consultReply', q._id, 1), type: 'consultReply', ...common }
    : { _id: eventId('customerServiceReply', q._id, 1), type: 'customerServiceReply', channel: q.channel, ...common };
}

function stripId<T extends { _id?: string }>(d: T): Omit<T, '_id'> {
  const { _id, ...rest } = d;
  void _id;
  return rest;
}

export const learn = action({
  permission: 'knowledge:manage',
  params: z.discriminatedUnion('mode', [
    z.object({ questionId: qid, mode: z.literal('newFaq'), category: z.string().trim().min(1).max(20), question: z.string().trim().min(1).max(200).optional(), answer: z.string().trim().min(1).max(2000).optional() }).strict(),
    z.object({ questionId: qid, mode: z.literal('similar'), faqId: z.string().trim().min(1).max(80) }).strict(),
  ]),
  notFound: '没有找到该提问',
  authorize: async (p) => {
    const q = await loadQuestion(p.questionId);
    return q ? { resource: {}, entity: q } : null;
  },
  handler: async (p, { actor, entity }) => {
    const { version, kb } = await currentKb();
    // The question read again after the knowledge base: a learn that committed in between wrote both
    // in one transaction, so this sees its mark and says 已加入 (not that the wording is taken).
    const question = (await loadQuestion(p.questionId)) ?? entity;
    const at = new Date().toISOString();
    const { kb: next, faqId } = learnFromQuestion(kb, question, p);
    // The question is marked learned in the version's own transaction, read afresh there: of any
    // learns at once, in either mode (two tabs, an agent and an admin) one commits, the others read
    // the mark on their re-run and are refused; the knowledge base moves once. Every refusal is
    // decided again on that fresh read, not on the copy loaded before the transaction.
    const committed = await commitVersion(version, next, { openid: actor.openid, name: actor.name }, p.mode === 'newFaq' ? `由提问新增问答 ${faqId}` : `为 ${faqId} 增加相似问法`, at, async (t) => {
      const cur = await txGet<InboxDoc>(t, C.inbox, entity._id);
      if (!cur) throw new DomainError('NOT_FOUND', '没有找到该提问');
      learnFromQuestion(kb, cur, p);
      const marked = markLearned(cur, faqId, actor.openid, at);
      await t.collection(C.inbox).doc(entity._id).update({ data: { learnedAs: marked.learnedAs, learnedAt: marked.learnedAt, learnedBy: marked.learnedBy } });
    });
    return { version: committed, faqId };
  },
});

export const stats = action({
  permission: 'consult:answer',
  params: z.object({ days: z.number().int().min(1).max(90).optional() }).strict(),
  handler: async (p): Promise<ConsultStats> => {
    const db = getDb();
    const _ = db.command;
    const days = p.days ?? 14;
    const since = new Date(Date.now() - days * 86400000).toISOString();
    const bots = await fetchAll<{ day: string; type: string; key?: string; question?: string; confidence?: number; reason?: string }>(
      () => db.collection<{ day: string; type: string; key?: string; question?: string; confidence?: number; reason?: string }>(C.messages).where({ role: 'bot', at: _.gte(since) }).orderBy('at', 'asc').field({ day: true, type: true, key: true, question: true, confidence: true, reason: true }), 20000);
    const fb = await fetchAll<{ helpful: boolean; key?: string; question?: string }>(() => db.collection<{ helpful: boolean; key?: string; question?: string }>(C.feedback).where({ helpful: false, at: _.gte(since) }).orderBy('at', 'asc'), 20000);
    const byDay = new Map<string, { total: number; answered: number }>();
    const rank = new Map<string, { question: string; count: number; kinds: Set<'unanswered' | 'unhelpful' | 'lowConfidence'> }>();
    const bump = (key: string | undefined, question: string | undefined, kind: 'unanswered' | 'unhelpful' | 'lowConfidence') => {
      if (!key) return;
      const r = rank.get(key) ?? { question: question ?? key, count: 0, kinds: new Set() };
      r.count++;
      r.kinds.add(kind);
      rank.set(key, r);
    };
    for (const b of bots) {
      if (b.reason === 'blank') continue;
      const d = byDay.get(b.day) ?? { total: 0, answered: 0 };
      d.total++;
      if (b.type === 'answer') d.answered++;
      byDay.set(b.day, d);
      if (b.type === 'handoff' && b.reason !== 'human') bump(b.key, b.question, 'unanswered');
      if (b.type === 'suggestions') bump(b.key, b.question, 'lowConfidence');
    }
    for (const f of fb) bump(f.key, f.question, 'unhelpful');
    const today = shanghaiDay(new Date());
    void today;
    return {
      days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, total: d.total, answered: d.answered, rate: d.total ? Math.round((d.answered / d.total) * 1000) / 1000 : 0 })),
      ranking: [...rank.values()].sort((a, b) => b.count - a.count).slice(0, 50).map((r) => ({ question: r.question, count: r.count, kinds: [...r.kinds] })),
    };
  },
});
