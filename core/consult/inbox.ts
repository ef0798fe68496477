/**
 * The human inbox's transitions, pure: a handed-off question is answered once (open → answered),
 * and a question can teach the knowledge base once (a new FAQ, or a similar phrasing of an
 * existing one). The consult function reads, calls one of these, and writes the result.
 */
import { DomainError } from '../envelope';
import { hasVisible, stripInvisible } from '../text/hygiene';
import { compact } from '../text';
import type { Faq, KnowledgeBase } from './kb';

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
  if (req.mode === 'newFaq') {
    for (const q of [req.question, doc.question]) if (q) refuseIfAskedElsewhere(kb, q, undefined);
    const answer = req.answer ?? doc.reply;
    if (!answer) throw new DomainError('CONFLICT', '该提问还没有答复，请先答复或填写答案');
    if (!hasVisibleText(answer)) throw new DomainError('INVALID_INPUT', '答案内容没有可见文字，不能加入知识库');
    const faqId = `faq-learned-${doc._id.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const faq: Faq = {
      id: faqId, category: req.category, question: (req.question ?? doc.question).slice(0, 200),
      similar: req.question && req.question !== doc.question ? [doc.question.slice(0, 200)] : [], keywords: [], answer,
    };
    return { kb: { ...kb, faqs: [...kb.faqs.filter((f) => f.id !== faqId), faq] }, faqId };
  }
  const target = kb.faqs.find((f) => f.id === req.faqId);
  if (!target) throw new DomainError('NOT_FOUND', '没有找到该问答');
  const phrasing = doc.question.slice(0, 200);
  refuseIfAskedElsewhere(kb, phrasing, target.id);
  return {
    kb: { ...kb, faqs: kb.faqs.map((f) => (f.id === target.id ? { ...f, similar: asks(f, phrasing) ? f.similar : [...f.similar, phrasing] } : f)) },
    faqId: target.id,
  };
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
