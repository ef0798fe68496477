/**
 * An FAQ answer that references matters gets the live facts of the one that fits the message
 * (社保卡丢了 → 补领、换领, not 申领) from the published catalogue.
 */
import type { Decision } from '../../core/consult/engine';
import { linkedMatters, type KnowledgeBase } from '../../core/consult/kb';
import { factsLine, fittingMatter, matterFacts } from '../../core/consult/matter-facts';
import type { Matter } from '../../core/matter/schema';
import { getDb } from '../shared/cloud';
import { matterRowId, publishedMatter, publishedMatters, publishedPointer } from '../shared/catalogue';
// booking's halls: a matter can be booked when an active hall serves it (read only).
import { BOOKING_HALLS as HALLS } from '../shared/collections';

async function bookable(matterId: string): Promise<boolean> {
  const _ = getDb().command;
  const { data } = await getDb().collection(HALLS).where({ matterIds: _.eq(matterId), active: _.eq(true) }).limit(1).get();
  return data.length > 0;
}

/** The linked matters in the published catalogue that are in use, in the FAQ's order. */
async function matterChoices(codes: string[]): Promise<Matter[]> {
  if (codes.length === 1) {
    const m = await publishedMatter(codes[0]);
    return m ? [m] : [];
  }
  const { published } = await publishedPointer();
  if (!published) return [];
  const _ = getDb().command;
  const found = await publishedMatters({ _id: _.in(codes.map((c) => matterRowId(published, c))) }, { published, max: codes.length });
  return codes.flatMap((c) => found.filter((m) => m._id === c));
}

/** `asked`: the citizen's message, or the question they picked by its number. */
export async function withMatterFacts(decision: Decision, kb: KnowledgeBase, asked: string): Promise<Decision> {
  const answer = decision.answer;
  if (answer?.source !== 'faq') return decision;
  const faq = kb.faqs.find((f) => f.id === answer.id);
  const codes = faq ? linkedMatters(faq) : [];
  if (!codes.length) return decision;
  // Withdrawn or not in the published catalogue: not offered; none left → the FAQ's own text stands alone.
  const matter = fittingMatter(asked, (await matterChoices(codes)).filter((m) => m.status === '在用'));
  if (!matter) return decision;
  const facts = matterFacts(matter, matter.channels.appointment && await bookable(matter._id));
  return { ...decision, answer: { ...answer, content: `${answer.content}\n${factsLine(facts)}`, matter: facts } as Decision['answer'] };
}
