/** The account function's storage: staff records (collection shared with every function's actor lookup) and invitations. */
import type { StoredInvitation } from '../../core/account/invitation';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import type { StaffRecord } from '../shared/actor';
import { STAFF } from '../shared/collections';

export const INVITATIONS = 'staff_invitations';

export async function findInvitation(code: string): Promise<StoredInvitation | null> {
  const db = getDb();
  const { data } = await db.collection<StoredInvitation>(INVITATIONS).where({ _id: db.command.eq(code) }).limit(1).get();
  return data[0] ?? null;
}

export async function findStaff(openid: string): Promise<StaffRecord | null> {
  const db = getDb();
  const { data } = await db.collection<StaffRecord>(STAFF).where({ _id: db.command.eq(openid) }).limit(1).get();
  return data[0] ?? null;
}

export function listStaffRecords(): Promise<StaffRecord[]> {
  return fetchAll<StaffRecord>(() => getDb().collection<StaffRecord>(STAFF).orderBy('_id', 'asc'));
}

export async function saveStaffRecord(openid: string, record: Omit<StaffRecord, '_id'>, at: Date): Promise<void> {
  await getDb().collection(STAFF).doc(openid).set({ data: { ...record, updatedAt: at.toISOString() } });
}
