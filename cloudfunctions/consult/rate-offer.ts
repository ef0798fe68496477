/**
 * The 好差评 offer under a complaint's handoff notice: the caller's own cases open for rating
 * (read by their openid through the evaluation function's rule), narrowed to the one the message
 * is most likely about. In-app chat only: the card needs the mini-program page to render.
 */
import type { RateOffer } from '../../core/api';
import type { Decision } from '../../core/consult/engine';
import { RATE_OFFER_REASONS, rateOfferFor } from '../../core/consult/rate-offer';
import { pendingWithServerOf } from '../evaluation/pending';
import type { Channel } from './conversation';

export async function rateOfferAfter(decision: Decision, openid: string, channel: Channel, text: string, at: string): Promise<RateOffer | undefined> {
  if (channel !== 'app' || decision.type !== 'handoff' || !RATE_OFFER_REASONS.includes(decision.reason)) return undefined;
  try {
    return rateOfferFor(text, await pendingWithServerOf(openid, at)) ?? undefined;
  } catch (e) {
    // The offer is an extra: the complaint still reaches a person when the ratings cannot be read.
    console.warn('consult: rate offer skipped', (e as { errCode?: number }).errCode ?? (e as Error).name);
    return undefined;
  }
}
