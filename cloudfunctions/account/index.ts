/** Who the caller is, and (for admins) who the staff are. */
import { z } from '../../core/zod-zh';
import { maskOpenid } from '../../core/mask';
import type { StaffMember, WhoAmI } from '../../core/api';
import { action, createRouter, noParams } from '../shared/router';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import { STAFF_COLLECTION, type StaffRecord } from '../shared/actor';

const toMember = (r: StaffRecord): StaffMember => ({
  openid: r.openid, name: r.name, role: r.role, departments: r.departments, active: r.active,
});

export const main = createRouter({
  whoami: action({
    permission: 'signed-in',
    params: noParams,
    handler: async (_p, { actor }): Promise<WhoAmI> => ({
      openid: actor.openid, maskedOpenid: maskOpenid(actor.openid), role: actor.role,
      departments: actor.departments, name: actor.name,
    }),
  }),

  listStaff: action({
    permission: 'staff:manage',
    params: noParams,
    handler: async () => {
      const records = await fetchAll<StaffRecord>(() => getDb().collection<StaffRecord>(STAFF_COLLECTION).orderBy("_id", "asc"));
      return records.map(toMember);
    },
  }),

  setStaff: action({
    permission: 'staff:manage',
    params: z.object({
      openid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'openid 格式不正确'),
      name: z.string().trim().min(1).max(20),
      role: z.enum(['staff', 'admin']),
      departments: z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, '部门代码格式不正确')).max(20),
      active: z.boolean(),
    }).strict(),
    handler: async (p) => {
      const record: Omit<StaffRecord, '_id'> = { ...p, departments: [...new Set(p.departments)] };
      await getDb().collection(STAFF_COLLECTION).doc(p.openid).set({ data: { ...record, updatedAt: new Date().toISOString() } });
      return toMember({ _id: p.openid, ...record });
    },
  }),
});
