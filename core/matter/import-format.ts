/**
 * The CSV layout of a catalogue: one row per matter, Chinese column headers. Cells holding a
 * list put one item per line; an item with several parts separates them with `|`
 * (e.g. 申请材料: `居民身份证|纸质、电子|必要|1|0|申请人自备|`). Tag lists also accept `、，,;；`.
 * The same table drives parsing and writing, so a file exported here re-imports unchanged.
 */
import type { MatterGuide } from './schema';
import { parseFormCell, writeFormCell } from './form';

export interface CsvColumn {
  header: string;
  path: string;
  required: boolean;
  read: (cell: string) => unknown;
  write: (m: MatterGuide) => string;
  /** What an empty optional cell means: nothing, or an empty list. */
  empty?: unknown[];
}

const lines = (cell: string) => cell.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const tags = (cell: string) => cell.split(/[、，,;；\r\n]+/).map((s) => s.trim()).filter(Boolean);
const parts = (line: string) => line.split('|').map((s) => s.trim());

function int(cell: string, what: string): number {
  if (!/^\d+$/.test(cell.trim())) throw new Error(`${what}须为非负整数，实际为“${cell}”`);
  return Number(cell.trim());
}

function yesNo(cell: string, what: string): boolean {
  const v = cell.trim();
  if (['是', 'Y', 'y', 'true', '1'].includes(v)) return true;
  if (['否', 'N', 'n', 'false', '0'].includes(v)) return false;
  throw new Error(`${what}须填“是”或“否”，实际为“${cell}”`);
}

const DEPTH: Record<string, 1 | 2 | 3 | 4> = { '1': 1, '2': 2, '3': 3, '4': 4, 'Ⅰ': 1, 'Ⅱ': 2, 'Ⅲ': 3, 'Ⅳ': 4 };
const optional = (s: string | undefined) => (s ? s : undefined);
const yn = (b: boolean) => (b ? '是' : '否');

function structured<T>(cell: string, what: string, min: number, build: (p: string[]) => T): T[] {
  return lines(cell).map((line, i) => {
    const p = parts(line);
    if (p.length < min) throw new Error(`${what}第${i + 1}项应至少有${min}段（用“|”分隔），实际为${p.length}段`);
    return build(p);
  });
}

const text = (header: string, path: string, get: (m: MatterGuide) => string | undefined, required = true): CsvColumn => ({
  header, path, required, read: (c) => c, write: (m) => get(m) ?? '',
});

