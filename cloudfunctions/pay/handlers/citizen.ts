/** Citizen actions: my bills, pay (prepay → wx.requestPayment → sync), one bill with its receipt. */
import { z } from '../../../core/zod-zh';
import { hasOpenOrder, toBillView, type BillDoc } from '../../../core/pay/machine';
import type { ReceiptView } from '../../../core/pay/api';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { APPLICATIONS, BILLS, billOfApplication, loadBill, loadReceipt, provider, requestIdUsedByOtherBill } from '../repo';
import { openPayment } from '../write';
import { refreshFromProvider } from '../settle';
import { ProviderError } from '../provider';
import { DomainError } from '../../../core/envelope';
import * as s from './schemas';

const isPayable = (b: BillDoc) => b.status === 'unpaid' || b.status === 'paying';

export const forBill = async (p: { id: string }) => {
  const bill = await loadBill(p.id);
  return bill ? { resource: { department: bill.department, ownerOpenid: bill.openid }, entity: bill } : null;
};

export async function withReceipt(bill: BillDoc): Promise<ReturnType<typeof toBillView> & { receipt?: ReceiptView }> {
  const receipt = bill.receiptId ? await loadReceipt(bill.receiptId) : null;
  if (!receipt) return toBillView(bill);
  const { _id, billId, openid, ...view } = receipt;
  return { ...toBillView(bill), receipt: view };
}

export const bills = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor }) => {
    const db = getDb();
    const { data } = await db.collection<BillDoc>(BILLS).where({ openid: db.command.eq(actor.openid) }).orderBy('createdAt', 'desc').limit(100).get();
    return (data as BillDoc[]).map(toBillView);
  },
});

export const prepay = action({
  permission: 'citizen:own',
  params: z.object({ id: s.billId, requestId: s.requestId }).strict(),
  authorize: forBill,
  notFound: '没有找到该账单',
  handler: async (p) => {
    if (await requestIdUsedByOtherBill('attempts', p.requestId, p.id)) throw new DomainError('CONFLICT', '请求编号已用于另一笔缴费');
    const { bill, attempt } = await openPayment(p.id, p.requestId);
    try {
      const payment = await provider().createOrder({
        outTradeNo: attempt.outTradeNo, description: `${bill.matterName}-${bill.applicationNo}`, totalFen: bill.totalFen,
        openid: bill.openid, expiresAt: new Date(attempt.expiresAt), attach: bill._id,
      });
      return { outTradeNo: attempt.outTradeNo, payment };
    } catch (e) {
      if (e instanceof ProviderError) {
        console.error('[pay] createOrder refused', e.code, e.message);
        // Already paid (a notification not yet applied): the order's truth is applied now.
        if (e.code === 'ORDERPAID') await refreshFromProvider(bill._id);
        throw new DomainError('CONFLICT', e.code === 'ORDERPAID' ? '该账单已缴费' : '发起支付失败，请稍后重试');
      }
      throw e;
    }
  },
});

export const sync = action({
  permission: 'citizen:own',
  params: z.object({ id: s.billId }).strict(),
  authorize: forBill,
  notFound: '没有找到该账单',
  // After the payment sheet (paid, cancelled or failed): the bill as WeChat Pay's order says.
  handler: async (p, { entity }) => toBillView(isPayable(entity) && hasOpenOrder(entity) ? await refreshFromProvider(p.id, { releaseUnpaid: true }) : entity),
});

export const get = action({
  permission: 'case:read',
  params: z.object({ id: s.billId }).strict(),
  authorize: forBill,
  notFound: '没有找到该账单',
  handler: async (_p, { entity }) => withReceipt(entity),
});

export const forCase = action({
  permission: 'case:read',
  params: z.object({ applicationId: s.applicationId }).strict(),
  authorize: async (p: { applicationId: string }) => {
    const bill = await billOfApplication(p.applicationId);
    // No bill is an answer too, but only to someone who may read the case.
    const app = bill ?? (await caseOwner(p.applicationId));
    return app ? { resource: { department: app.department, ownerOpenid: app.openid }, entity: bill } : null;
  },
  notFound: '没有找到该办件',
  handler: async (_p, { entity }) => (entity ? withReceipt(entity) : null),
});

async function caseOwner(applicationId: string): Promise<{ department: string; openid: string } | null> {
  const db = getDb();
  const { data } = await db.collection<{ department: string; openid: string }>(APPLICATIONS).where({ _id: db.command.eq(applicationId) }).field({ department: true, openid: true }).limit(1).get();
  return (data[0] as { department: string; openid: string } | undefined) ?? null;
}
