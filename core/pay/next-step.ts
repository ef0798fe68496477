/**
 * While an accepted case waits for the citizen's payment, that payment is the case's next step, not
 * the department's work. One wording for every place that says so: the case detail page and the
 * personal assistant's card (智能咨询).
 */
import { shanghaiDateTime } from '../shanghai-time';
import type { BillStatus } from './api';

export interface PayableBill { status: BillStatus; totalFen: number; expiresAt?: string }

export const isPayable = (bill: Pick<PayableBill, 'status'> | null | undefined): boolean =>
  !!bill && (bill.status === 'unpaid' || bill.status === 'paying');

/** `¥120.00` */
export const yuanSign = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** 请缴纳费用 ¥120.00（2026-12-14 10:00前），缴费后办理单位即可办结 — or null when nothing is to pay. */
export function unpaidNextStep(bill: PayableBill | null | undefined): string | null {
  if (!bill || !isPayable(bill)) return null;
  const by = bill.expiresAt ? `（${shanghaiDateTime(bill.expiresAt)}前）` : '';
  return `请缴纳费用 ${yuanSign(bill.totalFen)}${by}，缴费后办理单位即可办结`;
}

/** The next step of a case in this status while it has this bill: paying only once it is accepted. */
export function caseNextPay(status: string, bill: PayableBill | null | undefined): string | null {
  return status === 'accepted' ? unpaidNextStep(bill) : null;
}
