/**
 * The one writer of bills: every change commits the bill, its timeline entry, the receipt (with its
 * gap-free number) and the outbox event together, through the shared transact(). Provider calls
 * happen outside transactions; what they answer is applied here, once.
 */
import * as crypto from 'node:crypto';
import { DomainError } from '../../core/envelope';
import type { PaymentEvent } from '../../core/events/outbox';
import {
  BillError, openOrderWait, paymentEvent, type NewBill, judgePaid, planPrepay, planRefund, statusAfterRefunds,
  type Attempt, type BillDoc, type BillEntry, type PaidReport, type RefundEntry,
} from '../../core/pay/machine';
import type { Transaction } from '../shared/cloud';
import { transact, txGet } from '../shared/transaction';
import { writeBill } from '../shared/case-bill';
import { issueReceipt } from './receipt';
import { BILLS, MISMATCHES, OUTBOX, outTradeNoFor, type MismatchDoc } from './repo';


const withoutId = <T extends { _id: string }>(d: T): Omit<T, '_id'> => {
  const { _id, ...rest } = d;
  return rest;
};

async function put(t: Transaction, bill: BillDoc): Promise<void> {
  await t.collection(BILLS).doc(bill._id).set({ data: withoutId(bill) });
}

async function event(t: Transaction, bill: BillDoc, change: PaymentEvent['change'], amountFen: number, seq: string | number): Promise<void> {
  const ev = paymentEvent(bill, change, amountFen, seq, new Date().toISOString());
  await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(ev) });
}

async function mustGet(t: Transaction, id: string): Promise<BillDoc> {
  const bill = await txGet<BillDoc>(t, BILLS, id);
  if (!bill) throw new DomainError('NOT_FOUND', '没有找到该账单');
  return { ...bill, _id: id };
}

const entry = (action: BillEntry['action'], by: string, comment?: string): BillEntry => ({ at: new Date().toISOString(), action, by, ...(comment ? { comment } : {}) });

function rethrow(e: unknown): never {
  if (e instanceof BillError) throw new DomainError(e.code, e.message);
  throw e;
}

/** Issues a case's bill once (a repeat returns the existing one). */
export async function issueBill(b: NewBill, by: string): Promise<BillDoc> {
  return transact((t) => writeBill(t, b, by));
}

/** Opens (or finds) the bill's one open order attempt. */
export async function openPayment(id: string, requestId: string): Promise<{ bill: BillDoc; attempt: Attempt }> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    const now = new Date();
    let plan;
    try {
      plan = planPrepay(bill, requestId, now, outTradeNoFor(id, bill.attempts.length + 1));
    } catch (e) {
      rethrow(e);
    }
    if (plan.kind === 'reuse') {
      if (bill.status === 'paying') return { bill, attempt: plan.attempt };
      // Back to the sheet with the order left open after a cancel: the bill is being paid again.
      const again: BillDoc = { ...bill, status: 'paying', pending: true, timeline: [...bill.timeline, entry('prepay', bill.openid, plan.attempt.outTradeNo)], version: bill.version + 1 };
      await put(t, again);
      return { bill: again, attempt: plan.attempt };
    }
    const next: BillDoc = { ...bill, status: 'paying', pending: true, attempts: [...bill.attempts, plan.attempt], timeline: [...bill.timeline, entry('prepay', bill.openid, plan.attempt.outTradeNo)], version: bill.version + 1 };
    await put(t, next);
    return { bill: next, attempt: plan.attempt };
  });
}

async function recordMismatch(t: Transaction, m: Omit<MismatchDoc, '_id' | 'at'>): Promise<void> {
  const id = `M${crypto.createHash('sha256').update(`${m.outTradeNo}|${m.reason}`).digest('hex').slice(0, 24)}`;
  if (await txGet(t, MISMATCHES, id)) return;
  await t.collection(MISMATCHES).doc(id).set({ data: { ...m, at: new Date().toISOString() } });
}

export type PaidResult = 'paid' | 'already' | 'mismatch';

/** Applies a provider SUCCESS for one of the bill's orders, exactly once. */
export async function applyPaid(id: string, r: PaidReport, source: MismatchDoc['source']): Promise<PaidResult> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    const outcome = judgePaid(bill, r);
    if (outcome.kind === 'already') return 'already';
    if (outcome.kind === 'mismatch') {
      await recordMismatch(t, { billId: id, outTradeNo: r.outTradeNo, reason: outcome.reason, source });
      const next = { ...bill, timeline: [...bill.timeline, entry('mismatch', 'system', outcome.reason)], version: bill.version + 1 };
      await put(t, next);
      return 'mismatch';
    }
    const paid: BillDoc = {
      ...bill, status: 'paid', pending: false,
      paid: { outTradeNo: r.outTradeNo, transactionId: r.transactionId, at: r.successTime, totalFen: r.totalFen },
      timeline: [...bill.timeline, entry('paid', 'system', r.outTradeNo)], version: bill.version + 1,
    };
    const receipt = await issueReceipt(t, paid, new Date());
    await put(t, { ...paid, receiptId: receipt._id });
    await event(t, paid, 'paid', r.totalFen, 1);
    return 'paid';
  });
}

