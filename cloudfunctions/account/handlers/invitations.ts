/**
 * Staff onboarding by one-time invitation. The admin never types an openid: the employee's
 * openid comes from getWXContext when they accept. Single use holds under concurrency because
 * the claim and the staff record are written in one transaction that re-reads the invitation
 * (optimistic concurrency: a second claimant conflicts, retries and finds it used).
 */
import { randomInt } from 'node:crypto';
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { maskOpenid } from '../../../core/mask';
import { STAFF_GRANTS, type Actor } from '../../../core/policy';
import type { Invitation, InvitationPreview, WhoAmI } from '../../../core/api';
import {
  CODE_PATTERN, DEFAULT_EXPIRY_HOURS, MAX_EXPIRY_HOURS, effectiveStatus, generateCode, joinPath, mergeGrant,
  normaliseCode, unusableReason, type StoredInvitation,
} from '../../../core/account/invitation';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { transact, txGet } from '../../shared/transaction';
import { fetchAll } from '../../shared/paging';
import { STAFF } from '../../shared/collections';
import { INVITATIONS, findInvitation, findStaff, listStaffRecords } from '../repo';

const deptCode = z.string().regex(/^[a-z0-9-]{2,40}$/, '部门代码格式不正确');
const hallCode = z.string().regex(/^[a-z0-9-]{2,40}$/, '大厅代码格式不正确');
const codeParam = z.string().max(200).transform(normaliseCode).pipe(z.string().regex(CODE_PATTERN, '邀请码应为8位字母或数字，请核对'));
/** Control, bidi-override and zero-width characters make a name that reads differently than it is. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const nameParam = z.string().trim().min(1, '请填写您的姓名').max(20, '姓名不能超过20个字')
  .refine((s) => !UNSAFE_NAME.test(s), '姓名含有不可见或控制字符，请重新输入');


function toInvitation(inv: StoredInvitation, now: Date, boundActive?: boolean): Invitation {
  return {
    code: inv.code, role: inv.role, departments: inv.departments, halls: inv.halls, grants: inv.grants,
    status: effectiveStatus(inv, now), createdAt: inv.createdAt, expiresAt: inv.expiresAt, path: joinPath(inv.code),
    ...(inv.usedAt ? { usedAt: inv.usedAt } : {}),
    ...(inv.usedName ? { boundName: inv.usedName } : {}),
    ...(inv.usedBy ? { boundOpenidMasked: maskOpenid(inv.usedBy) } : {}),
    ...(boundActive !== undefined ? { boundActive } : {}),
    ...(inv.revokedAt ? { revokedAt: inv.revokedAt } : {}),
  };
}

/** Admins cover every department; staff cover theirs. Binding again would change nothing. */
function alreadyStaffOf(actor: Actor, inv: StoredInvitation): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'staff') return false;
  if (inv.role === 'admin') return false;
  return inv.departments.length === 0 || inv.departments.some((d) => actor.departments.includes(d));
}

export const createInvitation = action({
  permission: 'staff:manage',
  params: z.object({
    role: z.enum(['staff', 'admin']),
    departments: z.array(deptCode).max(20),
    halls: z.array(hallCode).max(20).optional(),
    grants: z.array(z.enum(STAFF_GRANTS)).max(STAFF_GRANTS.length).optional(),
    expiresInHours: z.number().int().min(1, '有效期至少1小时').max(MAX_EXPIRY_HOURS, `有效期最长${MAX_EXPIRY_HOURS}小时`).optional(),
  }).strict().refine((p) => p.role === 'admin' || p.departments.length > 0, { message: '请至少选择一个所属部门', path: ['departments'] }),
  handler: async (p, { actor }): Promise<Invitation> => {
    const now = new Date();
    const base = {
      role: p.role,
      departments: [...new Set(p.departments)],
      halls: [...new Set(p.halls ?? [])],
      grants: [...new Set(p.grants ?? [])],
      status: 'open' as const,
      createdAt: now.toISOString(),
      createdBy: actor.openid,
      expiresAt: new Date(now.getTime() + (p.expiresInHours ?? DEFAULT_EXPIRY_HOURS) * 3600_000).toISOString(),
    };
    // A collision among 31^8 codes is vanishingly rare; `add` refuses a duplicate _id, so retry.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateCode(randomInt);
      try {
        await getDb().collection(INVITATIONS).add({ data: { _id: code, code, ...base } });
        return toInvitation({ _id: code, code, ...base }, now);
      } catch (e) {
        if (!(await findInvitation(code))) throw e;
      }
    }
    throw new DomainError('INTERNAL', '生成邀请码失败，请重试');
  },
});

