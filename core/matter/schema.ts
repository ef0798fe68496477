/**
 * The 办事指南 of one service matter, carrying every element of the national guide standard
 * (see README "事项数据格式"). Keys are English; enumerated values stay in the Chinese the
 * national catalogue uses, so an imported spreadsheet reads naturally.
 */
import { z } from '../zod-zh';
import { safeText } from '../text/hygiene';
import { creditCode, departmentCode } from './departments';
import { lawTitle } from './legal-basis';
import {
  AUDIENCES, CASE_KINDS, LIFE_EVENTS, MATERIAL_FORMS, MATERIAL_NECESSITY, MATTER_STATUSES,
  MATTER_TYPES, SERVICE_SCOPES, THEMES,
} from './taxonomy';
import { formSchema, materialIdOf, MATERIAL_ID_RE } from './form';

const text = (max: number) => safeText(z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字符`));
const optionalText = (max: number) => safeText(z.string().trim().max(max, `不能超过${max}个字符`)).optional();
const workingDays = z.number().int('须为整数').min(0, '不能为负数').max(365, '不能超过365个工作日');
const phone = z.string().trim().regex(/^[0-9-]{5,20}$/, '电话号码格式不正确');
const lifeEventIds = LIFE_EVENTS.map((e) => e.id) as [string, ...string[]];

export const materialSchema = z.object({
  /** Stable id (在线申办 attaches files to it); derived from the name when the file gives none. */
  id: z.string().trim().regex(MATERIAL_ID_RE, '材料编号只能包含小写字母、数字和连字符').optional(),
  name: text(100),
  forms: z.array(z.enum(MATERIAL_FORMS)).min(1, '至少一种材料形式').max(2),
  necessity: z.enum(MATERIAL_NECESSITY),
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  source: text(100),
  blankForm: optionalText(300),
  sample: optionalText(300),
  notes: optionalText(500),
  /**
   * 等同材料: materials of any matter sharing this key are one document (e.g. 父母双方的居民身份证
   * and 监护人居民身份证 in 新生儿出生), asked once in a 一件事.
   */
  sameAs: z.string().trim().regex(MATERIAL_ID_RE, '等同材料编号只能包含小写字母、数字和连字符').optional(),
}).strict().transform((m) => ({ ...m, id: m.id ?? materialIdOf(m.name) }));

export const stepSchema = z.object({
  name: text(50),
  days: workingDays.optional(),
  description: optionalText(300),
}).strict();

export const feeItemSchema = z.object({
  name: text(100),
  standard: text(200),
  basis: text(300),
  reducible: z.boolean(),
}).strict();

export const locationSchema = z.object({
  name: text(100),
  address: text(200),
  hours: text(200),
}).strict();

export const matterSchema = z.object({
  name: text(100),
  basicCode: z.string().trim().regex(/^[0-9A-Za-z-]{6,40}$/, '基本编码格式不正确'),
  implementationCode: z.string().trim().regex(/^[0-9A-Za-z-]{6,60}$/, '实施编码格式不正确'),
  version: text(20),
  status: z.enum(MATTER_STATUSES),
  type: z.enum(MATTER_TYPES),
  department: z.object({ code: departmentCode, name: text(60), creditCode }).strict(),
  jointAgencies: z.array(text(60)).max(20).default([]),
  audiences: z.array(z.enum(AUDIENCES)).min(1).max(2),
  themes: z.array(z.enum(THEMES)).min(1, '至少属于一个主题').max(5),
  lifeEvents: z.array(z.enum(lifeEventIds)).max(5).default([]),
  keywords: z.array(text(30)).max(30).default([]),
  summary: text(300),
  legalBasis: z.array(z.object({ law: text(100).transform(lawTitle), clause: text(1000) }).strict()).min(1, '至少一条设定依据').max(20),
  acceptanceConditions: z.array(text(500)).min(1, '至少一条受理条件').max(30),
  quantityLimit: text(200),
  remedy: z.object({ reconsideration: text(300), litigation: text(300) }).strict(),
  materials: z.array(materialSchema).max(60),
  timeLimit: z.object({
    statutoryDays: workingDays,
    promisedDays: workingDays,
    caseKind: z.enum(CASE_KINDS),
    note: optionalText(300),
  }).strict()
    .refine((t) => t.promisedDays <= t.statutoryDays, { message: '承诺办结时限不能长于法定办结时限', path: ['promisedDays'] })
    .refine((t) => (t.caseKind === '即办件') === (t.promisedDays === 0), { message: '即办件的承诺时限须为0个工作日，承诺件须大于0', path: ['caseKind'] }),
  steps: z.array(stepSchema).min(1, '至少一个办理环节').max(20),
  fees: z.object({
    charged: z.boolean(),
    items: z.array(feeItemSchema).max(20),
    onlinePayment: z.boolean(),
  }).strict().refine((f) => f.charged === f.items.length > 0, { message: '收费事项须列出收费项目，不收费事项不应有收费项目', path: ['items'] }),
  channels: z.object({
    onsiteVisits: z.number().int().min(0).max(5),
    onsiteReason: optionalText(300),
    onlineDepth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    mobile: z.boolean(),
    appointment: z.boolean(),
    postal: z.boolean(),
    scope: z.enum(SERVICE_SCOPES),
  }).strict().refine((c) => c.onsiteVisits === 0 || !!c.onsiteReason, { message: '需到现场的事项须说明必须现场办理的原因', path: ['onsiteReason'] }),
  result: z.object({ name: text(100), sample: optionalText(300) }).strict(),
  /**
   * Materials this matter's result provides (their `sameAs` keys or ids): in a 一件事 that also
   * includes this matter, nobody is asked to upload them (出生医学证明 for 新生儿出生).
   */
  produces: z.array(z.string().trim().regex(MATERIAL_ID_RE, '材料编号只能包含小写字母、数字和连字符')).max(10).default([]),
  contact: z.object({
    locations: z.array(locationSchema).min(1, '至少一个办理地点').max(20),
    consultPhone: phone,
    complaintPhone: phone,
  }).strict().refine((c) => c.consultPhone !== c.complaintPhone, { message: '咨询电话与投诉电话不能相同', path: ['complaintPhone'] }),
  faqs: z.array(z.object({ question: text(200), answer: text(2000) }).strict()).max(30).default([]),
  /** 在线申办 form (core/matter/form.ts); empty when the matter cannot be applied for online. */
  form: formSchema.default({ fields: [] }),
}).strict();

/**
 * What an import row provides: the same guide, but the department only *named* (by code, or by
 * name); its identity is filled in from the department registry (departments.ts), never from the row.
 */
export const matterImportSchema = matterSchema.extend({
  department: z.object({
    code: departmentCode.optional(),
    name: text(60).optional(),
    creditCode: creditCode.optional(),
  }).strict().refine((d) => !!d.code || !!d.name, { message: '请填写实施主体代码或实施主体名称', path: ['code'] }),
});

/** What an import file provides for one matter. */
export type MatterInput = z.input<typeof matterSchema>;
/** A validated matter as the domain sees it. */
export type MatterGuide = z.output<typeof matterSchema>;
/** A stored matter: the guide plus bookkeeping. `_id` is the 实施编码. */
export type Matter = MatterGuide & { _id: string; updatedAt: string; searchText?: never };

/** The compact form lists and search results show. */
export interface MatterSummary {
  id: string;
  name: string;
  departmentName: string;
  themes: string[];
  onsiteVisits: number;
  onlineDepth: 1 | 2 | 3 | 4;
  promisedDays: number;
  caseKind: string;
  charged: boolean;
  /** The first fee's standard (e.g. 10元/证) when short enough for a list card. */
  feeStandard?: string;
}

/** Longest fee standard a list card shows; longer ones read just 收费. */
const CARD_FEE_MAX = 12;

export function toSummary(m: Matter): MatterSummary {
  return {
    id: m._id,
    name: m.name,
    departmentName: m.department.name,
    themes: m.themes,
    onsiteVisits: m.channels.onsiteVisits,
    onlineDepth: m.channels.onlineDepth,
    promisedDays: m.timeLimit.promisedDays,
    caseKind: m.timeLimit.caseKind,
    charged: m.fees.charged,
    ...(m.fees.charged && m.fees.items[0] && m.fees.items[0].standard.length <= CARD_FEE_MAX ? { feeStandard: m.fees.items[0].standard } : {}),
  };
}
