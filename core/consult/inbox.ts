/**
 * The human inbox's transitions, pure: a handed-off question is answered once (open → answered),
 * and a question can teach the knowledge base once (a new FAQ, or a similar phrasing of an
 * existing one). The consult function reads, calls one of these, and writes the result.
 */
import { DomainError } from '../envelope';
import { hasVisible, stripInvisible } from '../text/hygiene';
import { compact } from '../text';
import type { Faq, KnowledgeBase } from './kb';
import { personalAskOf } from './assistant';
import { personalDataKinds, type PersonalDataKind } from './personal-numbers';

export const MAX_REPLY_CHARS = 2000;

/** True when the text shows at least one character a reader can see (after the invisible ones are dropped). */
export function hasVisibleText(value: string): boolean {
  return hasVisible(stripInvisible(value));
}

export interface InboxDoc {
  _id: string; conversationId: string; openid: string; question: string; status: 'open' | 'answered'; at: string;
  channel: 'app' | 'kf' | 'oa'; flagged?: boolean; sealed?: string; reply?: string; answeredBy?: string; answeredByName?: string; answeredAt?: string; key?: string;
  /** Set once, in the same transaction as the knowledge-base version it wrote: the FAQ it taught. */
  learnedAs?: string; learnedAt?: string; learnedBy?: string;
}

/**
 * What a staff reply stores: invisible and direction-changing characters dropped the way a
 * citizen's question is (so the citizen reads what the agent saw), then refused when nothing is
 * left or it is too long. Checked here, not in the params schema: the schema's field label is
 * shared with the citizen's question (咨询内容), and these messages name the reply.
 */
export function replyText(raw: string): string {
  const text = stripInvisible(raw).trim();
  // Blank letters (ㅤ, ⠀) and marks draw as nothing too: such a reply would close the question empty.
  if (!hasVisible(text)) throw new DomainError('INVALID_INPUT', '答复内容不能为空');
  if (text.length > MAX_REPLY_CHARS) throw new DomainError('INVALID_INPUT', `答复内容不能超过${MAX_REPLY_CHARS}字`);
  return text;
}

/** open → answered; a second answer to the same question is refused (exactly once). */
export function answerQuestion(doc: InboxDoc, reply: string, by: { openid: string; name: string }, at: string): InboxDoc {
  if (doc.status !== 'open') throw new DomainError('CONFLICT', '该提问已有人答复');
  return { ...doc, status: 'answered', reply, answeredBy: by.openid, answeredByName: by.name, answeredAt: at };
}

export type LearnRequest =
  | { mode: 'newFaq'; category: string; question?: string; answer?: string }
  | { mode: 'similar'; faqId: string };

export const ALREADY_LEARNED = '该提问已加入知识库';
export const BLANK_REPLY = '该提问的答复没有可见文字，请重新答复后再加入知识库';

/** A question teaches the knowledge base once: a second learn would add it twice or to a second FAQ. */
export function markLearned(doc: InboxDoc, faqId: string, by: string, at: string): InboxDoc {
  if (doc.learnedAs) throw new DomainError('CONFLICT', ALREADY_LEARNED);
  return { ...doc, learnedAs: faqId, learnedAt: at, learnedBy: by };
}

