/**
 * A bill's life, pure: who may pay it, which payment attempt is open, whether a provider's answer
 * pays it (and only once), refunds never above what was paid. The `pay` function's writer applies
 * the result in one transaction together with the receipt number and the outbox event.
 *
 *   unpaid ──prepay──▶ paying ──provider SUCCESS──▶ paid ──refund──▶ refunding ──▶ refunded | paid (partial)
 *     │ └─waive──▶ waived      └─attempt expired──▶ unpaid (next prepay opens a new out_trade_no)
 *     │                        └─sheet cancelled, order NOTPAY──▶ unpaid (its order stays open: the next prepay reuses it;
 *     │                          减免 first closes it, 5 minutes after creation at the earliest)
 *     └─case closed──▶ closed
 */
import type { BillStatus, BillView, FeeLine } from './api';
import { eventId, type PaymentEvent } from '../events/outbox';
import { shanghaiDateTime } from '../shanghai-time';

/** An order attempt: one `out_trade_no`, never reused. */
export interface Attempt {
  outTradeNo: string;
  requestId: string;
  createdAt: string;
  expiresAt: string;
  /** Closed at the provider (after its 5-minute minimum). */
  closed?: boolean;
}

export interface RefundEntry {
  outRefundNo: string;
  requestId: string;
  amountFen: number;
  reason: string;
  by: string;
  at: string;
  status: 'processing' | 'succeeded';
}

export interface BillEntry {
  at: string;
  action: 'issue' | 'prepay' | 'paid' | 'waive' | 'refund' | 'refunded' | 'mismatch' | 'close' | 'expire';
  by: string;
  comment?: string;
}

/** What a bill is issued with: its case, and the items from the guide. */
export interface NewBill {
  applicationId: string;
  applicationNo: string;
  openid: string;
  department: string;
  departmentName: string;
  matterId: string;
  matterName: string;
  /** 交款人, already masked (the receipt shows no more). */
  payer: string;
  items: (FeeLine & { standard: string })[];
}

export interface BillDoc extends NewBill {
  _id: string;
  totalFen: number;
  status: BillStatus;
  /** Pay-by instant (ISO). */
  expiresAt: string;
  attempts: Attempt[];
  paid?: { outTradeNo: string; transactionId: string; at: string; totalFen: number };
  refunds: RefundEntry[];
  waiver?: { reason: string; at: string; by: string };
  receiptId?: string;
  /** When the 缴费将到期 reminder was written (once per bill). */
  remindedAt?: string;
  /** Set while an order may be open at the provider or a refund is unconfirmed: the reconcile timer's work list. */
  pending: boolean;
  timeline: BillEntry[];
  version: number;
  createdAt: string;
}

/** Each attempt's order is valid this long (WeChat Pay time_expire). */
export const ATTEMPT_MINUTES = 15;
/** WeChat Pay refuses to close an order younger than this. */
export const CLOSE_AFTER_MINUTES = 5;
/** A bill is payable for this many days after issue. */
export const BILL_DAYS = 7;
/** The 缴费将到期 reminder goes out this long before the deadline. */
export const REMIND_HOURS_BEFORE = 24;

export class BillError extends Error {
  constructor(readonly code: 'CONFLICT' | 'INVALID_INPUT', message: string) {
    super(message);
  }
}

export function openAttempt(bill: BillDoc, now: Date): Attempt | undefined {
  const last = bill.attempts[bill.attempts.length - 1];
  return last && !last.closed && new Date(last.expiresAt) > now ? last : undefined;
}

/** Whether an order of the bill may still be open at the provider (not yet closed there). */
export const hasOpenOrder = (bill: BillDoc): boolean => bill.attempts.some((a) => !a.closed);

/** When an open order stops blocking 减免: closable 5 minutes after creation (if unpaid), lapsed at its expiry. */
export function openOrderWait(attempt: Attempt, closable: boolean): string {
  const at = closable ? new Date(new Date(attempt.createdAt).getTime() + CLOSE_AFTER_MINUTES * 60_000).toISOString() : attempt.expiresAt;
  return `群众的支付单将于 ${shanghaiDateTime(at).slice(11)} ${closable ? '可关闭' : '失效'}，届时可减免`;
}

export type PrepayPlan =
  | { kind: 'reuse'; attempt: Attempt }
  | { kind: 'new'; attempt: Attempt };

/**
 * One bill has at most one open payment: a repeated requestId, or any caller while an attempt is
 * open, gets that attempt; after it expires a new `out_trade_no` is opened.
 */
export function planPrepay(bill: BillDoc, requestId: string, now: Date, newOutTradeNo: string): PrepayPlan {
  const same = bill.attempts.find((a) => a.requestId === requestId);
  if (same && !same.closed && new Date(same.expiresAt) > now && (bill.status === 'paying' || bill.status === 'unpaid')) return { kind: 'reuse', attempt: same };
  if (bill.status !== 'unpaid' && bill.status !== 'paying') throw new BillError('CONFLICT', `该账单${STATUS_LABEL[bill.status]}，不能缴费`);
  if (new Date(bill.expiresAt) <= now) throw new BillError('CONFLICT', '该账单已过缴费期限，请联系办理部门');
  const open = openAttempt(bill, now);
  if (open) return { kind: 'reuse', attempt: open };
  const expires = Math.min(now.getTime() + ATTEMPT_MINUTES * 60_000, new Date(bill.expiresAt).getTime());
  return { kind: 'new', attempt: { outTradeNo: newOutTradeNo, requestId, createdAt: now.toISOString(), expiresAt: new Date(expires).toISOString() } };
}

