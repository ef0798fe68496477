/** Turns the WeChat caller into an Actor: identity from getWXContext, role from config + staff records. */
import type { StaffMember } from '../../core/api';
import { parseAdminList, resolveActor, type Actor } from '../../core/policy';
import { callerOpenid, getDb } from './cloud';
import { fetchAll } from './paging';
import { STAFF } from './collections';

/** A staff member as stored: the API's StaffMember keyed by its openid. */
export interface StaffRecord extends StaffMember {
  _id: string; // the openid
}

export async function loadActor(): Promise<Actor> {
  const openid = callerOpenid();
  const admins = parseAdminList(process.env.ADMIN_OPENIDS);
  if (!openid) return resolveActor('', admins, null);
  const { data } = await getDb().collection(STAFF).where({ _id: openid }).limit(1).get();
  return resolveActor(openid, admins, (data[0] as StaffRecord | undefined) ?? null);
}

/**
 * Everyone who is an admin for core/policy, the way loadActor decides it: the configured
 * ADMIN_OPENIDS and the active staff records with the admin role. Sorted, without duplicates.
 */
export async function adminOpenids(): Promise<string[]> {
  const db = getDb();
  const records = await fetchAll<StaffRecord>(() => db.collection<StaffRecord>(STAFF)
    .where({ role: db.command.eq('admin'), active: db.command.eq(true) }).orderBy('_id', 'asc'));
  return [...new Set([...parseAdminList(process.env.ADMIN_OPENIDS), ...records.map((r) => r._id)])].sort();
}
