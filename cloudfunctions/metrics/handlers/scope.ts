/** Which departments' figures a caller sees: admins all, staff their own (core/policy decides). */
import { decide, departmentScope, type Actor } from '../../../core/policy';
import { DomainError } from '../../../core/envelope';
import type { DepartmentOption } from '../../../core/metrics/api';
import { departmentList } from '../repo';
import { publishedCatalogue } from './catalogue';

/** `matter`: one matter's rows instead of all matters' (absent: all matters). */
export interface Scope { all: boolean; departments: string[]; matter?: string }

/**
 * Without `departmentId`: everything the caller may see. With it: that department, when the
 * caller covers it (a staff member asking for another department is refused: FORBIDDEN, not an
 * empty answer, so a wrong link is noticed).
 */
export async function scopeOf(actor: Actor, departmentId?: string, matterId?: string): Promise<Scope> {
  const scope = await departmentScopeOf(actor, departmentId);
  if (!matterId) return scope;
  await checkMatter(actor, matterId);
  return { ...scope, matter: matterId };
}

/**
 * A matter of the published catalogue whose department the caller covers: staff asking for
 * another department's matter are refused (FORBIDDEN), as for a department.
 */
export async function checkMatter(actor: Actor, matterId: string): Promise<void> {
  const department = (await publishedCatalogue()).departments.get(matterId);
  if (!department) throw new DomainError('INVALID_INPUT', `没有找到事项“${matterId}”`);
  const decision = decide(actor, 'metrics:read', { department });
  if (!decision.allowed) throw new DomainError(decision.reason, decision.message);
}

async function departmentScopeOf(actor: Actor, departmentId?: string): Promise<Scope> {
  if (!departmentId) {
    const scope = departmentScope(actor);
    return scope === 'all' ? { all: true, departments: [] } : { all: false, departments: scope };
  }
  const known = (await departmentList()).some((d) => d.code === departmentId);
  const decision = decide(actor, 'metrics:read', { department: departmentId });
  if (!decision.allowed) throw new DomainError(decision.reason, decision.message);
  if (!known) throw new DomainError('INVALID_INPUT', `没有找到部门“${departmentId}”`);
  return { all: false, departments: [departmentId] };
}

/** The departments the caller can pick on the dashboard. */
export async function departmentOptions(actor: Actor): Promise<DepartmentOption[]> {
  const scope = departmentScope(actor);
  const all = await departmentList();
  return all.filter((d) => scope === 'all' || scope.includes(d.code)).map((d) => ({ id: d.code, name: d.name }));
}