/** What the provider said about one of this bill's orders. */
export interface PaidReport {
  outTradeNo: string;
  transactionId: string;
  totalFen: number;
  currency: string;
  successTime: string;
}

export type PaidOutcome =
  | { kind: 'paid' }
  | { kind: 'already' }
  | { kind: 'mismatch'; reason: string };

/** Whether a provider's SUCCESS pays this bill: the attempt must be ours and the amount exact. */
export function judgePaid(bill: BillDoc, r: PaidReport): PaidOutcome {
  if (bill.paid) {
    return bill.paid.outTradeNo === r.outTradeNo ? { kind: 'already' } : { kind: 'mismatch', reason: `账单已由订单${bill.paid.outTradeNo}缴清，订单${r.outTradeNo}又支付成功（重复缴费，需退费）` };
  }
  if (!bill.attempts.some((a) => a.outTradeNo === r.outTradeNo)) return { kind: 'mismatch', reason: `订单${r.outTradeNo}不属于该账单` };
  if (r.currency !== 'CNY') return { kind: 'mismatch', reason: `币种${r.currency}不是人民币` };
  if (r.totalFen !== bill.totalFen) return { kind: 'mismatch', reason: `支付金额${r.totalFen}分与账单金额${bill.totalFen}分不符` };
  if (bill.status === 'waived' || bill.status === 'closed') return { kind: 'mismatch', reason: `账单${STATUS_LABEL[bill.status]}后仍收到支付（需退费）` };
  return { kind: 'paid' };
}

export const refundedFen = (bill: BillDoc): number => bill.refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amountFen, 0);
const committedRefundFen = (bill: BillDoc): number => bill.refunds.reduce((s, r) => s + r.amountFen, 0);

/** A refund request: idempotent on requestId, never above what was paid less what is (being) refunded. */
export function planRefund(bill: BillDoc, p: { amountFen: number; reason: string; requestId: string }): RefundEntry | 'repeat' {
  const earlier = bill.refunds.find((r) => r.requestId === p.requestId);
  // A retried request is the same refund; the same number with another amount or reason is a client bug, not a retry.
  if (earlier) {
    if (earlier.amountFen !== p.amountFen || earlier.reason !== p.reason) throw new BillError('CONFLICT', '请求编号已用于另一笔退费');
    return 'repeat';
  }
  if (!bill.paid) throw new BillError('CONFLICT', '该账单尚未缴费，无可退金额');
  const left = bill.paid.totalFen - committedRefundFen(bill);
  if (!Number.isInteger(p.amountFen) || p.amountFen <= 0) throw new BillError('INVALID_INPUT', '退费金额须为正整数（分）');
  if (p.amountFen > left) throw new BillError('CONFLICT', `退费金额超过可退金额（${left}分）`);
  return { outRefundNo: '', requestId: p.requestId, amountFen: p.amountFen, reason: p.reason, by: '', at: '', status: 'processing' };
}

/** Status once the refunds settle: fully refunded, or back to paid after a partial one. */
export function statusAfterRefunds(bill: BillDoc): BillStatus {
  if (bill.refunds.some((r) => r.status === 'processing')) return 'refunding';
  return bill.paid && refundedFen(bill) >= bill.paid.totalFen ? 'refunded' : 'paid';
}

export const STATUS_LABEL: Record<BillStatus, string> = {
  unpaid: '待缴费', paying: '支付中', paid: '已缴费', waived: '已减免', refunding: '退费中', refunded: '已退费', closed: '已关闭',
};

export function toBillView(b: BillDoc): BillView {
  return {
    id: b._id, applicationId: b.applicationId, applicationNo: b.applicationNo, matterName: b.matterName,
    items: b.items.map(({ name, amountFen }) => ({ name, amountFen })), totalFen: b.totalFen, status: b.status,
    ...(b.status === 'unpaid' || b.status === 'paying' ? { expiresAt: b.expiresAt } : {}),
    paidFen: b.paid?.totalFen ?? 0, refundedFen: refundedFen(b),
    ...(b.waiver ? { waiver: { reason: b.waiver.reason, at: b.waiver.at } } : {}),
  };
}

/** Bills that block completing their case. */
export const BLOCKING_STATUSES: readonly BillStatus[] = ['unpaid', 'paying'];


export function newBillDoc(id: string, b: NewBill, by: string, now: Date): BillDoc {
  return {
    _id: id, ...b, totalFen: b.items.reduce((s, i) => s + i.amountFen, 0), status: 'unpaid',
    expiresAt: new Date(now.getTime() + BILL_DAYS * 86_400_000).toISOString(), attempts: [], refunds: [], pending: false,
    timeline: [{ at: now.toISOString(), action: 'issue', by }], version: 1, createdAt: now.toISOString(),
  };
}

export const BILL_PAGE = 'packages/pay/pages/bill/index';

/** The outbox event of a bill change (deterministic id: a retried change lands on the same document). */
export function paymentEvent(bill: BillDoc, change: PaymentEvent['change'], amountFen: number, seq: string | number, at: string): PaymentEvent {
  return {
    _id: eventId('payment', bill._id, `${change}-${seq}`), type: 'payment', openid: bill.openid, at,
    status: 'pending', page: `${BILL_PAGE}?id=${bill._id}`, billId: bill._id, applicationNo: bill.applicationNo,
    matterName: bill.matterName, change, amountFen, ...(change === 'issued' || change === 'expiring' ? { dueAt: bill.expiresAt } : {}),
  };
}
