/** Who the caller is, and (for admins) who the staff are. */
import { z } from '../../../core/zod-zh';
import { maskOpenid } from '../../../core/mask';
import { safeText } from '../../../core/text/hygiene';
import { STAFF_GRANTS } from '../../../core/policy';
import type { StaffMember, WhoAmI } from '../../../core/api';
import { action, noParams } from '../../shared/router';
import type { StaffRecord } from '../../shared/actor';
import { listStaffRecords, saveStaffRecord } from '../repo';

const toMember = (r: StaffRecord): StaffMember => ({
  openid: r.openid, name: r.name, role: r.role, departments: r.departments, halls: r.halls ?? [], grants: r.grants ?? [], active: r.active,
});

export const whoami = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor }): Promise<WhoAmI> => ({
    openid: actor.openid, maskedOpenid: maskOpenid(actor.openid), role: actor.role,
    departments: actor.departments, halls: actor.halls, grants: actor.grants, name: actor.name,
  }),
});

export const listStaff = action({
  permission: 'staff:manage',
  params: noParams,
  handler: async () => (await listStaffRecords()).map(toMember),
});

export const setStaff = action({
  permission: 'staff:manage',
  params: z.object({
    openid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、下划线和短横线'),
    name: safeText(z.string().trim().min(1).max(20)),
    role: z.enum(['staff', 'admin']),
    departments: z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, '部门代码格式不正确')).max(20),
    halls: z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, '大厅代码格式不正确')).max(20).optional(),
    grants: z.array(z.enum(STAFF_GRANTS)).max(STAFF_GRANTS.length).optional(),
    active: z.boolean(),
  }).strict(),
  handler: async (p, { now }) => {
    const record: Omit<StaffRecord, '_id'> = {
      ...p, departments: [...new Set(p.departments)], halls: [...new Set(p.halls ?? [])], grants: [...new Set(p.grants ?? [])],
    };
    await saveStaffRecord(p.openid, record, now());
    return toMember({ _id: p.openid, ...record });
  },
});
