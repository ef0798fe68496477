/**
 * 在线申办 form definitions and their validation, plus stable material ids.
 *
 * A matter may declare form fields (`matter.form.fields`); the mini-program renders the form from
 * them and the server validates submissions against the same definition with Chinese messages:
 * 身份证号 with the GB 11643-1999 check digit, 手机号, dates that may not lie in the future.
 * Pure code: used by the client, the import and the affairs function alike.
 */
import { z } from '../zod-zh';
import { textProblem } from '../text/hygiene';

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'idNumber', 'phone', 'address', 'checkbox', 'bankCard', 'permitNumber', 'health'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Chinese names for the CSV column and the staff UI (either spelling is accepted on import). */
export const FORM_FIELD_TYPE_LABELS: Record<FormFieldType, string> = {
  text: '文本', number: '数字', date: '日期', select: '单选', idNumber: '身份证号', phone: '手机号', address: '地址', checkbox: '多选',
  bankCard: '银行卡号', permitNumber: '证件号码', health: '健康状况',
};

/**
 * Field types whose values are personal data: encrypted at rest, masked on display (core/mask.ts
 * `maskFormValue`). 银行卡号/账号, 通行证/许可证号 and health conditions (慢特病病种, choices
 * when the field lists options) are sensitive too, not only ID and phone numbers.
 */
export const PII_FIELD_TYPES: readonly FormFieldType[] = ['idNumber', 'phone', 'bankCard', 'permitNumber', 'health'];

export const formFieldSchema = z.object({
  key: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段键须以字母开头，只含字母、数字和下划线'),
  label: z.string().trim().min(1, '不能为空').max(40, '不能超过40个字符'),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string().trim().min(1).max(40)).min(1).max(30).optional(),
  /** For dates: may not be later than today (出生日期, 离职日期). */
  notFuture: z.boolean().optional(),
  placeholder: z.string().trim().max(60).optional(),
  /**
   * This text field holds the applicant's name (监护人姓名 when a parent applies for a newborn):
   * staff queues show it. Without one, the first 姓名 field is taken.
   */
  applicant: z.boolean().optional(),
}).strict().refine((f) => f.type !== 'select' || (f.options?.length ?? 0) >= 2, {
  message: '单选字段至少需要两个选项', path: ['options'],
});

export const formSchema = z.object({
  fields: z.array(formFieldSchema).max(40, '表单最多40个字段'),
}).strict().refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, {
  message: '表单字段键不能重复', path: ['fields'],
});

export type FormField = z.output<typeof formFieldSchema>;
export type MatterForm = z.output<typeof formSchema>;
export type FormValue = string | number | boolean | string[];
export type FormValues = Record<string, FormValue>;

// ---------------------------------------------------------------------------------------------
// Stable material ids

/**
 * A material's id, derived from its name so it survives re-imports, reordering and CSV round
 * trips, and so the same material in several matters of one 一件事 shares one id (asked once).
 */
export function materialIdOf(name: string): string {
  // FNV-1a 32-bit over UTF-16 code units: tiny, deterministic, same result in browser and Node.
  let h = 0x811c9dc5;
  const s = name.trim();
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `m${h.toString(36).padStart(7, '0')}`;
}

export const MATERIAL_ID_RE = /^[a-z0-9-]{1,40}$/;

// ---------------------------------------------------------------------------------------------
// Value checks

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Why an 18-digit 公民身份号码 is invalid, or null when it is valid. */
export function idNumberProblem(raw: string, today?: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birth) || birth < '1900-01-01' || (today && birth > today)) return 'birthDate';
  return idCheckChar(id.slice(0, 17)) === id[17] ? null : 'checkDigit';
}

export function isValidIdNumber(raw: string, today?: string): boolean {
  return idNumberProblem(raw, today) === null;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isMobilePhone(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.replace(/[\s-]/g, ''));
}

export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
}

export interface FieldError {
  key: string;
  label: string;
  message: string;
}

const MAX_TEXT = 200;
const MAX_ADDRESS = 200;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || v === false;
}

