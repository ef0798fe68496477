/** Knowledge-base maintenance: import, edit with version history, one-step rollback. */
import { z } from '../../../core/zod-zh';
import { faqSchema, ruleSchema, synonymGroupSchema, validateKnowledgeBase, type KnowledgeBase } from '../../../core/consult/kb';
import { DomainError } from '../../../core/envelope';
import { maskOpenid } from '../../../core/mask';
import type { ImportKnowledgeResult, KbVersionInfo } from '../../../core/api';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { C, commitVersion, currentKb, loadVersion, type KbVersionDoc } from '../repo';

const who = (actor: { openid: string; name?: string }) => ({ openid: actor.openid, name: actor.name });

export function mergeKb(base: KnowledgeBase, incoming: KnowledgeBase): KnowledgeBase {
  const faqs = new Map(base.faqs.map((f) => [f.id, f]));
  for (const f of incoming.faqs) faqs.set(f.id, f);
  const rules = new Map(base.rules.map((r) => [r.id, r]));
  for (const r of incoming.rules) rules.set(r.id, r);
  const seen = new Set(base.synonyms.map((g) => [...g].sort().join('|')));
  const synonyms = [...base.synonyms, ...incoming.synonyms.filter((g) => !seen.has([...g].sort().join('|')))];
  return { version: base.version, faqs: [...faqs.values()], rules: [...rules.values()], synonyms };
}

export const importKnowledge = action({
  permission: 'knowledge:manage',
  params: z.object({ kb: z.unknown(), mode: z.enum(['replace', 'merge']) }).strict(),
  handler: async (p, { actor }): Promise<ImportKnowledgeResult> => {
    const v = validateKnowledgeBase(p.kb);
    if (!v.ok) return { applied: false, faqs: 0, rules: 0, synonyms: 0, issues: v.issues };
    const { version, kb } = await currentKb();
    const next = p.mode === 'replace' ? v.kb : mergeKb(kb, v.kb);
    const recheck = validateKnowledgeBase(next);
    if (!recheck.ok) return { applied: false, faqs: 0, rules: 0, synonyms: 0, issues: recheck.issues };
    const at = new Date().toISOString();
    const committed = await commitVersion(version, next, who(actor), p.mode === 'replace' ? `导入（覆盖）${v.kb.faqs.length} 条问答、${v.kb.rules.length} 条规则` : `导入（合并）${v.kb.faqs.length} 条问答、${v.kb.rules.length} 条规则`, at);
    return { applied: true, version: committed, faqs: next.faqs.length, rules: next.rules.length, synonyms: next.synonyms.length, issues: [] };
  },
});

export const knowledge = action({
  permission: 'knowledge:manage',
  params: noParams,
  handler: async () => currentKb(),
});

export const saveEntry = action({
  permission: 'knowledge:manage',
  params: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('faq'), entry: z.unknown() }).strict(),
    z.object({ kind: z.literal('rule'), entry: z.unknown() }).strict(),
    z.object({ kind: z.literal('synonyms'), groups: z.array(synonymGroupSchema).max(5000) }).strict(),
  ]),
  handler: async (p, { actor }) => {
    const { version, kb } = await currentKb();
    const at = new Date().toISOString();
    let next: KnowledgeBase;
    let change: string;
    if (p.kind === 'synonyms') {
      next = { ...kb, synonyms: p.groups };
      change = `修改同义词（${p.groups.length} 组）`;
    } else if (p.kind === 'faq') {
      const entry = faqSchema.parse(p.entry);
      if (kb.rules.some((r) => r.id === entry.id)) throw new DomainError('CONFLICT', '该编号已被关键词规则使用');
      const exists = kb.faqs.some((f) => f.id === entry.id);
      next = { ...kb, faqs: exists ? kb.faqs.map((f) => (f.id === entry.id ? entry : f)) : [...kb.faqs, entry] };
      change = `${exists ? '修改' : '新增'}问答 ${entry.id}`;
    } else {
      const entry = ruleSchema.parse(p.entry);
      if (kb.faqs.some((f) => f.id === entry.id)) throw new DomainError('CONFLICT', '该编号已被问答使用');
      const exists = kb.rules.some((r) => r.id === entry.id);
      if (!exists && kb.rules.length >= 200) throw new DomainError('CONFLICT', '关键词规则最多 200 条');
      next = { ...kb, rules: exists ? kb.rules.map((r) => (r.id === entry.id ? entry : r)) : [...kb.rules, entry] };
      change = `${exists ? '修改' : '新增'}规则 ${entry.id}`;
    }
    return { version: await commitVersion(version, next, who(actor), change, at) };
  },
});

export const deleteEntry = action({
  permission: 'knowledge:manage',
  params: z.object({ id: z.string().trim().min(1).max(80) }).strict(),
  handler: async (p, { actor }) => {
    const { version, kb } = await currentKb();
    const next = { ...kb, faqs: kb.faqs.filter((f) => f.id !== p.id), rules: kb.rules.filter((r) => r.id !== p.id) };
    if (next.faqs.length === kb.faqs.length && next.rules.length === kb.rules.length) throw new DomainError('NOT_FOUND', '没有找到该条目');
    return { version: await commitVersion(version, next, who(actor), `删除 ${p.id}`, new Date().toISOString()) };
  },
});

export const kbHistory = action({
  permission: 'knowledge:manage',
  params: noParams,
  handler: async (): Promise<KbVersionInfo[]> => {
    const { data } = await getDb().collection<KbVersionDoc>(C.versions).orderBy('version', 'desc').field({ version: true, by: true, byName: true, at: true, change: true }).limit(50).get();
    return data.map((d) => ({ version: d.version, by: maskOpenid(d.by), ...(d.byName ? { byName: d.byName } : {}), at: d.at, change: d.change }));
  },
});

/** One step back: the previous version's content becomes a new version (history is never rewritten). */
export const rollback = action({
  permission: 'knowledge:manage',
  params: noParams,
  handler: async (_p, { actor }) => {
    const { version } = await currentKb();
    const current = await loadVersion(version);
    const restoredFrom = current?.change.startsWith('回滚') ? Number(/第 (\d+) 版/.exec(current.change)?.[1] ?? version) - 1 : version - 1;
    const prev = await loadVersion(restoredFrom);
    if (!prev) throw new DomainError('CONFLICT', '没有可以回滚的上一版本');
    const committed = await commitVersion(version, prev.kb, who(actor), `回滚到第 ${restoredFrom} 版`, new Date().toISOString());
    return { version: committed, restored: restoredFrom };
  },
});