/** The knowledge base after learning from a question, and the FAQ it taught. */
export function learnFromQuestion(kb: KnowledgeBase, doc: InboxDoc, req: LearnRequest): { kb: KnowledgeBase; faqId: string } {
  if (doc.learnedAs) throw new DomainError('CONFLICT', ALREADY_LEARNED);
  // A stored reply that shows nothing (only fillers or blank-looking marks, e.g. from before replies
  // were checked) never answered the citizen: it must not become, or vouch for, a knowledge entry.
  if (doc.reply !== undefined && !hasVisibleText(doc.reply)) throw new DomainError('INVALID_INPUT', BLANK_REPLY);
  // The citizen's own case (我的社保卡办到哪了): its answer holds for that citizen only. A general
  // entry may still be written from it, typed in full, without the citizen's wording.
  const ownCase = personalAskOf(doc.question) !== null;
  if (req.mode === 'newFaq') {
    if (ownCase && !(req.question && req.answer)) throw new DomainError('INVALID_INPUT', OWN_CASE_QUESTION);
    const question = req.question ?? doc.question;
    // The wordings the entry holds: its question and, beside a typed one, the citizen's own.
    const wordings = ownCase ? [question] : [...new Set([question, doc.question])];
    const answer = req.answer ?? doc.reply;
    for (const w of wordings) refuseIfPersonal(w, w === req.question ? '标准问题' : '提问');
    if (answer) refuseIfPersonal(answer, '答案');
    if (req.question && personalAskOf(req.question)) throw new DomainError('INVALID_INPUT', OWN_CASE_TYPED);
    for (const w of wordings) refuseIfAskedElsewhere(kb, w, undefined);
    if (!answer) throw new DomainError('CONFLICT', '该提问还没有答复，请先答复或填写答案');
    if (!hasVisibleText(answer)) throw new DomainError('INVALID_INPUT', '答案内容没有可见文字，不能加入知识库');
    const faqId = `faq-learned-${doc._id.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const faq: Faq = {
      id: faqId, category: req.category, question: question.slice(0, 200),
      similar: wordings.slice(1).map((w) => w.slice(0, 200)), keywords: [], answer,
    };
    return { kb: { ...kb, faqs: [...kb.faqs.filter((f) => f.id !== faqId), faq] }, faqId };
  }
  const target = kb.faqs.find((f) => f.id === req.faqId);
  if (!target) throw new DomainError('NOT_FOUND', '没有找到该问答');
  if (ownCase) throw new DomainError('INVALID_INPUT', OWN_CASE_QUESTION);
  const phrasing = doc.question.slice(0, 200);
  refuseIfPersonal(phrasing, '提问');
  refuseIfAskedElsewhere(kb, phrasing, target.id);
  return {
    kb: { ...kb, faqs: kb.faqs.map((f) => (f.id === target.id ? { ...f, similar: asks(f, phrasing) ? f.similar : [...f.similar, phrasing] } : f)) },
    faqId: target.id,
  };
}

export const OWN_CASE_QUESTION = '这是群众本人办件的提问，答复只适用于本人，不能加入知识库；可用“新增问答”写一条通用问答';

export const OWN_CASE_TYPED = '标准问题问的是本人办件（如“我的…办到哪了”），不能加入知识库；请写成通用问法后再加入';

const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = { caseNumber: '办件或预约编号', phone: '手机号', idNumber: '身份证号', masked: '打码的号码' };

/**
 * A knowledge entry is shown to everyone: one citizen's case number, phone or ID number (also as
 * stored, masked) must never become part of it. `where` names the text (答案, 提问, 标准问题).
 */
function refuseIfPersonal(text: string, where: string): void {
  const kinds = personalDataKinds(text);
  if (!kinds.length) return;
  const what = kinds.map((k) => PERSONAL_DATA_LABELS[k]).join('、');
  throw new DomainError('INVALID_INPUT', `${where}含有${what}等个人信息，不能加入知识库；请改写为通用${where === '答案' ? '答案' : '问法'}后再加入`);
}

/**
 * The same wording under two entries makes the engine guess between them for ever after (two
 * inbox items with one text, learned by two agents into different entries). Compared as the engine
 * reads text: punctuation and spaces aside.
 */
function refuseIfAskedElsewhere(kb: KnowledgeBase, phrasing: string, except: string | undefined): void {
  const owner = kb.faqs.find((f) => f.id !== except && asks(f, phrasing));
  if (owner) throw new DomainError('CONFLICT', `这个问法已在问答“${owner.question}”中，不能再加入另一条问答`);
}

/** Whether an entry already asks this wording, punctuation and spaces aside. */
function asks(f: Faq, phrasing: string): boolean {
  const key = compact(phrasing);
  return key.length > 0 && [f.question, ...f.similar].some((q) => compact(q) === key);
}
