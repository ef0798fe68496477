/**
 * The `reconcile` timer (every minute): bills with an order or refund not yet settled are asked
 * about at the provider — a missed notification, or an instance killed between WeChat Pay's
 * success and our write, is healed here; expired attempts are closed (≥ 5 min after creation);
 * unconfirmed refunds are queried or sent again with the same out_refund_no. Runs may overlap:
 * every step is idempotent. Stops before the invocation's budget runs out.
 */
import { hasOpenOrder, REMIND_HOURS_BEFORE, type BillDoc } from '../../core/pay/machine';
import { remindExpiring } from './write';
import { getDb } from '../shared/cloud';
import { BILLS } from './repo';
import { refreshFromProvider, settleRefunds } from './settle';
import { dailyReport, yesterday } from './daily-report';

const BATCH = 50;
const RESERVE_MS = 1500;

export async function reconcile(_event: unknown, ctx: { remainingMs: () => number }): Promise<{ checked: number; failed: number; reminded: number; report: boolean }> {
  const db = getDb();
  const { data } = await db.collection<BillDoc>(BILLS).where({ pending: db.command.eq(true) }).orderBy('createdAt', 'asc').limit(BATCH).get();
  let checked = 0;
  let failed = 0;
  for (const bill of data as BillDoc[]) {
    if (ctx.remainingMs() < RESERVE_MS) break;
    try {
      // Open orders, also those left after a cancelled sheet (bill 待缴费 again): paid late, or expired and closed.
      const fresh = (bill.status === 'paying' || bill.status === 'unpaid') && hasOpenOrder(bill) ? await refreshFromProvider(bill._id, { closeExpired: true }) : bill;
      await settleRefunds(fresh);
      checked += 1;
    } catch (e) {
      failed += 1;
      console.error('[pay] reconcile: bill', bill._id, e);
    }
  }
  const reminded = await remindDue(ctx);
  let report = false;
  try {
    // 每日对账 of the day before, until its report exists.
    report = ctx.remainingMs() >= RESERVE_MS && (await dailyReport(yesterday()));
  } catch (e) {
    console.error('[pay] daily reconciliation not done yet', e);
  }
  return { checked, failed, reminded, report };
}

/**
 * Unpaid bills whose deadline is within REMIND_HOURS_BEFORE get their one 缴费将到期 push. Bills
 * already reminded are left out of the query itself: filtering them afterwards let a page full of
 * reminded bills hide every later one until its deadline passed. Nearest deadline first.
 */
async function remindDue(ctx: { remainingMs: () => number }): Promise<number> {
  const db = getDb();
  const _ = db.command;
  const now = Date.now();
  const { data } = await db.collection<BillDoc>(BILLS).where({
    status: _.eq('unpaid'),
    remindedAt: _.exists(false),
    expiresAt: _.gt(new Date(now).toISOString()).and(_.lte(new Date(now + REMIND_HOURS_BEFORE * 3600_000).toISOString())),
  }).orderBy('expiresAt', 'asc').limit(BATCH).get();
  let n = 0;
  for (const bill of data as BillDoc[]) {
    if (ctx.remainingMs() < RESERVE_MS) break;
    // remindExpiring re-reads the bill in its transaction: an overlapping run cannot remind twice.
    if (await remindExpiring(bill._id)) n += 1;
  }
  return n;
}
