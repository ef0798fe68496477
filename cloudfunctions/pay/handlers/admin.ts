/** Admins: the daily 对账 reports and every recorded mismatch, with its reason. */
import type { ReconcileReportView } from '../../../core/pay/api';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { MISMATCHES, RECONCILE_REPORTS, type MismatchDoc } from '../repo';

export const reports = action({
  permission: 'pay:reconcile',
  params: noParams,
  handler: async () => {
    const db = getDb();
    const [r, m] = await Promise.all([
      db.collection<ReconcileReportView & { _id: string }>(RECONCILE_REPORTS).orderBy('date', 'desc').limit(30).get(),
      db.collection<MismatchDoc>(MISMATCHES).orderBy('at', 'desc').limit(100).get(),
    ]);
    return {
      reports: (r.data as (ReconcileReportView & { _id: string })[]).map(({ _id, ...rest }) => rest),
      mismatches: (m.data as MismatchDoc[]).map(({ outTradeNo, reason, at, source }) => ({ outTradeNo, reason, at, source })),
    };
  },
});
