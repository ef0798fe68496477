/**
 * Who may do what — the one module that decides access. Every cloud-function action names a
 * permission; the router asks `decide(actor, permission)` before the handler runs and again with
 * the resource the call acts on (its department, its owner, its hall) once that is loaded.
 * No handler decides access on its own; handlers that act on many resources (an import) ask
 * this module per resource.
 */
export type Role = 'citizen' | 'staff' | 'admin';

/**
 * Extra duties a staff member may be granted beyond handling their departments' work.
 * Admins hold every grant.
 */
export const STAFF_GRANTS = ['knowledge', 'consult', 'push', 'approve', 'notices'] as const;
export type StaffGrant = (typeof STAFF_GRANTS)[number];

export const GRANT_LABELS: Record<StaffGrant, string> = {
  knowledge: '维护知识库',
  consult: '答复咨询',
  push: '发起推送',
  approve: '审批推送',
  notices: '发布公告',
};

export interface Actor {
  openid: string;
  role: Role;
  /** Department codes a staff member acts for; admins act for all. */
  departments: string[];
  /** Service halls a staff member runs (预约、现场核验); admins run all. */
  halls: string[];
  grants: StaffGrant[];
  name?: string;
}

/** What a call acts on, as far as access is concerned. */
export interface Resource {
  /** The department that owns the data (a matter's 实施主体, an application's handling dept). */
  department?: string;
  /** The citizen the data belongs to (an application, a booking, a conversation); never its handler. */
  ownerOpenid?: string;
  /** The service hall (a slot, a booking's hall). */
  hall?: string;
  /** Who created it (a campaign): the creator may not also approve it. */
  createdBy?: string;
  /**
   * The citizen who asked a handed-off question (consult): a record an agent opens beside the
   * question must be that citizen's (`ownerOpenid`), never anybody else's.
   */
  askerOpenid?: string;
}

export type Permission =
  | 'public'               // anyone, even without an openid (e.g. reading the catalogue)
  | 'signed-in'            // any caller WeChat identified
  | 'staff'                // any active staff member or admin (staff home, dashboards)
  | 'catalogue:import'     // load matters; staff only for their own departments
  | 'staff:manage'         // grant or revoke staff roles, invitations
  | 'pay:reconcile'        // 缴费对账 reports and mismatches: admins only
  | 'calendar:manage'      // working-day overrides (local closures, next year's schedule)
  | 'citizen:own'          // a citizen's own data (application, booking, conversation); others get NOT_FOUND
  | 'case:read'            // the owner, or staff of the handling department
  | 'case:handle'          // staff of the handling department
  | 'hall:operate'         // staff of the hall (check-in, day list, capacity, closures)
  | 'hall:manage'          // set up halls and slot templates: admin, or staff of that hall
  | 'consult:answer'       // the human inbox, and the asking citizen's own records beside a question (read-only)
  | 'consult:reveal'       // an inbox question's unmasked ID / phone numbers (logged)
  | 'knowledge:manage'     // rules, FAQ, synonyms, knowledge-base import
  | 'push:campaign'        // compose, schedule, cancel broadcast campaigns
  | 'push:approve'         // approve someone else's campaign
  | 'notice:publish'       // 通知公告
  | 'evaluation:rate'      // 好差评: the applicant / booker only, never on their own department's or hall's work
  | 'evaluation:handle'    // 差评工单: staff of the unit that did the work (谁办理谁负责)
  | 'evaluation:review'    // 申诉复核: an admin outside the appealing unit
  | 'metrics:read'         // 效能看板: staff see their departments' figures (and the city-wide ones), admins all
  | 'metrics:rollup';      // rerun a day's rollup: admins only

const RANK: Record<Role, number> = { citizen: 0, staff: 1, admin: 2 };

export function isAtLeast(actor: Actor, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}

export type DenyReason = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
export type Decision = { allowed: true } | { allowed: false; reason: DenyReason; message: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenyReason, message: string): Decision => ({ allowed: false, reason, message });

/** For citizen-owned data: never confirm that somebody else's record exists. */
const NOT_YOURS = deny('NOT_FOUND', '没有找到该记录');

