/**
 * One citizen message through the engine, on any channel (in-app, customer-service messages,
 * official account): rate limit, length cap, blank handling, content security, the decision, the
 * conversation record, and a handoff into the same human inbox.
 */
import { faqAnswer, type ConsultEngine, type Decision } from '../../core/consult/engine';
import { isContentFree } from '../../core/consult/content-free';
import { noChoiceReply, parseChoice, pickFrom, type Offered } from '../../core/consult/choice';
import { compact, isBlank } from '../../core/text';
import { stripInvisible } from '../../core/text/hygiene';
import { DomainError } from '../../core/envelope';
import { getDb } from '../shared/cloud';
import { createOnce, transact, txGet } from '../shared/transaction';
import { eventId, OUTBOX_COLLECTION, type AssistantMessageEvent, type CustomerServiceMessage } from '../../core/events/outbox';
import { C, engineNow } from './repo';
import { checkContent, type Verdict } from './security';
import { sealPersonalText } from './personal';
import { decide } from './assistant';
import { withMatterFacts } from './matter-facts';
import { withRelatedMatters } from './related-matters';
import { handoffContext } from './handoff-context';
import { rateOfferAfter } from './rate-offer';
import type { RateOffer } from '../../core/api';

export const MAX_CHARS = 2000;
/** Past this, a message is refused before any work on it (what is scanned at all stays bounded). */
export const MAX_RAW_CHARS = 20000;
export const TOO_LONG_REPLY = `问题太长了，请控制在 ${MAX_CHARS} 字以内`;
export const RATE_PER_MINUTE = 20;

export type Channel = 'app' | 'kf' | 'oa';

export interface ConsultMessage {
  _id: string;
  conversationId: string;
  openid: string;
  role: 'citizen' | 'bot' | 'staff';
  text: string;
  at: string;
  channel: Channel;
  /** Bot replies: the decision. */
  type?: Decision['type'];
  answer?: Decision['answer'];
  suggestions?: Decision['suggestions'];
  reason?: string;
  confidence?: number;
  /** Citizen messages the content check wants a person to review. */
  flagged?: boolean;
  /** Citizen messages with an ID or phone number: `text` is masked, this is the sealed original. */
  sealed?: string;
  questionId?: string;
  staffName?: string;
  /** Bot handoffs after a complaint: the caller's case open for rating (好差评). */
  rateOffer?: RateOffer;
  /** Citizen messages that picked a listed question by its number (回复序号): the entry picked. */
  picked?: Offered;
  /** Bot replies that no FAQ answered: catalogue matters that fit the message (相关办事指南). */
  matters?: Decision['matters'];
}

export interface AskOutcome {
  decision: Decision;
  conversationId: string;
  messageId: string;
  questionId?: string;
  flagged: boolean;
  rateOffer?: RateOffer;
  /** Nothing was stored (no messageId): what to tell the citizen instead (a number that picks nothing). */
  notice?: string;
}

const rid = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export const BLANK_REPLY = '请输入您想咨询的问题，例如“社保卡丢了怎么补办”。';
export const HANDOFF_REPLY = '这个问题我暂时无法准确回答，已转给工作人员，工作时间内会尽快在这里回复您。';
/** When the citizen asked for a person (转人工), the bot did not fail: it only hands over. */
export const HUMAN_HANDOFF_REPLY = '好的，已转给工作人员，工作时间内会尽快在这里回复您。';
/** A complaint or a dispute: a person will look into it, not an FAQ. */
export const COMPLAINT_HANDOFF_REPLY = '您反映的情况已转给工作人员，工作时间内会尽快在这里回复您。';

/** Not a government matter (天气, 股票): no person is asked either; how to reach one if really needed. */
export const OFF_TOPIC_REPLY = '这个问题不属于政务服务范围，我无法回答。如需办理或咨询政务事项，请直接说出您要办的事；确实需要工作人员帮助，请回复“人工”。';
/** Only a greeting or 我想问个事: what about is still to come. */
export const CONTENT_FREE_REPLY = '请问您想办理或咨询什么事？可以直接说，例如“社保卡丢了怎么补办”。';

/**
 * Whether a decision hands the message to a person (an inbox item, on 客服消息 a transfer). An
 * off-topic message is declined instead: no agent can answer the weather either.
 */
export function reachesPerson(d: Pick<Decision, 'type' | 'reason'>): boolean {
  return d.type === 'handoff' && d.reason !== 'off-topic';
}

/** What the bot says for a decision: the answer, the hand-over notice, or the suggestions prompt. */
export function botReplyText(d: Pick<Decision, 'type' | 'reason' | 'answer'>): string {
  if (d.answer) return d.answer.content;
  if (d.type !== 'handoff') return '您是不是想问：';
  if (d.reason === 'off-topic') return OFF_TOPIC_REPLY;
  if (d.reason === 'human') return HUMAN_HANDOFF_REPLY;
  // Something the citizen reports (a complaint, a dispute, a problem with their own case, 被冒用…):
  // "what you reported", not "I could not answer", which reads as if the bot did not understand.
  return REPORTED.has(d.reason) ? COMPLAINT_HANDOFF_REPLY : HANDOFF_REPLY;
}
const REPORTED = new Set(['complaint', 'dispute', 'own-case', 'intent']);
export const RISKY_REPLY = '您的消息包含不适宜发布的内容，未能发送。请修改后重新描述您的问题。';

