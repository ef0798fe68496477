/**
 * Bringing a bill in line with the provider — the truth is the order as queried. Used by
 * `pay.sync` (after the payment sheet), the notification entry, and the reconcile timer (missed
 * notifications, a crash between the provider's success and our write, expired attempts, refunds).
 */
import { CLOSE_AFTER_MINUTES, openOrderWait, type BillDoc } from '../../core/pay/machine';
import { DomainError } from '../../core/envelope';
import { transact } from '../shared/transaction';
import { ProviderError, type ProviderOrder, type ProviderRefund } from './provider';
import { billIdOf, loadBill, MISMATCHES, provider, type MismatchDoc } from './repo';
import { applyPaid, applyRefunded, markClosed, releaseUnpaid, type PaidResult } from './write';

/** A provider's SUCCESS (or later REFUND) for one of our orders, checked against the merchant and applied once. */
export async function applyOrder(order: ProviderOrder, source: MismatchDoc['source']): Promise<PaidResult | 'ignored'> {
  if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return 'ignored';
  const billId = billIdOf(order.outTradeNo);
  const p = provider();
  if (!billId || order.appid !== p.appid || order.mchid !== p.mchid) {
    await transact(async (t) => {
      await t.collection(MISMATCHES).doc(`M${order.outTradeNo}`).set({ data: { outTradeNo: order.outTradeNo, reason: `订单的公众账号或商户号与本商户不符（${order.appid}/${order.mchid}）`, at: new Date().toISOString(), source } });
    });
    return 'mismatch';
  }
  return applyPaid(billId, {
    outTradeNo: order.outTradeNo, transactionId: order.transactionId ?? '', totalFen: order.totalFen ?? -1,
    currency: order.currency ?? '', successTime: order.successTime ?? new Date().toISOString(),
  }, source);
}

export async function applyRefund(refund: ProviderRefund): Promise<void> {
  const billId = billIdOf(refund.outTradeNo);
  if (billId && refund.status === 'SUCCESS') await applyRefunded(billId, refund.outRefundNo);
}

/**
 * Queries every attempt still open on the bill and applies what the provider says. `releaseUnpaid`
 * (pay.sync, after the payment sheet): a newest order still NOTPAY means the citizen left the sheet
 * unpaid, so the bill is 待缴费 again with that order kept for the next 去缴费.
 */
export async function refreshFromProvider(billId: string, options: { closeExpired?: boolean; releaseUnpaid?: boolean } = {}): Promise<BillDoc> {
  const bill = await loadBill(billId);
  if (!bill) throw new ProviderError(404, 'NOT_FOUND', 'bill vanished');
  const now = Date.now();
  const closed: string[] = [];
  let notPaid: string | undefined;
  for (const attempt of [...bill.attempts].reverse()) {
    if (attempt.closed) continue;
    const order = await provider().queryOrder(attempt.outTradeNo);
    if (!order) {
      // Never created at the provider (we died before createOrder, or it refused): nothing to pay.
      if (new Date(attempt.expiresAt).getTime() <= now) closed.push(attempt.outTradeNo);
      continue;
    }
    if (order.state === 'SUCCESS' || order.state === 'REFUND') {
      await applyOrder(order, 'sync');
      continue;
    }
    if (order.state === 'CLOSED' || order.state === 'REVOKED') {
      closed.push(attempt.outTradeNo);
      continue;
    }
    if (order.state === 'NOTPAY' && attempt === bill.attempts[bill.attempts.length - 1]) notPaid = attempt.outTradeNo;
    const age = now - new Date(attempt.createdAt).getTime();
    if (options.closeExpired && new Date(attempt.expiresAt).getTime() <= now && age >= CLOSE_AFTER_MINUTES * 60_000) {
      await provider().closeOrder(attempt.outTradeNo);
      closed.push(attempt.outTradeNo);
    }
  }
  if (closed.length) await markClosed(billId, closed);
  if (options.releaseUnpaid && notPaid && !closed.includes(notPaid)) return releaseUnpaid(billId, notPaid);
  return (await loadBill(billId)) as BillDoc;
}

/**
 * Before 减免: an order the citizen left open could still be paid after the waiver, so each one is
 * brought in line and closed at the provider (allowed 5 minutes after creation). One that cannot
 * be closed yet, or is being paid right now, refuses with the time 减免 becomes possible.
 */
export async function closeOpenOrders(billId: string): Promise<void> {
  const bill = await refreshFromProvider(billId);
  if (bill.status !== 'unpaid' && bill.status !== 'paying') return; // paid meanwhile: the waiver refuses
  const closed: string[] = [];
  for (const attempt of bill.attempts.filter((a) => !a.closed)) {
    const order = await provider().queryOrder(attempt.outTradeNo);
    if (!order || order.state === 'CLOSED' || order.state === 'REVOKED') {
      closed.push(attempt.outTradeNo);
      continue;
    }
    const closable = order.state === 'NOTPAY' || order.state === 'PAYERROR';
    if (!closable || Date.now() - new Date(attempt.createdAt).getTime() < CLOSE_AFTER_MINUTES * 60_000) {
      if (closed.length) await markClosed(billId, closed);
      throw new DomainError('CONFLICT', openOrderWait(attempt, closable));
    }
    try {
      await provider().closeOrder(attempt.outTradeNo);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      // Paid in the meantime (ORDERPAID), or the provider refused: apply its truth and let the waiver decide.
      console.error('[pay] close before waiver refused', e.code, e.message);
      await refreshFromProvider(billId);
      throw new DomainError('CONFLICT', '群众的支付单暂时无法关闭，请刷新后再试');
    }
    closed.push(attempt.outTradeNo);
  }
  if (closed.length) await markClosed(billId, closed);
}

/** Refunds not yet confirmed: ask; one the provider never received is sent again with the same out_refund_no. */
export async function settleRefunds(bill: BillDoc): Promise<void> {
  if (!bill.paid) return;
  for (const r of bill.refunds.filter((x) => x.status === 'processing')) {
    let known = await provider().queryRefund(r.outRefundNo);
    if (!known) {
      known = await provider().refund({ outTradeNo: bill.paid.outTradeNo, outRefundNo: r.outRefundNo, refundFen: r.amountFen, totalFen: bill.paid.totalFen, reason: r.reason });
    }
    await applyRefund(known);
  }
}
