/** Staff actions: bill a case, waive (减免, logged with the reason), refund (full or partial, in 分). */
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { checkItems, fixedBill } from '../../../core/pay/fees';
import { maskName } from '../../../core/mask';
import { toBillView } from '../../../core/pay/machine';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { publishedMatter } from '../../shared/catalogue';
import { APPLICATIONS, provider, requestIdUsedByOtherBill } from '../repo';
import { issueBill, requestRefund, waive as writeWaive } from '../write';
import { applyRefund, closeOpenOrders } from '../settle';
import { ProviderError } from '../provider';
import { forBill } from './citizen';
import * as s from './schemas';

interface CaseRow {
  _id: string; no: string; openid: string; department: string; departmentName: string; matterId: string; matterName: string;
  status: string; applicantName?: string;
}

async function loadCase(id: string): Promise<CaseRow | null> {
  const db = getDb();
  const { data } = await db.collection<CaseRow>(APPLICATIONS).where({ _id: db.command.eq(id) }).limit(1).get();
  return (data[0] as CaseRow | undefined) ?? null;
}

/** Bills only cases being handled: 受理 done, not yet finished. */
const BILLABLE = ['accepted', 'suspended', 'supplement'];

export async function billCase(app: CaseRow, given: { name: string; amountFen: number }[] | undefined, by: string) {
  if (!BILLABLE.includes(app.status)) throw new DomainError('CONFLICT', '只有已受理、尚未办结的办件可以开具缴费单');
  const matter = await publishedMatter(app.matterId);
  if (!matter || !matter.fees.charged || matter.fees.items.length === 0) throw new DomainError('CONFLICT', '该事项办事指南未规定收费项目，不能开具缴费单');
  if (!matter.fees.onlinePayment) throw new DomainError('CONFLICT', '该事项办事指南未开通网上支付，请在窗口收费');
  const fees = matter.fees.items.map((f) => ({ name: f.name, standard: f.standard }));
  let items = given ?? fixedBill(fees);
  if (!items) throw new DomainError('INVALID_INPUT', '该事项的收费标准不固定，请填写收费项目与金额');
  const problem = checkItems(items, fees);
  if (problem) throw new DomainError('INVALID_INPUT', problem);
  items = items.map((i) => ({ name: i.name, amountFen: i.amountFen }));
  const withStandard = items.map((i) => ({ ...i, standard: fees.find((f) => f.name === i.name)?.standard ?? '' }));
  return issueBill({
    applicationId: app._id, applicationNo: app.no, openid: app.openid, department: app.department, departmentName: app.departmentName,
    matterId: app.matterId, matterName: app.matterName, payer: app.applicantName ? maskName(app.applicantName) : '申请人', items: withStandard,
  }, by);
}

export const bill = action({
  permission: 'case:handle',
  params: z.object({ applicationId: s.applicationId, items: s.items.optional() }).strict(),
  authorize: async (p: { applicationId: string }) => {
    const app = await loadCase(p.applicationId);
    return app ? { resource: { department: app.department, ownerOpenid: app.openid }, entity: app } : null;
  },
  notFound: '没有找到该办件',
  handler: async (p, { actor, entity }) => {
    const b = await billCase(entity, p.items, actor.openid);
    return { id: b._id, totalFen: b.totalFen, status: b.status };
  },
});

export const waive = action({
  permission: 'case:handle',
  params: z.object({ id: s.billId, reason: s.reason }).strict(),
  authorize: forBill,
  notFound: '没有找到该账单',
  handler: async (p, { actor }) => {
    await closeOpenOrders(p.id);
    return toBillView(await writeWaive(p.id, p.reason, actor.openid));
  },
});

export const refund = action({
  permission: 'case:handle',
  params: z.object({ id: s.billId, amountFen: s.fen, reason: s.reason, requestId: s.requestId }).strict(),
  authorize: forBill,
  notFound: '没有找到该账单',
  handler: async (p, { actor }) => {
    if (await requestIdUsedByOtherBill('refunds', p.requestId, p.id)) throw new DomainError('CONFLICT', '请求编号已用于另一笔退费');
    const { bill: b, refund: r } = await requestRefund(p.id, p, actor.openid);
    if (r.status === 'processing' && b.paid) {
      try {
        // Confirmed later by notification or query (reconcile retries with the same out_refund_no).
        await applyRefund(await provider().refund({ outTradeNo: b.paid.outTradeNo, outRefundNo: r.outRefundNo, refundFen: r.amountFen, totalFen: b.paid.totalFen, reason: r.reason }));
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        console.error('[pay] refund not accepted yet; reconcile retries', e.code, e.message);
      }
    }
    return toBillView(b);
  },
});