export function hasGrant(actor: Actor, grant: StaffGrant): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.grants.includes(grant));
}

/** Whether the actor may act on data that belongs to a department. */
export function coversDepartment(actor: Actor, departmentCode: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.departments.includes(departmentCode));
}

/**
 * Which departments a staff listing (queue, dashboards) may show: every department for admins,
 * the staff member's own otherwise. Listings filter by this instead of deciding per record.
 */
export function departmentScope(actor: Actor): 'all' | string[] {
  if (actor.role === 'admin') return 'all';
  return actor.role === 'staff' ? [...actor.departments] : [];
}

/** Whether the actor runs a service hall. */
export function coversHall(actor: Actor, hallId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.halls.includes(hallId));
}

/**
 * Separation of duties: nobody performs a duty on something they applied for, booked or created
 * themselves — handling or unmasking their own case, checking in their own booking, approving
 * their own campaign. One rule for every such duty, admins included, so no handler can forget it.
 */
const NOT_ON_ONESELF: Partial<Record<Permission, string>> = {
  'case:handle': '不能办理本人提交的办件，请由本部门其他工作人员办理',
  'hall:operate': '不能办理本人的预约，请由大厅其他工作人员办理',
  'push:approve': '不能审批自己创建的推送，请由另一位审批人审批',
  'consult:answer': '不能查看本人的办件或预约，请由其他坐席答复',
};

/** Whether the resource is the actor's own: they applied for or booked it, or created it. */
function isOwnResource(actor: Actor, resource: Resource): boolean {
  return resource.ownerOpenid === actor.openid || resource.createdBy === actor.openid;
}

/**
 * Whether the actor belongs to the unit that did the work (by their own staff record, admins
 * included): they may neither rate it nor decide their own unit's appeal.
 */
function handledByOwnUnit(actor: Actor, resource: Resource): boolean {
  return (!!resource.department && actor.departments.includes(resource.department))
    || (!!resource.hall && actor.halls.includes(resource.hall));
}

/**
 * Decide one call. Without `resource` this is the role gate (checked before any data is read);
 * with it, the decision about that particular record.
 */
export function decide(actor: Actor, permission: Permission, resource?: Resource): Decision {
  const decision = decideByRole(actor, permission, resource);
  const selfDuty = NOT_ON_ONESELF[permission];
  if (!decision.allowed || !resource || !selfDuty) return decision;
  return isOwnResource(actor, resource) ? deny('FORBIDDEN', selfDuty) : decision;
}

