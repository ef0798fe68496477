/**
 * Preview seed for 缴费对账: the daily reports of the three days before yesterday, as the reconcile
 * timer writes them — two days that match WeChat Pay's trade bill and one with a trade we have no
 * paid bill for (the kind an admin looks into: paid after the bill was waived, or a foreign order)
 * — so the admin's 对账 page has history. Yesterday is left to the real timer, which reconciles it
 * against the preview's WeChat Pay emulator a minute after start. No outbox events: nobody is
 * pushed about seeded days. Deterministic ids: re-running overwrites the same documents.
 */
import { sdk } from '../../local-cloud';
import { addDays, shanghaiDate, shanghaiInstant } from '../../core/calendar/workdays';
import type { ReconcileReportView } from '../../core/pay/api';

const REPORTS = 'pay_reconcile_reports';
const MISMATCHES = 'pay_mismatches';

/** Order numbers in the pay function's shape: bill id (P + 20 hex) + attempt. */
const order = (hex: string, attempt = 1) => `P${hex.padEnd(20, '0').slice(0, 20)}${String(attempt).padStart(3, '0')}`;

export async function seedPay(log: (s: string) => void = console.log): Promise<number> {
  const db = sdk.database();
  for (const name of [REPORTS, MISMATCHES]) await db.createCollection(name).catch(() => undefined); // already there
  const today = shanghaiDate();
  const day = (n: number) => addDays(today, -n);
  const reportAt = (d: string) => shanghaiInstant(addDays(d, 1), '09:02').toISOString();
  const foreign = order('7c41d09e5b2a36f8e1d4', 2);
  const reports: ReconcileReportView[] = [
    { date: day(4), providerCount: 3, ourCount: 3, providerTotalFen: 16000, ourTotalFen: 16000, mismatches: [], at: reportAt(day(4)) },
    {
      date: day(3), providerCount: 3, ourCount: 2, providerTotalFen: 4000, ourTotalFen: 2000, at: reportAt(day(3)),
      mismatches: [{ outTradeNo: foreign, reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单' }],
    },
    { date: day(2), providerCount: 1, ourCount: 1, providerTotalFen: 12000, ourTotalFen: 12000, mismatches: [], at: reportAt(day(2)) },
  ];
  for (const r of reports) {
    await db.collection(REPORTS).doc(r.date).set({ data: r });
    for (const m of r.mismatches) {
      await db.collection(MISMATCHES).doc(`T${r.date}-${m.outTradeNo}`).set({ data: { ...m, at: r.at, source: 'tradebill' } });
    }
  }
  log(`已写入缴费对账报告 ${reports.length} 天（其中 1 天有差异）`);
  return reports.length;
}
