/** An FAQ answer that references a matter gets that matter's live facts from the published catalogue. */
import type { Decision } from '../../core/consult/engine';
import type { KnowledgeBase } from '../../core/consult/kb';
import { factsLine, matterFacts } from '../../core/consult/matter-facts';
import { getDb } from '../shared/cloud';
import { publishedMatter } from '../shared/catalogue';
// booking's halls: a matter can be booked when an active hall serves it (read only).
import { BOOKING_HALLS as HALLS } from '../shared/collections';

async function bookable(matterId: string): Promise<boolean> {
  const _ = getDb().command;
  const { data } = await getDb().collection(HALLS).where({ matterIds: _.eq(matterId), active: _.eq(true) }).limit(1).get();
  return data.length > 0;
}

export async function withMatterFacts(decision: Decision, kb: KnowledgeBase): Promise<Decision> {
  const answer = decision.answer;
  if (answer?.source !== 'faq') return decision;
  const code = kb.faqs.find((f) => f.id === answer.id)?.matter;
  if (!code) return decision;
  const matter = await publishedMatter(code);
  // Withdrawn or not in the published catalogue: the FAQ's own text stands alone.
  if (!matter || matter.status !== '在用') return decision;
  const facts = matterFacts(matter, matter.channels.appointment && await bookable(matter._id));
  return { ...decision, answer: { ...answer, content: `${answer.content}\n${factsLine(facts)}`, matter: facts } as Decision['answer'] };
}