export const CSV_COLUMNS: readonly CsvColumn[] = [
  text('事项名称', 'name', (m) => m.name),
  text('基本编码', 'basicCode', (m) => m.basicCode),
  text('实施编码', 'implementationCode', (m) => m.implementationCode),
  text('版本', 'version', (m) => m.version),
  text('状态', 'status', (m) => m.status),
  text('事项类型', 'type', (m) => m.type),
  // A row names its department by code (or name); name and credit code come from the registry and,
  // when given, must agree with it (departments.ts).
  text('实施主体代码', 'department.code', (m) => m.department.code, false),
  text('实施主体', 'department.name', (m) => m.department.name, false),
  text('统一社会信用代码', 'department.creditCode', (m) => m.department.creditCode, false),
  { header: '联办机构', empty: [], path: 'jointAgencies', required: false, read: tags, write: (m) => m.jointAgencies.join('、') },
  { header: '服务对象', path: 'audiences', required: true, read: tags, write: (m) => m.audiences.join('、') },
  { header: '主题', path: 'themes', required: true, read: tags, write: (m) => m.themes.join('、') },
  { header: '一件事', empty: [], path: 'lifeEvents', required: false, read: tags, write: (m) => m.lifeEvents.join('、') },
  { header: '关键词', empty: [], path: 'keywords', required: false, read: tags, write: (m) => m.keywords.join('、') },
  text('事项简介', 'summary', (m) => m.summary),
  {
    header: '设定依据', path: 'legalBasis', required: true,
    read: (c) => structured(c, '设定依据', 2, (p) => ({ law: p[0], clause: p.slice(1).join('|') })),
    write: (m) => m.legalBasis.map((l) => `${l.law}|${l.clause}`).join('\n'),
  },
  { header: '受理条件', path: 'acceptanceConditions', required: true, read: lines, write: (m) => m.acceptanceConditions.join('\n') },
  text('数量限制', 'quantityLimit', (m) => m.quantityLimit),
  text('行政复议', 'remedy.reconsideration', (m) => m.remedy.reconsideration),
  text('行政诉讼', 'remedy.litigation', (m) => m.remedy.litigation),
  {
    header: '申请材料', path: 'materials', required: false, empty: [],
    read: (c) => structured(c, '申请材料', 6, (p) => ({
      name: p[0], forms: tags(p[1]), necessity: p[2],
      originals: int(p[3], '原件份数'), copies: int(p[4], '复印件份数'), source: p[5],
      notes: optional(p[6]), blankForm: optional(p[7]), sample: optional(p[8]), sameAs: optional(p[9]),
    })),
    write: (m) => m.materials.map((x) => [x.name, x.forms.join('、'), x.necessity, x.originals, x.copies, x.source, x.notes ?? '', x.blankForm ?? '', x.sample ?? '', x.sameAs ?? ''].join('|').replace(/\|$/, '')).join('\n'),
  },
  { header: '法定办结时限', path: 'timeLimit.statutoryDays', required: true, read: (c) => int(c, '法定办结时限'), write: (m) => String(m.timeLimit.statutoryDays) },
  { header: '承诺办结时限', path: 'timeLimit.promisedDays', required: true, read: (c) => int(c, '承诺办结时限'), write: (m) => String(m.timeLimit.promisedDays) },
  text('办件类型', 'timeLimit.caseKind', (m) => m.timeLimit.caseKind),
  text('时限说明', 'timeLimit.note', (m) => m.timeLimit.note, false),
  {
    header: '办理流程', path: 'steps', required: true,
    read: (c) => structured(c, '办理流程', 1, (p) => ({ name: p[0], days: p[1] ? int(p[1], '环节时限') : undefined, description: optional(p[2]) })),
    write: (m) => m.steps.map((s) => [s.name, s.days ?? '', s.description ?? ''].join('|')).join('\n'),
  },
  { header: '是否收费', path: 'fees.charged', required: true, read: (c) => yesNo(c, '是否收费'), write: (m) => yn(m.fees.charged) },
  {
    header: '收费项目', path: 'fees.items', required: false, empty: [],
    read: (c) => structured(c, '收费项目', 4, (p) => ({ name: p[0], standard: p[1], basis: p[2], reducible: yesNo(p[3], '可否减免') })),
    write: (m) => m.fees.items.map((f) => [f.name, f.standard, f.basis, yn(f.reducible)].join('|')).join('\n'),
  },
  { header: '支持网上支付', path: 'fees.onlinePayment', required: true, read: (c) => yesNo(c, '支持网上支付'), write: (m) => yn(m.fees.onlinePayment) },
  { header: '到现场次数', path: 'channels.onsiteVisits', required: true, read: (c) => int(c, '到现场次数'), write: (m) => String(m.channels.onsiteVisits) },
  text('必须现场办理原因', 'channels.onsiteReason', (m) => m.channels.onsiteReason, false),
  {
    header: '网上办理深度', path: 'channels.onlineDepth', required: true,
    read: (c) => {
      const d = DEPTH[c.trim().replace(/级.*$/, '')];
      if (!d) throw new Error(`网上办理深度须为1-4或Ⅰ-Ⅳ，实际为“${c}”`);
      return d;
    },
    write: (m) => String(m.channels.onlineDepth),
  },
  { header: '掌上办理', path: 'channels.mobile', required: true, read: (c) => yesNo(c, '掌上办理'), write: (m) => yn(m.channels.mobile) },
  { header: '支持预约', path: 'channels.appointment', required: true, read: (c) => yesNo(c, '支持预约'), write: (m) => yn(m.channels.appointment) },
  { header: '支持物流快递', path: 'channels.postal', required: true, read: (c) => yesNo(c, '支持物流快递'), write: (m) => yn(m.channels.postal) },
  text('通办范围', 'channels.scope', (m) => m.channels.scope),
  text('结果名称', 'result.name', (m) => m.result.name),
  text('结果样本', 'result.sample', (m) => m.result.sample, false),
  { header: '结果可作申请材料', empty: [], path: 'produces', required: false, read: tags, write: (m) => m.produces.join('、') },
  {
    header: '办理地点', path: 'contact.locations', required: true,
    read: (c) => structured(c, '办理地点', 3, (p) => ({ name: p[0], address: p[1], hours: p.slice(2).join('|') })),
    write: (m) => m.contact.locations.map((l) => `${l.name}|${l.address}|${l.hours}`).join('\n'),
  },
  text('咨询电话', 'contact.consultPhone', (m) => m.contact.consultPhone),
  text('投诉电话', 'contact.complaintPhone', (m) => m.contact.complaintPhone),
  {
    header: '常见问题', path: 'faqs', required: false, empty: [],
    read: (c) => structured(c, '常见问题', 2, (p) => ({ question: p[0], answer: p.slice(1).join('|') })),
    write: (m) => m.faqs.map((f) => `${f.question}|${f.answer}`).join('\n'),
  },
  // 在线申办: one field per line, `键|名称|类型|是否必填|选项（、分隔）|不晚于今天|申请人姓名`.
  { header: '表单字段', path: 'form', required: false, read: parseFormCell, write: (m) => writeFormCell(m.form) },
];

