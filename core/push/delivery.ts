/**
 * One message's life in the dispatcher, as pure decisions (no database, no clock of its own):
 * the record, whether it may leave, and what an outcome or a dead dispatcher's lease turns it
 * into. `cloudfunctions/push/deliver.ts` applies these decisions with conditional writes.
 *
 *   queued → inflight (the request may leave) → sent | failed | skipped | queued (retry) | unknown
 *
 * Channels: `mp` 小程序订阅消息, `oa` 服务号 template / 订阅通知, and the two customer-service
 * channels that carry an agent's typed answer: `cs-mp` (小程序客服消息) and `cs-oa` (服务号客服消息).
 */
import type { ConsultReplyEvent, CustomerServiceMessage, CustomerServiceReplyEvent } from '../events/outbox';
import { eventId } from '../events/outbox';
import { nextRetryAt, type Outcome } from './errors';
import type { Category, TemplateKey } from './templates';

export type DeliveryStatus = 'queued' | 'claimed' | 'inflight' | 'sent' | 'failed' | 'skipped' | 'unknown';
export type DeliveryChannel = 'mp' | 'oa' | 'cs-mp' | 'cs-oa';

export interface Delivery {
  _id: string;
  source: 'campaign' | 'event';
  sourceId: string;
  campaignId?: string;
  openid: string;
  unionid?: string;
  channel: DeliveryChannel;
  templateKey: TemplateKey;
  templateId: string;
  category: Category;
  /** Template field values (empty for customer-service messages). */
  data: Record<string, { value: string }>;
  /** Customer-service channels: the messages, sent in this order; `sentParts` of them already left. */
  messages?: CustomerServiceMessage[];
  sentParts?: number;
  page: string;
  priority: number;
  status: DeliveryStatus;
  nextAt: number;
  deadline: number;
  attempts: number;
  owner?: string | null;
  leaseUntil?: number;
  reserved?: boolean;
  reason?: string;
  errcode?: number;
  clientMsgId: string;
  firstInflightAt?: number;
  sentAt?: string;
  createdAt: number;
  updatedAt: number;
  /** A customer-service reply WeChat refused (window closed): the subscription message sent instead. */
  fallback?: ConsultReplyEvent;
}

export const PRIORITY = { campaign: 0, event: 50, emergency: 100 } as const;

/** The dispatcher's `_id` for the message an outbox event becomes (one per event and recipient). */
export const eventDeliveryId = (outboxEventId: string, openid: string) => `e:${outboxEventId}:${openid}`;

export const isCustomerService = (channel: DeliveryChannel) => channel === 'cs-mp' || channel === 'cs-oa';

/** Channels that talk to the 服务号's HTTPS API with its access token. */
export const usesOaToken = (channel: DeliveryChannel) => channel === 'oa' || channel === 'cs-oa';

/** The subscription ledger entry a delivery draws on (mini-program templates only). */
export function ledgerDocId(d: Pick<Delivery, 'channel' | 'openid' | 'templateId'>): string | null {
  return d.channel === 'mp' ? `${d.openid}:${d.templateId}` : null;
}

export interface LedgerCredit { kind?: string; quota?: number; long?: boolean }

/** May a message on this ledger entry leave? Long-term: the flag is on; one-time: a credit is left. */
export function hasCredit(entry: LedgerCredit | null | undefined): boolean {
  return !!entry && (entry.kind === 'long' ? !!entry.long : (entry.quota ?? 0) > 0);
}

/** WeChat de-duplicates 服务号 template messages by client_msg_id for 10 minutes: a resend inside 9 is safe. */
function resendIsSafe(d: Delivery, oaTemplateMode: boolean, now: number): boolean {
  return d.channel === 'oa' && oaTemplateMode && d.firstInflightAt !== undefined && now - d.firstInflightAt < 9 * 60_000;
}

/**
 * A lease that expired (its dispatcher died or ran out of time). `claimed`: the request never
 * left, queue it again. `inflight`: it may have reached WeChat, so it is `unknown` (shown to
 * staff, never repeated blindly), except where WeChat de-duplicates the resend.
 */
export function afterExpiredLease(d: Delivery, oaTemplateMode: boolean, now: number): { status: 'queued' | 'unknown'; logged: boolean } {
  if (d.status === 'claimed' || resendIsSafe(d, oaTemplateMode, now)) return { status: 'queued', logged: false };
  return { status: 'unknown', logged: true };
}

export interface OutcomeTiming { now: number; baseMs: number; capMs: number }

/** What a send's outcome turns the delivery into, and what the ledger must learn. */
export type Settlement =
  | { status: 'sent' }
  | { status: 'skipped'; reason: 'no-quota'; clearLedger: boolean }
  | { status: 'failed'; reason: string; refund: boolean; deadlinePassed?: boolean; fallback?: ConsultReplyEvent }
  | { status: 'unknown'; reason: 'timeout' }
  | { status: 'queued'; nextAt: number; reason: string };

/** Customer-service window closed (45015) or its 5-message allowance used (45047). */
const CS_WINDOW_CLOSED = new Set([45015, 45047]);

export function settle(d: Delivery, outcome: Outcome, errcode: number | undefined, oaTemplateMode: boolean, timing: OutcomeTiming): Settlement {
  const attempts = (d.attempts ?? 0) + 1;
  const refund = ledgerDocId(d) !== null;
  switch (outcome.kind) {
    case 'sent':
      return { status: 'sent' };
    case 'noQuota':
      return { status: 'skipped', reason: 'no-quota', clearLedger: refund };
    case 'permanent':
    case 'token': {
      const windowClosed = isCustomerService(d.channel) && errcode !== undefined && CS_WINDOW_CLOSED.has(errcode);
      return { status: 'failed', reason: outcome.reason, refund, ...(windowClosed && d.fallback ? { fallback: d.fallback } : {}) };
    }
    case 'retry': {
      if (outcome.reason === 'timeout' && !(d.channel === 'oa' && oaTemplateMode)) {
        // The request left and no answer came: WeChat may have delivered it. Not repeated blindly.
        return { status: 'unknown', reason: 'timeout' };
      }
      const at = nextRetryAt(timing.now, attempts, d.deadline, { baseMs: timing.baseMs, capMs: timing.capMs }, outcome.minDelayMs);
      if (at === null) return { status: 'failed', reason: outcome.reason, refund, deadlinePassed: true };
      return { status: 'queued', nextAt: at, reason: outcome.reason };
    }
  }
}

/**
 * The subscription message that replaces a 小程序客服消息 answer WeChat no longer accepts: the
 * citizen still learns that the answer is waiting in 咨询. (The 服务号 has no such fallback.)
 */
export function customerServiceFallback(e: CustomerServiceReplyEvent): ConsultReplyEvent | undefined {
  if (e.channel !== 'kf') return undefined;
  return {
    _id: eventId('consultReply', e.questionId, 'cs-fallback'), type: 'consultReply', openid: e.openid, at: e.at, status: 'pending', page: e.page,
    conversationId: e.conversationId, questionId: e.questionId, question: e.question, reply: e.reply,
  };
}
