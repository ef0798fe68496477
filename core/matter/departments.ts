/**
 * The department registry: the one source of a 实施主体's identity (code, name, 统一社会信用代码).
 * An import row only *names* its department (by code, or by exact name); the stored matter always
 * carries the registry's name and credit code, so a row can neither invent a department nor dress
 * one department up as another.
 *
 * The built-in list below is 示例市's twelve departments. A city extends or corrects it without a
 * release by adding records to the `departments` collection (`_id` = code, `name`, `creditCode`);
 * a collection record overrides the built-in entry with the same code (see docs/catalogue-import.md).
 */
import { z } from '../zod-zh';
import { safeText } from '../text/hygiene';

export interface Department {
  code: string;
  name: string;
  creditCode: string;
}

export const DEPARTMENTS: readonly Department[] = [
  { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P12301G' },
  { code: 'exit-entry', name: '示例市公安局出入境管理支队', creditCode: '11999900MB0P12328T' },
  { code: 'traffic-police', name: '示例市公安局交通警察支队', creditCode: '11999900MB0P12336K' },
  { code: 'hrss', name: '示例市人力资源和社会保障局', creditCode: '11999900MB0R45012H' },
  { code: 'healthcare-security', name: '示例市医疗保障局', creditCode: '11999900MB1Y66210N' },
  { code: 'housing-fund', name: '示例市住房公积金管理中心', creditCode: '12999900MB0H33017P' },
  { code: 'natural-resources', name: '示例市自然资源和规划局', creditCode: '11999900MB0Y70115D' },
  { code: 'civil-affairs', name: '示例市民政局', creditCode: '11999900MB0M20047W' },
  { code: 'health', name: '示例市卫生健康委员会', creditCode: '11999900MB0W58023E' },
  { code: 'education', name: '示例市教育局', creditCode: '11999900MB0J31009C' },
  { code: 'tax', name: '国家税务总局示例市税务局', creditCode: '11999900MB0T80032F' },
  { code: 'market-regulation', name: '示例市市场监督管理局', creditCode: '11999900MB1T22605L' },
];

export const departmentCode = z.string().trim().regex(/^[a-z0-9-]{2,40}$/, '部门代码只能包含小写字母、数字和连字符');
export const creditCode = z.string().trim().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码须为18位数字或大写字母');

/** A registry record as stored in the `departments` collection (validated before use). */
export const departmentSchema = z.object({
  code: departmentCode,
  name: safeText(z.string().trim().min(1, '不能为空').max(60)),
  creditCode,
}).strict();

export interface DepartmentRegistry {
  byCode(code: string): Department | undefined;
  byName(name: string): Department | undefined;
  all(): Department[];
}

/** Built-in list plus overrides (later entries win by code). Invalid overrides are skipped. */
export function createRegistry(overrides: readonly unknown[] = [], base: readonly Department[] = DEPARTMENTS): DepartmentRegistry {
  const byCode = new Map<string, Department>();
  for (const d of base) byCode.set(d.code, d);
  for (const raw of overrides) {
    const parsed = departmentSchema.safeParse(raw);
    if (parsed.success) byCode.set(parsed.data.code, parsed.data);
  }
  const byName = new Map<string, Department>();
  for (const d of byCode.values()) byName.set(d.name, d);
  return {
    byCode: (code) => byCode.get(code),
    byName: (name) => byName.get(name),
    all: () => [...byCode.values()],
  };
}

export const DEFAULT_REGISTRY = createRegistry();

/** What an import row may say about its department: a code or a name, optionally the rest. */
export interface DepartmentRef {
  code?: string;
  name?: string;
  creditCode?: string;
}

export const DEPARTMENT_MISMATCH = '实施主体与部门登记不一致';

/**
 * The registry's department for what a row says, or why not. The row must name a registered
 * department (by code, or by exact name when no code is given); any name or credit code it also
 * gives must be the registry's.
 */
export function resolveDepartment(ref: DepartmentRef, registry: DepartmentRegistry):
  { ok: true; department: Department } | { ok: false; field: 'code' | 'name' | 'creditCode'; message: string } {
  const dept = ref.code ? registry.byCode(ref.code) : ref.name ? registry.byName(ref.name) : undefined;
  if (!dept) {
    if (ref.code) return { ok: false, field: 'code', message: `部门代码“${ref.code}”未登记，请先由管理员登记该部门` };
    if (ref.name) return { ok: false, field: 'name', message: `部门“${ref.name}”未登记，请填写已登记的部门代码` };
    return { ok: false, field: 'code', message: '请填写实施主体代码' };
  }
  if (ref.name && ref.name !== dept.name) {
    return { ok: false, field: 'name', message: `${DEPARTMENT_MISMATCH}：代码“${dept.code}”登记的名称为“${dept.name}”` };
  }
  if (ref.creditCode && ref.creditCode !== dept.creditCode) {
    return { ok: false, field: 'creditCode', message: `${DEPARTMENT_MISMATCH}：“${dept.name}”登记的统一社会信用代码为${dept.creditCode}` };
  }
  return { ok: true, department: { ...dept } };
}
