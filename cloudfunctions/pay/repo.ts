/** The pay domain's collections and reads. Writes go through write.ts (one transaction each). */
import type { BillDoc } from '../../core/pay/machine';
import type { ReceiptView } from '../../core/pay/api';
import { getDb } from '../shared/cloud';
import { APPLICATIONS, OUTBOX, PAY_BILLS as BILLS } from '../shared/collections';
import { configFromEnv, wechatPay } from './wechatpay';
import { DomainError } from '../../core/envelope';
import type { PaymentProvider } from './provider';

export const RECEIPTS = 'pay_receipts';
export const COUNTERS = 'pay_counters';
export const MISMATCHES = 'pay_mismatches';
export const RECONCILE_REPORTS = 'pay_reconcile_reports';
/** APPLICATIONS is read only: the case a bill belongs to (affairs owns it). */
export { APPLICATIONS, BILLS, OUTBOX };

export interface ReceiptDoc extends ReceiptView {
  _id: string;
  billId: string;
  openid: string;
}

export interface MismatchDoc {
  _id: string;
  billId?: string;
  outTradeNo: string;
  reason: string;
  at: string;
  source: 'notify' | 'sync' | 'reconcile' | 'tradebill';
}


export async function loadBill(id: string): Promise<BillDoc | null> {
  const { data } = await getDb().collection<BillDoc>(BILLS).where({ _id: getDb().command.eq(id) }).limit(1).get();
  return (data[0] as BillDoc | undefined) ?? null;
}

export async function billOfApplication(applicationId: string): Promise<BillDoc | null> {
  const db = getDb();
  const { data } = await db.collection<BillDoc>(BILLS).where({ applicationId: db.command.eq(applicationId) }).limit(1).get();
  return (data[0] as BillDoc | undefined) ?? null;
}

/**
 * Whether a requestId already served another bill (a payment attempt or a refund): a requestId names
 * one request, so reusing it for a different bill is refused rather than treated as new.
 */
export async function requestIdUsedByOtherBill(kind: 'attempts' | 'refunds', requestId: string, billId: string): Promise<boolean> {
  const db = getDb();
  const _ = db.command;
  const { data } = await db.collection<BillDoc>(BILLS).where({ [`${kind}.requestId`]: _.eq(requestId), _id: _.neq(billId) }).field({ _id: true }).limit(1).get();
  return data.length > 0;
}

/** The bill an order number belongs to: the bill id is the order number's prefix (see outTradeNoFor). */
export function billIdOf(outTradeNo: string): string | null {
  const m = /^(P[0-9a-f]{20})[0-9A-Za-z]{1,11}$/.exec(outTradeNo);
  return m ? (m[1] ?? null) : null;
}

/** ≤ 32 characters of [0-9A-Za-z]: bill id (21) + attempt number, unique per merchant, never reused. */
export function outTradeNoFor(billId: string, attempt: number): string {
  return `${billId}${String(attempt).padStart(3, '0')}`;
}

export async function loadReceipt(id: string): Promise<ReceiptDoc | null> {
  const db = getDb();
  const { data } = await db.collection<ReceiptDoc>(RECEIPTS).where({ _id: db.command.eq(id) }).limit(1).get();
  return (data[0] as ReceiptDoc | undefined) ?? null;
}

let cached: { key: string; provider: PaymentProvider } | undefined;

/** The configured provider; refuses (once, clearly) when the merchant is not configured. */
export function provider(): PaymentProvider {
  const config = configFromEnv(process.env);
  if (!config) throw new DomainError('INTERNAL', '在线缴费尚未开通（商户参数未配置），请到窗口缴费');
  const key = `${config.baseUrl}|${config.mchid}|${config.serialNo}|${config.platformPublicKeyId}`;
  if (!cached || cached.key !== key) cached = { key, provider: wechatPay(config) };
  return cached.provider;
}