function decideByRole(actor: Actor, permission: Permission, resource?: Resource): Decision {
  if (permission === 'public') return ALLOW;
  if (!actor.openid) return deny('UNAUTHENTICATED', '请先在微信中登录后再操作');
  const staffOnly = (message: string) => (isAtLeast(actor, 'staff') ? ALLOW : deny('FORBIDDEN', message));
  const granted = (grant: StaffGrant, message: string) => (hasGrant(actor, grant) ? ALLOW : deny('FORBIDDEN', message));

  switch (permission) {
    case 'signed-in':
      return ALLOW;
    case 'staff':
      return staffOnly('仅工作人员可以使用此功能');
    case 'catalogue:import': {
      const gate = staffOnly('仅工作人员可以导入事项目录');
      if (!gate.allowed || !resource?.department) return gate;
      return coversDepartment(actor, resource.department) ? ALLOW : deny('FORBIDDEN', '您无权导入或修改其他部门的事项');
    }
    case 'pay:reconcile':
      return actor.role === 'admin' ? ALLOW : deny('FORBIDDEN', '仅管理员可以查看缴费对账');
    case 'staff:manage':
      return actor.role === 'admin' ? ALLOW : deny('FORBIDDEN', '仅管理员可以管理工作人员');
    case 'calendar:manage':
      return actor.role === 'admin' ? ALLOW : deny('FORBIDDEN', '仅管理员可以维护工作日历');
    case 'citizen:own':
      if (!resource) return ALLOW;
      return resource.ownerOpenid === actor.openid ? ALLOW : NOT_YOURS;
    case 'case:read':
      if (!resource) return ALLOW;
      if (resource.ownerOpenid === actor.openid) return ALLOW;
      return resource.department && coversDepartment(actor, resource.department) ? ALLOW : NOT_YOURS;
    case 'case:handle': {
      const gate = staffOnly('仅工作人员可以办理办件');
      if (!gate.allowed || !resource) return gate;
      return resource.department && coversDepartment(actor, resource.department)
        ? ALLOW : deny('FORBIDDEN', '该办件不属于您所在部门');
    }
    case 'hall:operate':
    case 'hall:manage': {
      const gate = staffOnly('仅大厅工作人员可以操作');
      if (!gate.allowed || !resource) return gate;
      return resource.hall && coversHall(actor, resource.hall) ? ALLOW : deny('FORBIDDEN', '您不是该服务大厅的工作人员');
    }
    case 'consult:answer': {
      const gate = granted('consult', '仅咨询坐席可以答复群众提问');
      if (!gate.allowed || !resource?.ownerOpenid) return gate;
      // A record beside a question: only the asker's own; anything else is not there for the agent.
      return resource.ownerOpenid === resource.askerOpenid ? ALLOW : NOT_YOURS;
    }
    case 'consult:reveal':
      return granted('consult', '仅咨询坐席可以查看提问原文');
    case 'knowledge:manage':
      return granted('knowledge', '仅知识库维护人员可以修改问答知识库');
    case 'push:campaign':
      return granted('push', '仅具有推送权限的工作人员可以发起推送');
    case 'push:approve':
      return granted('approve', '仅具有审批权限的工作人员可以审批推送');
    case 'notice:publish':
      return hasGrant(actor, 'notices') || hasGrant(actor, 'push') ? ALLOW : deny('FORBIDDEN', '仅具有公告权限的工作人员可以发布通知公告');
    case 'evaluation:rate':
      if (!resource) return ALLOW;
      if (resource.ownerOpenid !== actor.openid) return NOT_YOURS;
      return handledByOwnUnit(actor, resource) ? deny('FORBIDDEN', '不能评价本部门或本大厅办理的事项') : ALLOW;
    case 'evaluation:handle': {
      const gate = staffOnly('仅工作人员可以处理差评工单');
      if (!gate.allowed || !resource) return gate;
      const covered = (resource.department && coversDepartment(actor, resource.department)) || (resource.hall && coversHall(actor, resource.hall));
      return covered ? ALLOW : deny('FORBIDDEN', '该差评工单不属于您所在部门');
    }
    case 'metrics:read': {
      const gate = staffOnly('仅工作人员可以查看效能看板');
      if (!gate.allowed || !resource?.department) return gate;
      return coversDepartment(actor, resource.department) ? ALLOW : deny('FORBIDDEN', '您只能查看本部门的效能数据');
    }
    case 'metrics:rollup':
      return actor.role === 'admin' ? ALLOW : deny('FORBIDDEN', '仅管理员可以重新汇总效能数据');
    case 'evaluation:review':
      if (actor.role !== 'admin') return deny('FORBIDDEN', '仅管理员可以复核差评申诉');
      return resource && handledByOwnUnit(actor, resource) ? deny('FORBIDDEN', '申诉须由申诉部门以外的管理员复核') : ALLOW;
  }
}

export interface StaffRecordLike {
  role: 'staff' | 'admin';
  departments: string[];
  halls?: string[];
  grants?: StaffGrant[];
  name?: string;
  active: boolean;
}

/** Resolve a caller's role from the admin list and their staff record (if any). */
export function resolveActor(openid: string, adminOpenids: readonly string[], staffRecord: StaffRecordLike | null): Actor {
  const halls = staffRecord?.halls ?? [];
  const grants = staffRecord?.grants ?? [];
  if (openid && adminOpenids.includes(openid)) {
    return { openid, role: 'admin', departments: staffRecord?.departments ?? [], halls, grants: [...STAFF_GRANTS], name: staffRecord?.name };
  }
  if (openid && staffRecord?.active) {
    const role = staffRecord.role;
    return { openid, role, departments: staffRecord.departments, halls, grants: role === 'admin' ? [...STAFF_GRANTS] : grants, name: staffRecord.name };
  }
  return { openid, role: 'citizen', departments: [], halls: [], grants: [] };
}

export function parseAdminList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
