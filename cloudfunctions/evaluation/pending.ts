/**
 * A citizen's services open for rating, read by their openid only. The evaluation function's
 * `pending` lists them; the consult function reads them to offer a rating after a complaint.
 */
import type { PendingRating } from '../../core/evaluation/api';
import { ratingIdFor, plusDays } from '../../core/evaluation/model';
import { openForRating } from '../../core/evaluation/pending';
import { endedTargetsOf, existingRatingIds, settings } from './repo';

export async function pendingRatingsOf(openid: string, now: string): Promise<PendingRating[]> {
  const s = settings();
  const targets = await endedTargetsOf(openid, plusDays(now, -s.windowDays));
  const rated = await existingRatingIds(targets.map((t) => ratingIdFor(t.targetType, t.targetId)));
  return openForRating(targets, rated, now, s);
}
