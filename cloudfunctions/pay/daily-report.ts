/**
 * 每日对账: the day before's WeChat Pay trade bill against our bills paid that day (Asia/Shanghai).
 * Each trade must be one of our orders, paid on its bill at the same amount; each of our paid
 * bills must be in the trade bill. Differences are written with their reason to the report and to
 * `pay_mismatches`, which admins read (`pay.reports`, the 对账 page). A day with differences also
 * writes one `payReconcile` outbox event per admin in the same transaction as the report, so they
 * are told exactly once (the report is the marker: a report that exists is never written again).
 * Run from the reconcile timer until the day's report exists (WeChat Pay publishes the bill in the
 * morning; before that it answers NO_STATEMENT_EXIST).
 */
import { shanghaiDate } from '../../core/shanghai-time';
import type { ReconcileReportView } from '../../core/pay/api';
import type { BillDoc } from '../../core/pay/machine';
import { getDb } from '../shared/cloud';
import { transact, txGet } from '../shared/transaction';
import { ProviderError, type BillRow } from './provider';
import { eventId, type PayReconcileEvent } from '../../core/events/outbox';
import { BILLS, MISMATCHES, OUTBOX, provider, RECONCILE_REPORTS } from './repo';
import { adminOpenids } from '../shared/actor';

/** Where the admin's message opens: the 对账 page at that day. */
export const REPORTS_PAGE = '/packages/staff/pages/pay-reports/index';

/** One admin's event for a report with differences (the first reason in the message, all on the page). */
export function reconcileEvent(date: string, mismatches: { reason: string }[], openid: string, at: string): PayReconcileEvent {
  return {
    _id: eventId('payReconcile', date, openid), type: 'payReconcile', status: 'pending', openid, at,
    page: `${REPORTS_PAGE}?date=${date}`, date, mismatchCount: mismatches.length, reason: mismatches[0]?.reason ?? '',
  };
}

export function yesterday(now = new Date()): string {
  return shanghaiDate(new Date(now.getTime() - 86_400_000).toISOString());
}

export function compare(date: string, rows: BillRow[], paid: BillDoc[]): Omit<ReconcileReportView, 'at'> {
  const mismatches: { outTradeNo: string; reason: string }[] = [];
  const byNo = new Map(paid.map((b) => [b.paid?.outTradeNo ?? '', b]));
  for (const r of rows) {
    const bill = byNo.get(r.outTradeNo);
    if (!bill) mismatches.push({ outTradeNo: r.outTradeNo, reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单' });
    else if (bill.paid?.totalFen !== r.totalFen) mismatches.push({ outTradeNo: r.outTradeNo, reason: `金额不符：微信支付${r.totalFen}分，本系统${bill.paid?.totalFen ?? 0}分` });
  }
  const inBill = new Set(rows.map((r) => r.outTradeNo));
  for (const b of paid) if (b.paid && !inBill.has(b.paid.outTradeNo)) mismatches.push({ outTradeNo: b.paid.outTradeNo, reason: '本系统记为已缴，微信支付账单中没有此笔交易' });
  return {
    date, providerCount: rows.length, ourCount: paid.length,
    providerTotalFen: rows.reduce((s, r) => s + r.totalFen, 0), ourTotalFen: paid.reduce((s, b) => s + (b.paid?.totalFen ?? 0), 0), mismatches,
  };
}

async function paidOn(date: string): Promise<BillDoc[]> {
  const db = getDb();
  const _ = db.command;
  const { data } = await db.collection<BillDoc>(BILLS).where({ status: _.in(['paid', 'refunding', 'refunded']) }).limit(1000).get();
  return (data as BillDoc[]).filter((b) => b.paid && shanghaiDate(new Date(b.paid.at).toISOString()) === date);
}

/** Writes the day's report once; false when WeChat Pay has no bill for the day yet. */
export async function dailyReport(date: string): Promise<boolean> {
  const db = getDb();
  const { data: existing } = await db.collection(RECONCILE_REPORTS).where({ _id: db.command.eq(date) }).limit(1).get();
  if (existing.length) return true;
  let rows: BillRow[];
  try {
    rows = await provider().tradeBill(date);
  } catch (e) {
    if (e instanceof ProviderError && e.code === 'NO_STATEMENT_EXIST') return false;
    throw e;
  }
  const compared = compare(date, rows, await paidOn(date));
  const at = new Date().toISOString();
  const admins = compared.mismatches.length ? await adminOpenids() : [];
  const report = { ...compared, at, notifiedAdmins: admins.length };
  await transact(async (t) => {
    if (await txGet(t, RECONCILE_REPORTS, date)) return;
    await t.collection(RECONCILE_REPORTS).doc(date).set({ data: report });
    for (const m of report.mismatches) {
      await t.collection(MISMATCHES).doc(`T${date}-${m.outTradeNo}`).set({ data: { ...m, at, source: 'tradebill' } });
    }
    for (const openid of admins) {
      const { _id, ...ev } = reconcileEvent(date, report.mismatches, openid, at);
      await t.collection(OUTBOX).doc(_id).set({ data: ev });
    }
  });
  return true;
}
