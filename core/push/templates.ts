/**
 * The per-deployment template catalogue: a key (what code and the UI ask for) → WeChat's
 * templateId, kind (one-time or long-term), typed fields with labels, target page and category.
 * The preview's catalogue lives in config/push-templates.json with fake ids; a deployment
 * overrides ids with env PUSH_TEMPLATE_IDS (JSON { key: templateId }) or the whole catalogue
 * with PUSH_TEMPLATES (JSON). Real ids never go into git.
 */
import { z } from 'zod';

export const TEMPLATE_KEYS = [
  'caseProgress', 'caseSupplement', 'caseCompleted',
  'bookingSuccess', 'bookingReminder', 'bookingCancelled',
  'consultReply', 'policyNotice', 'emergencyAlert',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const CATEGORIES = ['case', 'booking', 'consult', 'policy', 'emergency'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  case: '办件进度', booking: '预约提醒', consult: '咨询回复', policy: '政策通知', emergency: '突发事件提醒',
};
/** Categories a citizen receives unless they turn them off (emergencies are on by default). */
export const DEFAULT_ON: Record<Category, boolean> = { case: true, booking: true, consult: true, policy: true, emergency: true };

export const FIELD_TYPES = [
  'thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount',
  'phone_number', 'car_number', 'name', 'phrase',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface TemplateField { key: string; type: FieldType; label: string }

export interface Template {
  key: TemplateKey;
  templateId: string;
  /**
   * False while the id is still the preview catalogue's fake one (no PUSH_TEMPLATE_IDS entry, no
   * PUSH_TEMPLATES): WeChat must never be sent that id.
   */
  idConfigured: boolean;
  title: string;
  kind: 'once' | 'long';
  category: Category;
  page: string;
  fields: TemplateField[];
}

export type OaMode = 'template' | 'bizsend' | 'off';

export interface Catalogue {
  templates: Template[];
  miniprogramState: 'developer' | 'trial' | 'formal';
  oa: { mode: OaMode; templates: Partial<Record<TemplateKey, { templateId: string; idConfigured: boolean }>> };
}

/** WeChat names each field `<type><n>`: the type is the key without its trailing digits. */
export function fieldTypeOf(key: string): FieldType | undefined {
  const t = key.replace(/\d+$/, '');
  return (FIELD_TYPES as readonly string[]).includes(t) ? (t as FieldType) : undefined;
}

const fieldSchema = z.object({ key: z.string().regex(/^[a-z_]+\d+$/), label: z.string().min(1).max(20) });
const templateSchema = z.object({
  key: z.enum(TEMPLATE_KEYS),
  templateId: z.string().min(1).max(128),
  title: z.string().min(1).max(30),
  kind: z.enum(['once', 'long']),
  category: z.enum(CATEGORIES),
  page: z.string().min(1).max(256),
  fields: z.array(fieldSchema).min(1).max(10),
});
const catalogueSchema = z.object({
  miniprogramState: z.enum(['developer', 'trial', 'formal']).default('formal'),
  templates: z.array(templateSchema).min(1),
  oa: z.object({
    mode: z.enum(['template', 'bizsend', 'off']).default('off'),
    templates: z.record(z.object({ templateId: z.string().min(1) })).default({}),
  }).default({ mode: 'off', templates: {} }),
});

/**
 * Parses a catalogue file's JSON and applies id overrides; throws with a clear message when invalid.
 * `preview`: the file is the committed preview catalogue, so only overridden ids are real.
 */
export function parseCatalogue(
  raw: unknown, idOverrides: Record<string, string> = {}, oaIdOverrides: Record<string, string> = {}, preview = false,
): Catalogue {
  const parsed = catalogueSchema.parse(raw);
  const seen = new Set<string>();
  const templates: Template[] = parsed.templates.map((t) => {
    if (seen.has(t.key)) throw new Error(`模板 ${t.key} 重复配置`);
    seen.add(t.key);
    const fields = t.fields.map((f) => {
      const type = fieldTypeOf(f.key);
      if (!type) throw new Error(`模板 ${t.key} 的字段 ${f.key} 类型无法识别`);
      return { key: f.key, type, label: f.label };
    });
    return { ...t, templateId: idOverrides[t.key] ?? t.templateId, idConfigured: !preview || !!idOverrides[t.key], fields };
  });
  const oaTemplates: Catalogue['oa']['templates'] = {};
  for (const [k, v] of Object.entries(parsed.oa.templates)) {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(k)) throw new Error(`公众号模板 ${k} 不在模板目录中`);
    oaTemplates[k as TemplateKey] = { templateId: oaIdOverrides[k] ?? v.templateId, idConfigured: !preview || !!oaIdOverrides[k] };
  }
  return { templates, miniprogramState: parsed.miniprogramState, oa: { mode: parsed.oa.mode, templates: oaTemplates } };
}

export function byKey(c: Catalogue, key: string): Template | undefined {
  return c.templates.find((t) => t.key === key);
}
export function byTemplateId(c: Catalogue, templateId: string): Template | undefined {
  return c.templates.find((t) => t.templateId === templateId);
}
