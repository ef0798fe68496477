/**
 * Who may do what. Every cloud-function action names one permission and asks this module;
 * no handler decides access on its own.
 */
export type Role = 'citizen' | 'staff' | 'admin';

export interface Actor {
  openid: string;
  role: Role;
  /** Department codes a staff member acts for; admins act for all. */
  departments: string[];
  name?: string;
}

export type Permission =
  | 'public'               // anyone, even without an openid (e.g. reading the catalogue)
  | 'signed-in'            // any caller WeChat identified
  | 'catalogue:import'     // load matters; staff only for their own departments
  | 'staff:manage';        // grant or revoke staff roles

const RANK: Record<Role, number> = { citizen: 0, staff: 1, admin: 2 };

export function isAtLeast(actor: Actor, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}

export type Decision = { allowed: true } | { allowed: false; reason: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

export function decide(actor: Actor, permission: Permission): Decision {
  if (permission === 'public') return { allowed: true };
  if (!actor.openid) return { allowed: false, reason: 'UNAUTHENTICATED', message: '请先在微信中登录后再操作' };
  switch (permission) {
    case 'signed-in':
      return { allowed: true };
    case 'catalogue:import':
      return isAtLeast(actor, 'staff')
        ? { allowed: true }
        : { allowed: false, reason: 'FORBIDDEN', message: '仅工作人员可以导入事项目录' };
    case 'staff:manage':
      return actor.role === 'admin'
        ? { allowed: true }
        : { allowed: false, reason: 'FORBIDDEN', message: '仅管理员可以管理工作人员' };
  }
}

/** Whether the actor may act on data that belongs to a department. */
export function coversDepartment(actor: Actor, departmentCode: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.departments.includes(departmentCode));
}

/** Resolve a caller's role from the admin list and their staff record (if any). */
export function resolveActor(
  openid: string,
  adminOpenids: readonly string[],
  staffRecord: { role: 'staff' | 'admin'; departments: string[]; name?: string; active: boolean } | null,
): Actor {
  if (openid && adminOpenids.includes(openid)) {
    return { openid, role: 'admin', departments: staffRecord?.departments ?? [], name: staffRecord?.name };
  }
  if (openid && staffRecord?.active) {
    return { openid, role: staffRecord.role, departments: staffRecord.departments, name: staffRecord.name };
  }
  return { openid, role: 'citizen', departments: [] };
}

export function parseAdminList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
