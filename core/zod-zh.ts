/**
 * Chinese default messages for zod, so a validation failure reads well to citizens and staff
 * even where a schema gives no message of its own. Installed once on import.
 */
import { z, ZodIssueCode, type ZodErrorMap } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '对象',
  undefined: '空', null: '空值', date: '日期', bigint: '整数', nan: '非数字',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

export const chineseErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '必填项缺失' : `应为${typeName(issue.expected)}，实际为${typeName(issue.received)}` };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '不能为空' : `至少${issue.minimum}个字符` };
      if (issue.type === 'array') return { message: `至少${issue.minimum}项` };
      return { message: `不能小于${issue.minimum}` };
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过${issue.maximum}个字符` };
      if (issue.type === 'array') return { message: `最多${issue.maximum}项` };
      return { message: `不能大于${issue.maximum}` };
    case ZodIssueCode.invalid_enum_value:
      return { message: `取值须为：${issue.options.join('、')}` };
    case ZodIssueCode.unrecognized_keys:
      return { message: `包含不支持的字段：${issue.keys.join('、')}` };
    case ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_literal:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: '取值不在允许范围内' };
    default:
      return { message: ctx.defaultError === 'Invalid input' ? '输入不正确' : ctx.defaultError };
  }
};

/**
 * A params path in Chinese from a key → label table: `materials.0.name` → `申请材料·第1项·名称`.
 * A key without a label shows as is, which the validation sweep
 * (test/functions/validation-labels.test.ts) reports.
 */
export function labelsFrom(labels: Record<string, string>): (path: (string | number)[]) => string {
  return (path) => path.map((k) => (typeof k === 'number' ? `第${k + 1}项` : labels[k] ?? k)).join('·');
}

z.setErrorMap(chineseErrorMap);
export { z };
