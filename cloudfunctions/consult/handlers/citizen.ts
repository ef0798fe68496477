/** Citizen actions: ask, history, feedback. */
import { z } from '../../../core/zod-zh';
import type { ConsultAskResult, ConsultChatMessage } from '../../../core/api';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { C } from '../repo';
import { BLANK_REPLY, botReplyText, handleCitizenMessage, type ConsultMessage } from '../conversation';
import { rememberUnionid } from '../links';

const idParam = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9:_-]+$/, '编号格式不正确');

export const ask = action({
  permission: 'signed-in',
  // Length is refused in handleCitizenMessage, one message whatever the excess (as on 客服消息 / 服务号).
  params: z.object({ text: z.string(), conversationId: idParam.optional(), handoff: z.boolean().optional() }).strict(),
  handler: async (p, { actor, now }): Promise<ConsultAskResult> => {
    await rememberUnionid(actor.openid);
    const out = await handleCitizenMessage({ openid: actor.openid, text: p.text, conversationId: p.conversationId, channel: 'app', handoff: p.handoff, now: now() });
    const d = out.decision;
    if (!out.messageId) return { type: 'suggestions', suggestions: [], conversationId: out.conversationId, message: out.notice ?? BLANK_REPLY };
    return {
      type: d.type,
      ...(d.answer ? { answer: d.answer } : {}),
      ...(d.suggestions ? { suggestions: d.suggestions } : {}),
      conversationId: out.conversationId,
      messageId: out.messageId,
      message: botReplyText(d),
      ...(out.questionId ? { questionId: out.questionId } : {}),
      ...(out.flagged ? { flagged: true } : {}),
      ...(out.rateOffer ? { rateOffer: out.rateOffer } : {}),
      ...(d.matters ? { matters: d.matters } : {}),
    };
  },
});

export const history = action({
  permission: 'signed-in',
  params: z.object({ conversationId: idParam.optional() }).strict(),
  handler: async (p, { actor }) => {
    // Opening 智能咨询 (the first load, not the page's polls) links this user to their 服务号
    // follower (same UNIONID) for the assistant there.
    if (!p.conversationId) await rememberUnionid(actor.openid);
    const db = getDb();
    const _ = db.command;
    let conversationId = p.conversationId ?? null;
    if (!conversationId) {
      const { data } = await db.collection(C.conversations).where({ openid: _.eq(actor.openid), channel: 'app' }).orderBy('updatedAt', 'desc').limit(1).get();
      conversationId = (data[0]?._id as string | undefined) ?? null;
    }
    if (!conversationId) return { conversationId: null, messages: [] };
    const { data } = await db.collection<ConsultMessage>(C.messages).where({ conversationId: _.eq(conversationId), openid: _.eq(actor.openid) }).orderBy('at', 'asc').limit(100).get();
    if (!data.length && p.conversationId) {
      const own = await db.collection(C.conversations).where({ _id: _.eq(conversationId), openid: _.eq(actor.openid) }).limit(1).get();
      if (!own.data.length) return { conversationId: null, messages: [] };
    }
    const ids = data.filter((m) => m.role === 'bot').map((m) => m._id);
    const fb = ids.length ? (await db.collection(C.feedback).where({ _id: _.in(ids.slice(0, 100)) }).limit(100).get()).data : [];
    const helpful = new Map(fb.map((f) => [f._id as string, f.helpful as boolean]));
    // Same-millisecond messages: the citizen's line comes before the bot's reply.
    const order = { citizen: 0, bot: 1, staff: 2 } as const;
    const messages: ConsultChatMessage[] = [...data].sort((a, b) => a.at.localeCompare(b.at) || order[a.role] - order[b.role]).map((m) => ({
      id: m._id, role: m.role, text: m.text, at: m.at,
      ...(m.type ? { type: m.type } : {}), ...(m.answer ? { answer: m.answer } : {}), ...(m.suggestions ? { suggestions: m.suggestions } : {}),
      ...(m.staffName ? { staffName: m.staffName } : {}), ...(m.rateOffer ? { rateOffer: m.rateOffer } : {}), ...(helpful.has(m._id) ? { helpful: helpful.get(m._id) } : {}),
      ...(m.picked ? { picked: { id: m.picked.id, question: m.picked.question } } : {}),
      ...(m.matters ? { matters: m.matters } : {}),
    }));
    return { conversationId, messages };
  },
});

export const feedback = action({
  permission: 'citizen:own',
  params: z.object({ messageId: idParam, helpful: z.boolean() }).strict(),
  notFound: '没有找到这条回答',
  authorize: async (p) => {
    const _ = getDb().command;
    const { data } = await getDb().collection<ConsultMessage>(C.messages).where({ _id: _.eq(p.messageId), role: 'bot' }).limit(1).get();
    const m = data[0];
    return m ? { resource: { ownerOpenid: m.openid }, entity: m } : null;
  },
  handler: async (p, { actor, entity }) => {
    const at = new Date().toISOString();
    await getDb().collection(C.feedback).doc(p.messageId).set({ data: {
      openid: actor.openid, helpful: p.helpful, at, conversationId: entity.conversationId,
      question: (entity as unknown as { question?: string }).question ?? '', key: (entity as unknown as { key?: string }).key ?? '', answerId: entity.answer?.id ?? null,
    } });
    return { messageId: p.messageId, helpful: p.helpful };
  },
});