/** Order attempts the provider reports closed (or never created): the bill is payable again. */
export async function markClosed(id: string, outTradeNos: string[]): Promise<void> {
  await transact(async (t) => {
    const bill = await mustGet(t, id);
    const attempts = bill.attempts.map((a) => (outTradeNos.includes(a.outTradeNo) ? { ...a, closed: true } : a));
    const anyOpen = attempts.some((a) => !a.closed);
    const status = bill.status === 'paying' && !anyOpen ? 'unpaid' : bill.status;
    const pending = anyOpen || bill.refunds.some((r) => r.status === 'processing');
    await put(t, { ...bill, attempts, status, pending, timeline: [...bill.timeline, entry('close', 'system', outTradeNos.join(','))], version: bill.version + 1 });
  });
}

/**
 * The citizen left the payment sheet and the order is still NOTPAY: the bill is 待缴费 again (not
 * 支付中). The order stays open and pending, so the next prepay reuses it and reconcile closes it.
 */
export async function releaseUnpaid(id: string, outTradeNo: string): Promise<BillDoc> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    const last = bill.attempts[bill.attempts.length - 1];
    if (bill.status !== 'paying' || last?.outTradeNo !== outTradeNo) return bill;
    const next: BillDoc = { ...bill, status: 'unpaid', version: bill.version + 1 };
    await put(t, next);
    return next;
  });
}

export async function waive(id: string, reason: string, by: string): Promise<BillDoc> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    const open = bill.attempts.find((a) => !a.closed);
    // An order still open could be paid after the waiver: it must be closed at the provider first.
    if (bill.status === 'paying' || (bill.status === 'unpaid' && open)) {
      throw new DomainError('CONFLICT', open ? openOrderWait(open, false) : '群众正在支付，请稍后再减免');
    }
    if (bill.status !== 'unpaid') throw new DomainError('CONFLICT', '只有待缴费的账单可以减免');
    const next: BillDoc = { ...bill, status: 'waived', waiver: { reason, at: new Date().toISOString(), by }, timeline: [...bill.timeline, entry('waive', by, reason)], version: bill.version + 1 };
    await put(t, next);
    return next;
  });
}

/** Records a refund request (idempotent on requestId); the provider is called afterwards with its out_refund_no. */
export async function requestRefund(id: string, p: { amountFen: number; reason: string; requestId: string }, by: string): Promise<{ bill: BillDoc; refund: RefundEntry }> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    let planned;
    try {
      planned = planRefund(bill, p);
    } catch (e) {
      rethrow(e);
    }
    if (planned === 'repeat') return { bill, refund: bill.refunds.find((r) => r.requestId === p.requestId) as RefundEntry };
    const refund: RefundEntry = { ...planned, outRefundNo: `R${id.slice(1)}${String(bill.refunds.length + 1).padStart(2, '0')}`, by, at: new Date().toISOString() };
    const next: BillDoc = { ...bill, refunds: [...bill.refunds, refund], status: 'refunding', pending: true, timeline: [...bill.timeline, entry('refund', by, `${p.amountFen}分：${p.reason}`)], version: bill.version + 1 };
    await put(t, next);
    return { bill: next, refund };
  });
}

/** A refund the provider confirmed (notification or query): applied once. */
export async function applyRefunded(id: string, outRefundNo: string): Promise<BillDoc> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    const target = bill.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (!target || target.status === 'succeeded') return bill;
    const refunds = bill.refunds.map((r) => (r.outRefundNo === outRefundNo ? { ...r, status: 'succeeded' as const } : r));
    const next: BillDoc = { ...bill, refunds, timeline: [...bill.timeline, entry('refunded', 'system', outRefundNo)], version: bill.version + 1 };
    next.status = statusAfterRefunds(next);
    next.pending = refunds.some((r) => r.status === 'processing') || next.attempts.some((a) => !a.closed && next.status === 'paying');
    await put(t, next);
    await event(t, next, 'refunded', target.amountFen, outRefundNo);
    return next;
  });
}

/** The 缴费将到期 reminder: once per bill, only while it is still unpaid. */
export async function remindExpiring(id: string): Promise<boolean> {
  return transact(async (t) => {
    const bill = await mustGet(t, id);
    if (bill.remindedAt || bill.status !== 'unpaid') return false;
    await put(t, { ...bill, remindedAt: new Date().toISOString(), version: bill.version + 1 });
    await event(t, bill, 'expiring', bill.totalFen, 1);
    return true;
  });
}
