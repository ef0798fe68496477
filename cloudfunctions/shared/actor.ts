/** Turns the WeChat caller into an Actor: identity from getWXContext, role from config + staff records. */
import { parseAdminList, resolveActor, type Actor, type StaffGrant } from '../../core/policy';
import { callerOpenid, getDb } from './cloud';

export const STAFF_COLLECTION = 'staff';

export interface StaffRecord {
  _id: string; // the openid
  openid: string;
  name: string;
  role: 'staff' | 'admin';
  departments: string[];
  halls?: string[];
  grants?: StaffGrant[];
  active: boolean;
}

export async function loadActor(): Promise<Actor> {
  const openid = callerOpenid();
  const admins = parseAdminList(process.env.ADMIN_OPENIDS);
  if (!openid) return resolveActor('', admins, null);
  const { data } = await getDb().collection(STAFF_COLLECTION).where({ _id: openid }).limit(1).get();
  return resolveActor(openid, admins, (data[0] as StaffRecord | undefined) ?? null);
}