async function rateLimit(openid: string, now: Date) {
  const db = getDb();
  const _ = db.command;
  const minute = Math.floor(now.getTime() / 60000);
  const id = `${openid}:${minute}`;
  const bumped = await db.collection(C.rate).where({ _id: _.eq(id), count: _.lt(RATE_PER_MINUTE) }).update({ data: { count: _.inc(1) } });
  if (bumped.stats.updated === 1) return;
  try {
    await db.collection(C.rate).add({ data: { _id: id, openid, count: 1, minute, at: now.toISOString() } });
  } catch {
    // Exists and is at the limit (or a concurrent first write won): count again conditionally.
    const again = await db.collection(C.rate).where({ _id: _.eq(id), count: _.lt(RATE_PER_MINUTE) }).update({ data: { count: _.inc(1) } });
    if (again.stats.updated === 0) throw new DomainError('RATE_LIMITED', `提问太频繁了，请稍等一分钟再试（每分钟最多 ${RATE_PER_MINUTE} 条）`);
  }
}

/**
 * `handoff`: the citizen tapped 转人工 — the text (their question) goes to the inbox without an
 * automatic answer.
 */
export interface CitizenMessageInput {
  openid: string;
  text: string;
  conversationId?: string;
  channel: Channel;
  now?: Date;
  handoff?: boolean;
  /**
   * A platform channel that answers by message (客服消息): the messages for the decision, committed
   * as an outbox event with the conversation and sent by the push dispatcher; the caller waits up
   * to `awaitKickMs` for them to leave.
   */
  answerBy?: { messages: (d: Decision) => CustomerServiceMessage[]; awaitKickMs: number };
}

export async function handleCitizenMessage(input: CitizenMessageInput): Promise<AskOutcome> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  if (input.text.length > MAX_RAW_CHARS) throw new DomainError('INVALID_INPUT', TOO_LONG_REPLY);
  // Invisible and direction-changing characters are dropped, not refused: the question still gets an answer.
  const text = stripInvisible(input.text);
  if (text.length > MAX_CHARS) throw new DomainError('INVALID_INPUT', TOO_LONG_REPLY);
  await rateLimit(input.openid, now);
  if (isBlank(text)) {
    const decision: Decision = { type: 'handoff', reason: 'blank', confidence: 0, margin: 0, candidates: [] };
    // Nothing worth storing or showing to staff: answer with a prompt only.
    return promptOnly({ ...decision, type: 'suggestions', suggestions: [] }, input.conversationId, BLANK_REPLY);
  }
  const verdict: Verdict = await checkContent(input.openid, text);
  if (verdict === 'risky') throw new DomainError('CONTENT_RISKY', RISKY_REPLY);
  const conversationId = input.conversationId ?? (input.channel === 'app' ? rid('cv') : `${input.channel}:${input.openid}`);
  const { engine, kb } = await engineNow();
  const caller = { openid: input.openid, channel: input.channel };
  // 回复序号: a bare number picks from the bot's last list in this conversation (one more read, only for such a message).
  const choice = input.handoff ? null : parseChoice(text);
  const pick = choice === null ? null : pickFrom(await lastBotMessage(conversationId, input.openid), choice, now);
  if (choice !== null && !pick) {
    // Nothing to pick: a prompt only, as for a blank message (nothing stored, no inbox item).
    const decision: Decision = { type: 'suggestions', reason: 'no-choice', confidence: 0, margin: 0, candidates: [], suggestions: [] };
    return promptOnly(decision, input.conversationId, noChoiceReply(choice));
  }
  // What was asked: a picked number stands for the question it picked.
  const question = pick ? pick.picked.question : text;
  const decision: Decision = input.handoff
    ? { type: 'handoff', reason: 'human', confidence: 0, margin: 0, candidates: [] }
    : await withRelatedMatters(await withMatterFacts(pick ? await pickedDecision(engine, pick, caller, now) : await decide(engine, text, caller, now), kb, question), question);
  // 你好，我想问个事: nothing to answer or hand over yet (a greeting the base answers stays answered).
  // A prompt only, as for a blank message: nothing stored, no inbox item.
  if (!input.handoff && !pick && decision.type !== 'answer' && decision.reason !== 'human' && isContentFree(text)) {
    return promptOnly({ ...decision, type: 'suggestions', reason: 'content-free', suggestions: [], matters: undefined }, input.conversationId, CONTENT_FREE_REPLY);
  }
  const flagged = verdict === 'review';
  // Only the masked text is stored in the clear (and so reaches the inbox, stats and pushes).
  const stored = sealPersonalText(text);
  const sealed = stored.sealed ? { sealed: stored.sealed } : {};
  // What was asked: the picked question stands for the number (in the inbox, the stats, feedback).
  const asked = pick ? pick.picked.question : stored.text;
  const citizenId = rid('m');
  const questionId = reachesPerson(decision) ? rid('q') : undefined;
  const botId = rid('m');
  const botText = botReplyText(decision);
  // Read before the transaction (the conversation so far, the citizen's own records): a snapshot
  // for the agent, not part of what must commit together.
  const context = questionId ? await handoffContext(input.openid, conversationId, questionId, asked) : undefined;
  const rateOffer = await rateOfferAfter(decision, input.openid, input.channel, pick ? asked : text, at);
  // The conversation, the citizen's message, the inbox entry and the bot's answer: all or nothing.
  await transact(async (t) => {
    const conversation = await txGet<{ openid: string }>(t, C.conversations, conversationId);
    if (input.conversationId && conversation?.openid !== input.openid) throw new DomainError('NOT_FOUND', '没有找到这段对话');
    const state = { updatedAt: at, ...(questionId ? { status: 'waiting' } : {}) };
    if (conversation) await t.collection(C.conversations).doc(conversationId).update({ data: state });
    else await t.collection(C.conversations).doc(conversationId).set({ data: { openid: input.openid, channel: input.channel, createdAt: at, status: 'bot', ...state } });
    await t.collection(C.messages).doc(citizenId).set({ data: {
      conversationId, openid: input.openid, role: 'citizen', text: stored.text, at, channel: input.channel,
      ...(pick ? { picked: pick.picked } : {}), ...(flagged ? { flagged: true } : {}), ...sealed,
    } });
    if (questionId) {
      await t.collection(C.inbox).doc(questionId).set({ data: {
        conversationId, openid: input.openid, question: asked, key: compact(asked).slice(0, 200), status: 'open', at, channel: input.channel, reason: decision.reason,
        ...(context ? { context } : {}),
        ...(flagged ? { flagged: true } : {}), ...sealed,
      } });
    }
    await t.collection(C.messages).doc(botId).set({ data: {
      conversationId, openid: input.openid, role: 'bot', text: botText, at, channel: input.channel, type: decision.type,
      question: asked, key: compact(asked).slice(0, 200), reason: decision.reason, confidence: Math.round(decision.confidence * 1000) / 1000,
      ...(decision.answer ? { answer: decision.answer } : {}), ...(decision.suggestions ? { suggestions: decision.suggestions } : {}), ...(questionId ? { questionId } : {}),
      ...(decision.matters ? { matters: decision.matters } : {}),
      ...(rateOffer ? { rateOffer } : {}), day: shanghaiDay(now),
    } });
    const messages = input.answerBy?.messages(decision) ?? [];
    if (messages.length) await t.collection(OUTBOX_COLLECTION).doc(eventId('assistantMessage', botId, 1)).set({ data: assistantEventBody(input.openid, at, messages) });
  }, { awaitKickMs: input.answerBy?.awaitKickMs });
  return { decision, conversationId, messageId: botId, questionId, flagged, ...(rateOffer ? { rateOffer } : {}) };
}

