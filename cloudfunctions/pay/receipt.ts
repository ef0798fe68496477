/**
 * 财政电子票据 for a payment: 票据代码 (8 digits: region 2, class 2, kind 2, year 2), 票据号码 (10
 * digits) from a counter per 票据代码 incremented in the same transaction that marks the bill
 * paid — so numbers are unique and without gaps even under concurrent payments — and a 校验码.
 */
import * as crypto from 'node:crypto';
import type { BillDoc } from '../../core/pay/machine';
import type { Transaction } from '../shared/cloud';
import { txGet } from '../shared/transaction';
import { COUNTERS, RECEIPTS, type ReceiptDoc } from './repo';

export const RECEIPT_NAME = '政府非税收入统一票据（电子）';

export function receiptCode(issuedAt: Date, env: Record<string, string | undefined> = process.env): string {
  const prefix = /^\d{6}$/.test(env.RECEIPT_CODE_PREFIX ?? '') ? (env.RECEIPT_CODE_PREFIX as string) : '990101';
  const year = new Date(issuedAt.getTime() + 8 * 3600_000).getUTCFullYear() % 100;
  return `${prefix}${String(year).padStart(2, '0')}`;
}

function checkCode(code: string, number: string, totalFen: number, issuedAt: string): string {
  return crypto.createHash('sha256').update(`${code}|${number}|${totalFen}|${issuedAt}`).digest('hex').slice(0, 6).toUpperCase();
}

/** Takes the next number and writes the receipt, inside the caller's transaction. */
export async function issueReceipt(t: Transaction, bill: BillDoc, at: Date): Promise<ReceiptDoc> {
  const code = receiptCode(at);
  const counterId = `receipt-${code}`;
  const counter = await txGet<{ next: number }>(t, COUNTERS, counterId);
  const seq = counter?.next ?? 1;
  await t.collection(COUNTERS).doc(counterId).set({ data: { next: seq + 1 } });
  const number = String(seq).padStart(10, '0');
  const issuedAt = at.toISOString();
  const receipt: ReceiptDoc = {
    _id: `${code}${number}`, billId: bill._id, openid: bill.openid,
    name: RECEIPT_NAME, code, number, checkCode: checkCode(code, number, bill.totalFen, issuedAt), issuedAt,
    payer: bill.payer, items: bill.items, totalFen: bill.totalFen,
    issuer: bill.departmentName, supervisor: '财政票据监制章',
  };
  const { _id, ...data } = receipt;
  await t.collection(RECEIPTS).doc(_id).set({ data });
  return receipt;
}
