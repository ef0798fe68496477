/**
 * The human inbox's transitions, pure: a handed-off question is answered once (open → answered),
 * and an answered question can teach the knowledge base (a new FAQ, or a similar phrasing of an
 * existing one). The consult function reads, calls one of these, and writes the result.
 */
import { DomainError } from '../envelope';
import type { Faq, KnowledgeBase } from './kb';

export interface InboxDoc {
  _id: string; conversationId: string; openid: string; question: string; status: 'open' | 'answered'; at: string;
  channel: 'app' | 'kf' | 'oa'; flagged?: boolean; sealed?: string; reply?: string; answeredBy?: string; answeredByName?: string; answeredAt?: string; learnedAs?: string; key?: string;
}

/** open → answered; a second answer to the same question is refused (exactly once). */
export function answerQuestion(doc: InboxDoc, reply: string, by: { openid: string; name: string }, at: string): InboxDoc {
  if (doc.status !== 'open') throw new DomainError('CONFLICT', '该提问已有人答复');
  return { ...doc, status: 'answered', reply, answeredBy: by.openid, answeredByName: by.name, answeredAt: at };
}

export type LearnRequest =
  | { mode: 'newFaq'; category: string; question?: string; answer?: string }
  | { mode: 'similar'; faqId: string };

/** The knowledge base after learning from a question, and the FAQ it taught. */
export function learnFromQuestion(kb: KnowledgeBase, doc: InboxDoc, req: LearnRequest): { kb: KnowledgeBase; faqId: string } {
  if (req.mode === 'newFaq') {
    const answer = req.answer ?? doc.reply;
    if (!answer) throw new DomainError('CONFLICT', '该提问还没有答复，请先答复或填写答案');
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
  return {
    kb: { ...kb, faqs: kb.faqs.map((f) => (f.id === target.id ? { ...f, similar: f.similar.includes(phrasing) ? f.similar : [...f.similar, phrasing] } : f)) },
    faqId: target.id,
  };
}
