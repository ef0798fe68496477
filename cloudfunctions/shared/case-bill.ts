/**
 * A case's bill, seen from the case (affairs): issued in the same transaction that accepts a case
 * whose guide charges fixed fees online, and checked in the transaction that completes it — a case
 * with an unpaid bill cannot be completed. The pay function owns the bill afterwards.
 */
import * as crypto from 'node:crypto';
import { DomainError } from '../../core/envelope';
import { fixedBill, parseStandard } from '../../core/pay/fees';
import { BLOCKING_STATUSES, newBillDoc, paymentEvent, STATUS_LABEL, type BillDoc, type NewBill } from '../../core/pay/machine';
import { OUTBOX_COLLECTION } from '../../core/events/outbox';
import type { Transaction } from './cloud';
import { txGet } from './transaction';
import { PAY_BILLS } from './collections';

export { PAY_BILLS };

export const billIdFor = (applicationId: string) => `P${crypto.createHash('sha256').update(`bill|${applicationId}`).digest('hex').slice(0, 20)}`;

export interface ChargedMatter {
  fees: { charged: boolean; onlinePayment: boolean; items: { name: string; standard: string }[] };
}

function store(doc: { _id: string }): Record<string, unknown> {
  const { _id, ...rest } = doc;
  return rest;
}

/** Writes a bill and its issued event inside `t` unless one exists; returns it (or null when none is due). */
export async function writeBill(t: Transaction, b: NewBill, by: string): Promise<BillDoc> {
  const id = billIdFor(b.applicationId);
  const existing = await txGet<BillDoc>(t, PAY_BILLS, id);
  if (existing) return { ...existing, _id: id };
  const now = new Date();
  const bill = newBillDoc(id, b, by, now);
  await t.collection(PAY_BILLS).doc(id).set({ data: store(bill) });
  const ev = paymentEvent(bill, 'issued', bill.totalFen, 1, now.toISOString());
  await t.collection(OUTBOX_COLLECTION).doc(ev._id).set({ data: store(ev) });
  return bill;
}

/** The lines 受理 bills by itself: every fee a fixed amount payable online; otherwise null (none, or staff bill by hand). */
export function billDueOnAccept(matter: ChargedMatter | null): NewBill['items'] | null {
  if (!matter || !matter.fees.charged || !matter.fees.onlinePayment) return null;
  const lines = fixedBill(matter.fees.items);
  if (!lines) return null;
  return lines.map((l, i) => ({ ...l, standard: matter.fees.items[i]?.standard ?? '' }));
}

/**
 * Whether a granted case must have a bill (paid or waived) before 办结: the guide charges online and
 * at least one fee has a standard a bill can be checked against ("按国家规定…" ones are collected at
 * the window). True for fixed and variable fees alike; variable ones are billed by staff.
 */
export function billRequired(matter: ChargedMatter | null): boolean {
  if (!matter || !matter.fees.charged || !matter.fees.onlinePayment) return false;
  return matter.fees.items.some((f) => parseStandard(f.standard).kind !== 'unparsed');
}

/** On 受理: the bill of a matter whose every fee is a fixed amount payable online; variable fees wait for staff. */
export async function billOnAccept(t: Transaction, b: Omit<NewBill, 'items'>, matter: ChargedMatter | null, by: string): Promise<void> {
  const items = billDueOnAccept(matter);
  if (items) await writeBill(t, { ...b, items }, by);
}

/** Refuses, inside the completing transaction, while the case's bill is unpaid — or not issued when one is required. */
export async function assertBillSettled(t: Transaction, applicationId: string, matter: ChargedMatter | null): Promise<void> {
  const bill = await txGet<BillDoc>(t, PAY_BILLS, billIdFor(applicationId));
  if (bill && BLOCKING_STATUSES.includes(bill.status)) {
    throw new DomainError('CONFLICT', `该办件的缴费单${STATUS_LABEL[bill.status]}，缴费或减免后才能办结`);
  }
  if (!bill && billRequired(matter)) {
    throw new DomainError('CONFLICT', '本事项收费，请先按办事指南开具缴费单，缴费或减免后才能办结');
  }
}