export const listInvitations = action({
  permission: 'staff:manage',
  params: noParams,
  handler: async (): Promise<Invitation[]> => {
    const now = new Date();
    const [invitations, staff] = await Promise.all([
      fetchAll<StoredInvitation>(() => getDb().collection<StoredInvitation>(INVITATIONS).orderBy('createdAt', 'desc'), 2000),
      listStaffRecords(),
    ]);
    const active = new Map(staff.map((s) => [s.openid, s.active]));
    return invitations.map((inv) => toInvitation(inv, now, inv.usedBy ? active.get(inv.usedBy) ?? false : undefined));
  },
});

export const revokeInvitation = action({
  permission: 'staff:manage',
  params: z.object({ code: codeParam }).strict(),
  handler: async (p, { actor }): Promise<Invitation> => {
    const db = getDb();
    const _ = db.command;
    const inv = await findInvitation(p.code);
    if (!inv) throw new DomainError('NOT_FOUND', '没有找到该邀请码');
    if (inv.status === 'revoked') throw new DomainError('CONFLICT', '该邀请码已经撤销过了');
    const revokedAt = new Date().toISOString();
    if (inv.status === 'open') {
      const res = await db.collection(INVITATIONS).where({ _id: _.eq(p.code), status: _.eq('open') })
        .update({ data: { status: 'revoked', revokedAt, revokedBy: actor.openid } });
      if (res.stats.updated !== 1) throw new DomainError('CONFLICT', '该邀请码刚刚已被使用，请刷新后再操作');
      return toInvitation({ ...inv, status: 'revoked', revokedAt }, new Date());
    }
    // Used: revoking the binding deactivates the staff member it created, in one step.
    const usedBy = inv.usedBy!;
    await transact(async (t) => {
      const cur = await txGet<StoredInvitation>(t, INVITATIONS, p.code);
      if (!cur || cur.status !== 'used') throw new DomainError('CONFLICT', '该邀请码状态已变化，请刷新后再操作');
      await t.collection(INVITATIONS).doc(p.code).update({ data: { status: 'revoked', revokedAt, revokedBy: actor.openid } });
      await t.collection(STAFF).doc(usedBy).update({ data: { active: false, updatedAt: revokedAt } });
    });
    return toInvitation({ ...inv, status: 'revoked', revokedAt }, new Date(), false);
  },
});

export const previewInvitation = action({
  permission: 'signed-in',
  params: z.object({ code: codeParam }).strict(),
  handler: async (p, { actor }): Promise<InvitationPreview> => {
    const inv = await findInvitation(p.code);
    if (!inv) throw new DomainError('NOT_FOUND', '邀请码不存在，请核对后重新输入');
    return {
      code: inv.code, role: inv.role, departments: inv.departments, halls: inv.halls, grants: inv.grants,
      status: effectiveStatus(inv, new Date()), expiresAt: inv.expiresAt, alreadyStaff: alreadyStaffOf(actor, inv),
    };
  },
});

export const acceptInvitation = action({
  permission: 'signed-in',
  params: z.object({ code: codeParam, name: nameParam }).strict(),
  handler: async (p, { actor }): Promise<WhoAmI> => {
    const openid = actor.openid; // from getWXContext via the router, never from the body
    const inv = await findInvitation(p.code);
    if (!inv) throw new DomainError('NOT_FOUND', '邀请码不存在，请核对后重新输入');
    const reason = unusableReason(effectiveStatus(inv, new Date()));
    if (reason) throw new DomainError('CONFLICT', reason);
    if (alreadyStaffOf(actor, inv)) throw new DomainError('CONFLICT', '您已是该部门的工作人员，无需再次绑定');

    const existing = await findStaff(openid);
    const merged = mergeGrant(existing && {
      role: existing.role, departments: existing.departments, halls: existing.halls ?? [], grants: existing.grants ?? [], active: existing.active,
    }, inv);
    const usedAt = new Date().toISOString();
    try {
      await transact(async (t) => {
        const cur = await txGet<StoredInvitation>(t, INVITATIONS, p.code);
        const why = cur ? unusableReason(effectiveStatus(cur, new Date())) : '邀请码不存在，请核对后重新输入';
        if (why) throw new DomainError('CONFLICT', why);
        await t.collection(INVITATIONS).doc(p.code).update({ data: { status: 'used', usedBy: openid, usedName: p.name, usedAt } });
        await t.collection(STAFF).doc(openid).set({
          data: { openid, name: p.name, ...merged, active: true, invitation: p.code, updatedAt: usedAt },
        });
      });
    } catch (e) {
      if (e instanceof DomainError) throw e;
      // Gave up after repeated conflicts: tell the truth if someone else got it.
      const after = await findInvitation(p.code);
      const why = after && after.usedBy !== openid ? unusableReason(effectiveStatus(after, new Date())) : undefined;
      if (why) throw new DomainError('CONFLICT', why);
      throw e;
    }
    return {
      openid, maskedOpenid: maskOpenid(openid), role: merged.role, departments: merged.departments,
      halls: merged.halls, grants: merged.role === 'admin' ? [...STAFF_GRANTS] : merged.grants, name: p.name,
    };
  },
});
