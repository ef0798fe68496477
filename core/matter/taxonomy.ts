/** Fixed vocabularies of the catalogue: themes, life events (一件事), matter types, online depth. */

/** What citizens search for most; offered before typing and when a search finds nothing. */
export const HOT_QUERIES = ['护照', '身份证丢了', '社保卡', '公积金提取', '结婚登记', '驾驶证换证', '新生儿'] as const;

export const THEMES = [
  '户籍', '社保', '医保', '公积金', '出入境', '交通', '不动产', '婚育', '教育', '就业', '税务', '企业', '民政',
] as const;
export type Theme = (typeof THEMES)[number];

export interface LifeEvent {
  id: string;
  name: string;
  description: string;
}

/** 一件事: a citizen's life event that bundles several matters across departments. */
export const LIFE_EVENTS: readonly LifeEvent[] = [
  { id: 'newborn', name: '新生儿出生', description: '出生医学证明、户口登记、医保参保、社保卡申领一次办' },
  { id: 'marriage', name: '结婚', description: '婚姻登记、户口迁移、公积金与个税信息变更' },
  { id: 'retirement', name: '退休', description: '养老金申领、医保待遇、公积金提取' },
  { id: 'start-business', name: '开办企业', description: '营业执照、发票申领、社保与公积金开户' },
  { id: 'home-purchase', name: '购房安家', description: '不动产登记、公积金贷款、户口迁入' },
  { id: 'job-change', name: '就业创业', description: '失业登记、就业补贴、社保转移' },
  { id: 'school-enrol', name: '入学', description: '义务教育入学登记、学籍与资助' },
  { id: 'travel-abroad', name: '出境旅行', description: '护照与往来港澳台通行证办理' },
  { id: 'vehicle', name: '驾车出行', description: '驾驶证换领、机动车检验与违法处理' },
  { id: 'funeral', name: '身后事', description: '死亡登记、户口注销、丧葬补助与养老金停发' },
] as const;

export const MATTER_TYPES = [
  '行政许可', '行政确认', '行政裁决', '行政给付', '行政奖励', '行政备案', '其他行政权力', '公共服务',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];

/** 网上办理深度 levels as published by national platforms (Ⅳ = 全程网办). */
export const ONLINE_DEPTH_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Ⅰ级 互联网咨询',
  2: 'Ⅱ级 网上收件预审',
  3: 'Ⅲ级 网上受理办理',
  4: 'Ⅳ级 全程网办',
};

export const MATERIAL_FORMS = ['纸质', '电子'] as const;
export const MATERIAL_NECESSITY = ['必要', '非必要', '容缺'] as const;
export const CASE_KINDS = ['即办件', '承诺件'] as const;
export const SERVICE_SCOPES = ['全市通办', '全省通办', '跨省通办', '就近办'] as const;
export const AUDIENCES = ['自然人', '法人'] as const;
export const MATTER_STATUSES = ['在用', '暂停', '取消'] as const;