/** Chinese names of schema fields, for error reports people can act on. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称', basicCode: '基本编码', implementationCode: '实施编码', version: '版本', status: '状态', type: '事项类型',
  department: '实施主体', code: '代码', creditCode: '统一社会信用代码', jointAgencies: '联办机构', audiences: '服务对象',
  themes: '主题', lifeEvents: '一件事', keywords: '关键词', summary: '事项简介', legalBasis: '设定依据', law: '法规名称',
  clause: '条款内容', acceptanceConditions: '受理条件', quantityLimit: '数量限制', remedy: '救济途径',
  reconsideration: '行政复议', litigation: '行政诉讼', materials: '申请材料', forms: '材料形式', necessity: '必要性',
  originals: '原件份数', copies: '复印件份数', source: '来源渠道', blankForm: '空表', sample: '样本', notes: '填报须知',
  timeLimit: '办结时限', statutoryDays: '法定办结时限', promisedDays: '承诺办结时限', caseKind: '办件类型', note: '说明',
  steps: '办理流程', days: '时限', description: '说明', fees: '收费', charged: '是否收费', items: '收费项目',
  standard: '收费标准', basis: '收费依据', reducible: '可否减免', onlinePayment: '支持网上支付', channels: '办理渠道',
  onsiteVisits: '到现场次数', onsiteReason: '必须现场办理原因', onlineDepth: '网上办理深度', mobile: '掌上办理',
  appointment: '支持预约', postal: '支持物流快递', scope: '通办范围', result: '办理结果', contact: '咨询与投诉',
  locations: '办理地点', address: '地址', hours: '办公时间', consultPhone: '咨询电话', complaintPhone: '投诉电话',
  faqs: '常见问题', question: '问题', sameAs: '等同材料', produces: '结果可作申请材料', answer: '回答', form: '表单字段', fields: '字段', key: '键', label: '名称',
  required: '是否必填', options: '选项', notFuture: '不晚于今天',
  // Cloud-function parameters, so a rejected call names the field in Chinese too.
  action: '操作名', params: '参数', id: '事项编号', q: '搜索内容', by: '分类方式', value: '分类值', page: '页码',
  pageSize: '每页条数', limit: '条数', format: '文件格式', content: '文件内容', dryRun: '仅预检', openid: 'openid',
  role: '角色', active: '是否启用', departments: '所属部门',
};

/** Write matters as CSV in the import layout (the template a city fills in). */
export function mattersToCsv(matters: MatterGuide[]): string {
  const escape = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [CSV_COLUMNS.map((c) => c.header), ...matters.map((m) => CSV_COLUMNS.map((c) => c.write(m)))];
  return '\uFEFF' + rows.map((r) => r.map(escape).join(',')).join('\r\n') + '\r\n';
}
