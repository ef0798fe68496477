/**
 * 智能咨询 seed: the knowledge base from seed/consult-kb.json (a copy of the shared fixture, ids
 * as given), imported through `consult.importKnowledge` like a city's knowledge editor would.
 * Idempotent: when the current base already equals the file, nothing is written (no new version).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Invoke } from '../lib/boot-local-cloud';
import { REPO_ROOT } from '../lib/repo';

export const SEED_KB = path.join(REPO_ROOT, 'seed', 'consult-kb.json');

const strip = (kb: { faqs: unknown[]; rules: unknown[]; synonyms: unknown[] }) => JSON.stringify({ faqs: kb.faqs, rules: kb.rules, synonyms: kb.synonyms });

export async function seedConsult(invoke: Invoke, admin: string, log: (s: string) => void = console.log) {
  const kb = JSON.parse(fs.readFileSync(SEED_KB, 'utf8'));
  const current = (await invoke('consult', { action: 'knowledge' }, admin)) as { ok: boolean; data?: { version: number; kb: { faqs: unknown[]; rules: unknown[]; synonyms: unknown[] } } };
  if (current.ok && current.data && current.data.version > 0 && strip(current.data.kb) === strip(kb)) {
    log(`咨询知识库已是种子版本（第 ${current.data.version} 版），跳过`);
    return;
  }
  const res = (await invoke('consult', { action: 'importKnowledge', params: { kb, mode: 'replace' } }, admin)) as { ok: boolean; data?: { applied: boolean; faqs: number; rules: number; issues: unknown[] }; message?: string };
  if (!res.ok || !res.data?.applied) throw new Error(`咨询知识库种子导入失败：${res.message ?? JSON.stringify(res.data?.issues)}`);
  log(`已导入咨询知识库：问答 ${res.data.faqs} 条、规则 ${res.data.rules} 条`);
}

/**
 * A question a demo citizen handed to a person, so the preview's 咨询收件箱 shows an item with its
 * context: 李四's own recent cases (社会保障卡补领 办理中, the others) as links to the agent's
 * read-only record page. Asked through `consult.ask` like a citizen would, after the affairs steps
 * (the context is taken at handoff). 张三 keeps an empty chat: the preview's first-visit view.
 * A question already in the inbox is not asked again.
 */
const SEED_HANDOFFS = [
  { openid: 'local-citizen-2', text: '我的社保卡补领已经受理好几天了，什么时候能拿到卡？麻烦帮我查一下' },
];

export async function seedConsultInbox(invoke: Invoke, admin: string, log: (s: string) => void = console.log) {
  type Listed = { ok: boolean; data?: { question: string }[]; message?: string };
  const asked = new Set<string>();
  for (const status of ['open', 'answered'] as const) {
    const res = (await invoke('consult', { action: 'inbox', params: { status } }, admin)) as Listed;
    if (!res.ok) throw new Error(`咨询收件箱读取失败：${res.message}`);
    for (const q of res.data ?? []) asked.add(q.question);
  }
  let added = 0;
  for (const h of SEED_HANDOFFS) {
    if (asked.has(h.text)) continue;
    const res = (await invoke('consult', { action: 'ask', params: { text: h.text, handoff: true } }, h.openid)) as { ok: boolean; message?: string };
    if (!res.ok) throw new Error(`示例转人工提问失败：${res.message}`);
    added += 1;
  }
  log(`咨询收件箱：示例转人工提问 ${added} 条（李四，附其办件，坐席可点开只读查看）`);
}
