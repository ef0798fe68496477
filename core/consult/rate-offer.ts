/**
 * 好差评 from the chat: a complaint (or a dispute over a decision) that reached a person also
 * offers the citizen to rate the case it is about, when they have one still open for rating. The
 * rating is theirs to give or not (自愿自主): the bot only shows the way to the rate page.
 */
import type { PendingRating } from '../evaluation/api';
import { ratePagePath } from '../evaluation/pending';
import type { RateOffer } from './api';

export const RATE_OFFER_TEXT = '对办理结果不满意？可以评价该办件';
/** Handoff reasons after which the offer is shown. */
export const RATE_OFFER_REASONS: readonly string[] = ['complaint', 'dispute'];

const bigrams = (s: string): Set<string> => {
  const chars = [...s.replace(/[\s（）()·,，。.!！?？]/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i] + chars[i + 1]);
  return out;
};

/** How much of the case's name the message mentions (shared two-character pieces). */
function overlap(text: Set<string>, title: string): number {
  let n = 0;
  for (const b of bigrams(title)) if (text.has(b)) n += 1;
  return n;
}

/**
 * The case to offer: the open one the message names most, else the one that ended last (what a
 * complaint is most likely about). `pending` must be the caller's own, read by their openid.
 */
export function rateOfferFor(text: string, pending: readonly PendingRating[]): RateOffer | null {
  if (!pending.length) return null;
  const said = bigrams(text);
  const best = [...pending].sort((a, b) => overlap(said, b.title) - overlap(said, a.title) || b.endedAt.localeCompare(a.endedAt))[0];
  return {
    targetType: best.targetType, targetId: best.targetId, title: best.title, text: RATE_OFFER_TEXT,
    link: ratePagePath(best.targetType, best.targetId, best.title),
  };
}
