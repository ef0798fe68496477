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

type Reply = { ok: boolean; code?: string; message?: string; data?: any };

/**
 * The staff inbox as a city sees it after a few days, all from 李*（local-citizen-2）; 张三 keeps an
 * empty chat (the preview's first-visit view):
 *  - an earlier question answered by 陈坐席 and learned as a phrasing of the 高龄津贴 entry (已加入知识库);
 *  - 公积金 → 您是不是想问, then a request for a person in her own words (open, 群众要求人工);
 *  - a question about her own 社保卡补领 case handed to a person (open), whose context links her
 *    cases to the agent's read-only record page.
 * Asked through `consult` like a citizen and an agent would, after the affairs steps (the context is
 * taken at handoff). Written once: each part is skipped when the inbox already holds its question.
 */
export const SEED_INBOX_CITIZEN = 'local-citizen-2';
export const SEED_INBOX_AGENT = 'local-agent';
const ASKED_FOR_PERSON = '能不能让人来回答';
const LEARNED_QUESTION = '我爸今年82了，那个每月发给老人的钱要去哪里申请';
const LEARNED_REPLY = '您好，这是高龄津贴：老人年满80周岁、本市户籍即可申请。请家属携带老人身份证、户口簿和本人银行卡，到户籍所在社区居委会申请，次月起按月发放。';
const LEARNED_AS = 'faq-elderly-allowance';
const OWN_CASE_QUESTION = '我的社保卡补领已经受理好几天了，什么时候能拿到卡？麻烦帮我查一下';

export async function seedConsultInbox(invoke: Invoke, _admin: string, log: (s: string) => void = console.log) {
  const must = async (data: unknown, openid: string) => {
    const res = (await invoke('consult', data, openid)) as Reply;
    if (!res.ok) throw new Error(`咨询收件箱种子失败：${res.code} ${res.message}`);
    return res.data;
  };
  const all = [...await must({ action: 'inbox', params: { status: 'open' } }, SEED_INBOX_AGENT), ...await must({ action: 'inbox', params: { status: 'answered' } }, SEED_INBOX_AGENT)] as { question: string }[];
  const asked = new Set(all.map((i) => i.question));
  const written: string[] = [];
  if (!asked.has(LEARNED_QUESTION) && !asked.has(ASKED_FOR_PERSON)) {
    // Answered and learned first, so the open request is the later conversation.
    const handed = await must({ action: 'ask', params: { text: LEARNED_QUESTION, handoff: true } }, SEED_INBOX_CITIZEN);
    await must({ action: 'reply', params: { questionId: handed.questionId, text: LEARNED_REPLY } }, SEED_INBOX_AGENT);
    await must({ action: 'learn', params: { questionId: handed.questionId, mode: 'similar', faqId: LEARNED_AS } }, SEED_INBOX_AGENT);
    const unsure = await must({ action: 'ask', params: { text: '公积金' } }, SEED_INBOX_CITIZEN);
    const person = await must({ action: 'ask', params: { text: ASKED_FOR_PERSON, conversationId: unsure.conversationId } }, SEED_INBOX_CITIZEN);
    if (unsure.type !== 'suggestions' || person.type !== 'handoff') throw new Error(`咨询收件箱种子：意外的回答（${unsure.type} / ${person.type}）`);
    written.push('1 条已答复并加入知识库', '1 条群众要求人工（附此前的推荐问题）');
  }
  if (!asked.has(OWN_CASE_QUESTION)) {
    await must({ action: 'ask', params: { text: OWN_CASE_QUESTION, handoff: true } }, SEED_INBOX_CITIZEN);
    written.push('1 条本人办件转人工（附其办件，坐席可点开只读查看）');
  }
  log(written.length ? `已写入咨询收件箱示例：${written.join('，')}` : '咨询收件箱已有示例提问，跳过');
}
