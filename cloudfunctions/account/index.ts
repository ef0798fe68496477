/** Who the caller is, and (for admins) who the staff are. */
import { z } from '../../core/zod-zh';
import { maskOpenid } from '../../core/mask';
import { safeText } from '../../core/text/hygiene';
import { STAFF_GRANTS } from '../../core/policy';
import type { StaffMember, WhoAmI } from '../../core/api';
import { action, createRouter, noParams } from '../shared/router';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import { STAFF_COLLECTION, type StaffRecord } from '../shared/actor';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitations';

const toMember = (r: StaffRecord): StaffMember => ({
  openid: r.openid, name: r.name, role: r.role, departments: r.departments, halls: r.halls ?? [], grants: r.grants ?? [], active: r.active,
});

const LABELS: Record<string, string> = {
  openid: '工作人员微信标识', name: '姓名', role: '角色', departments: '所属部门', halls: '所在服务大厅', grants: '授权', active: '启用状态',
  code: '邀请码', expiresInHours: '有效期',
};
const accountLabel = (path: (string | number)[]) => path.map((k) => (typeof k === 'number' ? `第${k + 1}项` : LABELS[k] ?? k)).join('·');

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  whoami: action({
    permission: 'signed-in',
    params: noParams,
    handler: async (_p, { actor }): Promise<WhoAmI> => ({
      openid: actor.openid, maskedOpenid: maskOpenid(actor.openid), role: actor.role,
      departments: actor.departments, halls: actor.halls, grants: actor.grants, name: actor.name,
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
      openid: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、下划线和短横线'),
      name: safeText(z.string().trim().min(1).max(20)),
      role: z.enum(['staff', 'admin']),
      departments: z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, '部门代码格式不正确')).max(20),
      halls: z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, '大厅代码格式不正确')).max(20).optional(),
      grants: z.array(z.enum(STAFF_GRANTS)).max(STAFF_GRANTS.length).optional(),
      active: z.boolean(),
    }).strict(),
    handler: async (p) => {
      const record: Omit<StaffRecord, '_id'> = {
        ...p, departments: [...new Set(p.departments)], halls: [...new Set(p.halls ?? [])], grants: [...new Set(p.grants ?? [])],
      };
      await getDb().collection(STAFF_COLLECTION).doc(p.openid).set({ data: { ...record, updatedAt: new Date().toISOString() } });
      return toMember({ _id: p.openid, ...record });
    },
  }),

  createInvitation,
  listInvitations,
  revokeInvitation,
  previewInvitation,
  acceptInvitation,
};

export const main = createRouter('account', actions, { labels: accountLabel });
