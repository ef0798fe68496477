/**
 * The knowledge base of 智能咨询, exactly in the format of the shared fixture
 * (`seed/consult-kb.json`): FAQ entries, keyword rules (exact / contains, priority, reply) and
 * synonym groups. Ids are kept as given. Replies may be text, an image, a link or a mini-program
 * page card (a matter's 办事指南 or 在线申办).
 */
import { labelsFrom, z } from '../zod-zh';
import { safeText } from '../text/hygiene';

const id = (prefix: string) => z.string().trim().min(3).max(80).regex(new RegExp(`^${prefix}-[a-z0-9][a-z0-9-]*$`), `编号须以 ${prefix}- 开头，只含小写字母、数字和连字符`);
const phrase = safeText(z.string().trim().min(1, '不能为空').max(200, '不能超过200字'));

export const richReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), content: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ type: z.literal('image'), content: z.string().trim().min(1).max(2000), url: z.string().trim().min(1).max(1000) }).strict(),
  z.object({ type: z.literal('link'), content: z.string().trim().min(1).max(2000), title: phrase, url: z.string().trim().url().max(1000) }).strict(),
  z.object({
    type: z.literal('miniprogrampage'),
    content: z.string().trim().min(1).max(2000),
    title: phrase,
    /** `guide` opens the matter's 办事指南, `apply` its 在线申办 page. */
    target: z.enum(['guide', 'apply']),
    matterId: z.string().trim().min(1).max(80),
  }).strict(),
]);
export type RichReply = z.infer<typeof richReplySchema>;

const matterCode = z.string().trim().regex(/^[0-9A-Za-z-]{6,60}$/, '实施编码格式不正确');
/** An answer that covers more services than this is several answers. */
export const MAX_LINKED_MATTERS = 5;

export const faqSchema = z.object({
  id: id('faq'),
  category: z.string().trim().min(1).max(20),
  question: phrase,
  similar: z.array(phrase).max(50).default([]),
  keywords: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
  // Hygiene too: a learned reply of blank letters (ㅤ, ⠀) must not become an answer that shows nothing.
  answer: safeText(z.string().trim().min(1, '答案不能为空').max(2000, '答案不能超过2000字')),
  /** Optional rich attachment shown under the answer (guide card, link, image). */
  reply: richReplySchema.optional(),
  /** 实施编码 of a matter whose live catalogue facts (fee, 时限, 地点…) the answer shows. */
  matter: matterCode.optional(),
  /**
   * Further matters the answer covers (社保卡申领 and 补领、换领): the message picks the one that
   * fits it (core/consult/matter-facts.ts fittingMatter); `matter` stays the first and the fallback.
   */
  matters: z.array(matterCode).max(MAX_LINKED_MATTERS - 1, `关联事项最多${MAX_LINKED_MATTERS}个`).optional(),
}).strict();
export type Faq = z.infer<typeof faqSchema>;

/** The 实施编码 an FAQ references, `matter` first, each once. */
export function linkedMatters(f: Pick<Faq, 'matter' | 'matters'>): string[] {
  return [...new Set([...(f.matter ? [f.matter] : []), ...(f.matters ?? [])])];
}

export const ruleSchema = z.object({
  id: id('rule'),
  keywords: z.array(z.string().trim().min(1).max(30)).min(1, '至少一个关键词').max(50, '每条规则最多50个关键词'),
  match: z.enum(['exact', 'contains']),
  priority: z.number().int().min(0).max(100),
  reply: richReplySchema,
  /** Replying with this rule also hands the conversation to a person. */
  handoff: z.boolean().optional(),
}).strict();
export type Rule = z.infer<typeof ruleSchema>;

export const synonymGroupSchema = z.array(z.string().trim().min(1).max(30)).min(2, '同义词组至少两个词').max(30);

export const kbSchema = z.object({
  version: z.number().int().min(1).default(1),
  faqs: z.array(z.unknown()).max(20000),
  rules: z.array(z.unknown()).max(200, '关键词规则最多200条'),
  synonyms: z.array(z.unknown()).max(5000),
}).strict();

export interface KnowledgeBase {
  version: number;
  faqs: Faq[];
  rules: Rule[];
  synonyms: string[][];
}

/** Chinese names of knowledge-base fields, for validation messages (never the JSON key). */
export const KB_FIELD_LABELS: Record<string, string> = {
  id: '编号', category: '分类', question: '标准问法', similar: '相似问法', keywords: '关键词', answer: '答案', reply: '回复', type: '回复类型',
  content: '回复内容', url: '链接', title: '标题', target: '跳转目标', matterId: '事项', match: '匹配方式', priority: '优先级', handoff: '转人工',
  version: '版本', faqs: '问答', rules: '关键词规则', synonyms: '同义词', matter: '关联事项（实施编码）', matters: '更多关联事项',
};

const kbPath = labelsFrom(KB_FIELD_LABELS);

/** `reply.title` → `回复·标题`; `keywords.2` → `关键词·第3项`; the empty path → `whole`. */
function kbFieldLabel(path: (string | number)[], whole: string): string {
  return kbPath(path) || whole;
}

export interface KbIssue {
  /** `faqs[3]`, `rules[0]`, `synonyms[7]` or `kb`. */
  where: string;
  id?: string;
  field: string;
  message: string;
}

/** Validates a whole base; reports every bad entry (never just the first). */
export function validateKnowledgeBase(input: unknown): { ok: true; kb: KnowledgeBase } | { ok: false; issues: KbIssue[] } {
  const top = kbSchema.safeParse(input);
  if (!top.success) {
    return { ok: false, issues: top.error.issues.map((i) => ({ where: 'kb', field: kbFieldLabel(i.path, '知识库'), message: i.message })) };
  }
  const issues: KbIssue[] = [];
  const faqs: Faq[] = [];
  const rules: Rule[] = [];
  const synonyms: string[][] = [];
  const ids = new Set<string>();
  const entryId = (e: unknown) => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : undefined);
  top.data.faqs.forEach((raw, i) => {
    const r = faqSchema.safeParse(raw);
    if (!r.success) { for (const is of r.error.issues) issues.push({ where: `faqs[${i}]`, id: entryId(raw), field: kbFieldLabel(is.path, '条目'), message: is.message }); return; }
    if (ids.has(r.data.id)) { issues.push({ where: `faqs[${i}]`, id: r.data.id, field: '编号', message: '编号重复' }); return; }
    ids.add(r.data.id);
    faqs.push(r.data);
  });
  top.data.rules.forEach((raw, i) => {
    const r = ruleSchema.safeParse(raw);
    if (!r.success) { for (const is of r.error.issues) issues.push({ where: `rules[${i}]`, id: entryId(raw), field: kbFieldLabel(is.path, '条目'), message: is.message }); return; }
    if (ids.has(r.data.id)) { issues.push({ where: `rules[${i}]`, id: r.data.id, field: '编号', message: '编号重复' }); return; }
    ids.add(r.data.id);
    rules.push(r.data);
  });
  top.data.synonyms.forEach((raw, i) => {
    const r = synonymGroupSchema.safeParse(raw);
    if (!r.success) { for (const is of r.error.issues) issues.push({ where: `synonyms[${i}]`, field: kbFieldLabel(is.path, '同义词组'), message: is.message }); return; }
    synonyms.push(r.data);
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, kb: { version: top.data.version, faqs, rules, synonyms } };
}