/** A reply that stores nothing (no message, no inbox item): only a prompt for the citizen. */
function promptOnly(decision: Decision, conversationId: string | undefined, notice: string): AskOutcome {
  return { decision, conversationId: conversationId ?? '', messageId: '', flagged: false, notice };
}

/** The bot's latest message in this conversation, read by the caller's openid only. */
async function lastBotMessage(conversationId: string, openid: string): Promise<ConsultMessage | undefined> {
  const _ = getDb().command;
  const { data } = await getDb().collection<ConsultMessage>(C.messages)
    .where({ conversationId: _.eq(conversationId), openid: _.eq(openid), role: _.eq('bot') }).orderBy('at', 'desc').limit(1).get();
  return data[0];
}

/**
 * The answer to a picked entry, from the knowledge base as it is now, with the rest of the list
 * under it (renumbered, so another number picks again). An entry deleted since is asked as a question.
 */
async function pickedDecision(engine: ConsultEngine, pick: { picked: Offered; rest: Offered[] }, caller: { openid: string; channel: Channel }, now: Date): Promise<Decision> {
  const entry = engine.faq(pick.picked.id);
  if (!entry) return decide(engine, pick.picked.question, caller, now);
  const rest = pick.rest.flatMap((s) => { const f = engine.faq(s.id); return f ? [{ id: f.id, question: f.question }] : []; });
  return { type: 'answer', reason: 'picked', confidence: 1, margin: 1, candidates: [], answer: faqAnswer(entry), ...(rest.length ? { suggestions: rest } : {}) };
}

export function shanghaiDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The outbox document (without `_id`) of the assistant's customer-service messages to `openid`. */
export function assistantEventBody(openid: string, at: string, messages: CustomerServiceMessage[]): Omit<AssistantMessageEvent, '_id'> {
  return { type: 'assistantMessage', openid, at, status: 'pending', page: 'packages/consult/pages/chat/index', messages };
}

/** Dedupe platform deliveries (WeChat retries): true the first time an id is seen. */
export function firstDelivery(id: string, at: string): Promise<boolean> {
  return createOnce(C.processed, id, { at });
}
