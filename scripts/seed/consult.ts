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
