/** 身份与工作人员: who the caller is, staff records, invitations. Routes only; handlers live beside it. */
import { createRouter } from '../shared/router';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './handlers/invitations';
import { listStaff, setStaff, whoami } from './handlers/staff';

const LABELS: Record<string, string> = {
  openid: '工作人员微信标识', name: '姓名', role: '角色', departments: '所属部门', halls: '所在服务大厅', grants: '授权', active: '启用状态',
  code: '邀请码', expiresInHours: '有效期',
};
const accountLabel = (path: (string | number)[]) => path.map((k) => (typeof k === 'number' ? `第${k + 1}项` : LABELS[k] ?? k)).join('·');

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  whoami, listStaff, setStaff, createInvitation, listInvitations, revokeInvitation, previewInvitation, acceptInvitation,
};

export const main = createRouter('account', actions, { labels: accountLabel });