/** Normalises and checks one value; returns the clean value or a Chinese problem. */
export function checkFieldValue(field: FormField, value: unknown, today: string): { value?: FormValue; error?: string } {
  if (isEmpty(value)) {
    // An unticked single checkbox (no options) is "no": only a problem when it must be ticked.
    return field.required ? { error: field.type === 'checkbox' ? '请勾选' : field.type === 'select' ? '请选择' : '不能为空' } : {};
  }
  switch (field.type) {
    case 'text':
    case 'address': {
      if (typeof value !== 'string') return { error: '应为文本' };
      const v = value.trim();
      const max = field.type === 'address' ? MAX_ADDRESS : MAX_TEXT;
      if (!v) return field.required ? { error: '不能为空' } : {};
      if (v.length > max) return { error: `不能超过${max}个字` };
      // Staff read this text: refuse bidi overrides and other characters that render as something else.
      const problem = textProblem(v);
      if (problem) return { error: problem };
      if (field.type === 'address' && v.length < 5) return { error: '请填写完整地址（省市区、街道、门牌号）' };
      return { value: v };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { error: '应为数字' };
      if (Math.abs(n) > 1e12) return { error: '数值过大' };
      return { value: n };
    }
    case 'date': {
      if (typeof value !== 'string' || !isRealDate(value.trim())) return { error: '应为日期，如 2025-03-04' };
      const v = value.trim();
      if (field.notFuture && v > today) return { error: '不能晚于今天' };
      return { value: v };
    }
    case 'select': {
      if (typeof value !== 'string' || !(field.options ?? []).includes(value)) return { error: `请从${(field.options ?? []).join('、')}中选择` };
      return { value };
    }
    case 'checkbox': {
      if (!field.options?.length) {
        if (typeof value !== 'boolean') return { error: '应为是或否' };
        return { value };
      }
      if (!Array.isArray(value) || value.some((x) => typeof x !== 'string' || !field.options!.includes(x))) {
        return { error: `只能选择${field.options.join('、')}` };
      }
      return { value: [...new Set(value as string[])] };
    }
    case 'idNumber': {
      if (typeof value !== 'string') return { error: '应为文本' };
      const problem = idNumberProblem(value, today);
      if (problem === 'format') return { error: '应为18位公民身份号码' };
      if (problem === 'birthDate') return { error: '出生日期不正确' };
      if (problem === 'checkDigit') return { error: '校验位不正确，请核对' };
      return { value: value.trim().toUpperCase() };
    }
    case 'phone': {
      if (typeof value !== 'string' || !isMobilePhone(value)) return { error: '应为11位手机号码' };
      return { value: value.replace(/[\s-]/g, '') };
    }
    case 'bankCard': {
      const v = typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
      return /^\d{12,30}$/.test(v) ? { value: v } : { error: '应为12至30位数字的银行卡号或账号' };
    }
    case 'permitNumber': {
      const v = typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : '';
      return /^[A-Z0-9]{5,20}$/.test(v) ? { value: v } : { error: '应为5至20位字母或数字' };
    }
    case 'health': {
      if (field.options?.length) {
        return typeof value === 'string' && field.options.includes(value) ? { value } : { error: `请从${field.options.join('、')}中选择` };
      }
      if (typeof value !== 'string') return { error: '应为文本' };
      const v = value.trim();
      if (v.length > MAX_TEXT) return { error: `不能超过${MAX_TEXT}个字` };
      const problem = textProblem(v);
      if (problem) return { error: problem };
      return v ? { value: v } : field.required ? { error: '不能为空' } : {};
    }
  }
}

/**
 * Validates submitted values against a form: unknown keys, missing required fields and bad
 * values all come back as errors (every one, so the form can mark them all at once).
 */
export function validateForm(form: MatterForm, values: Record<string, unknown>, today: string, only?: readonly string[]): { values: FormValues; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: FormValues = {};
  const fields = only ? form.fields.filter((f) => only.includes(f.key)) : form.fields;
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ key, label: key, message: only ? '不在要求补正的字段之内' : '不是本事项表单的字段' });
  }
  for (const field of fields) {
    const r = checkFieldValue(field, values[field.key], today);
    if (r.error) errors.push({ key: field.key, label: field.label, message: r.error });
    else if (r.value !== undefined) clean[field.key] = r.value;
  }
  return { values: clean, errors };
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.slice(0, 3).map((e) => `${e.label}${e.message}`).join('；') + (errors.length > 3 ? `等${errors.length}处问题` : '');
}

// ---------------------------------------------------------------------------------------------
// CSV cell: one field per line, `key|label|type|required(是/否)|options(、 separated)|不晚于今天(是/否)`

const TYPE_BY_NAME: Record<string, FormFieldType> = Object.fromEntries([
  ...FORM_FIELD_TYPES.map((t) => [t.toLowerCase(), t]),
  ...Object.entries(FORM_FIELD_TYPE_LABELS).map(([t, l]) => [l, t]),
  ['选择', 'select'], ['勾选', 'checkbox'], ['复选', 'checkbox'], ['身份证', 'idNumber'], ['电话', 'phone'], ['idnumber', 'idNumber'],
  ['银行账号', 'bankCard'], ['bankcard', 'bankCard'], ['通行证号', 'permitNumber'], ['许可证号', 'permitNumber'], ['permitnumber', 'permitNumber'], ['病种', 'health'], ['慢特病', 'health'],
]) as Record<string, FormFieldType>;

export function parseFormCell(cell: string): { fields: unknown[] } {
  const lines = cell.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  return {
    fields: lines.map((line, i) => {
      const p = line.split('|').map((s) => s.trim());
      if (p.length < 4) throw new Error(`表单字段第${i + 1}项应至少有4段（键|名称|类型|是否必填），实际为${p.length}段`);
      const type = TYPE_BY_NAME[p[2].toLowerCase()] ?? TYPE_BY_NAME[p[2]];
      if (!type) throw new Error(`表单字段第${i + 1}项的类型“${p[2]}”不支持，可用：${FORM_FIELD_TYPES.map((t) => FORM_FIELD_TYPE_LABELS[t]).join('、')}`);
      const yes = (s: string | undefined, what: string) => {
        if (s === undefined || s === '') return undefined;
        if (s === '是') return true;
        if (s === '否') return false;
        throw new Error(`表单字段第${i + 1}项的${what}须填“是”或“否”，实际为“${s}”`);
      };
      const options = p[4] ? p[4].split(/[、，,]/).map((s) => s.trim()).filter(Boolean) : undefined;
      const notFuture = yes(p[5], '不晚于今天');
      const applicant = yes(p[6], '申请人姓名');
      return {
        key: p[0], label: p[1], type, required: yes(p[3], '是否必填') ?? false,
        ...(options?.length ? { options } : {}), ...(notFuture ? { notFuture } : {}), ...(applicant ? { applicant } : {}),
      };
    }),
  };
}

export function writeFormCell(form: MatterForm | undefined): string {
  return (form?.fields ?? []).map((f) => [
    f.key, f.label, f.type, f.required ? '是' : '否', (f.options ?? []).join('、'), f.notFuture ? '是' : '', f.applicant ? '是' : '',
  ].join('|').replace(/\|+$/, '')).join('\n');
}
