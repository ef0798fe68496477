/**
 * A citizen's services open for rating, read by their openid only. The evaluation function's
 * `pending` lists them; the consult function reads them to offer a rating after a complaint.
 */
import type { PendingRating } from '../../core/evaluation/api';
import { ratingIdFor, plusDays } from '../../core/evaluation/model';
import { openForRating } from '../../core/evaluation/pending';
import { endedTargetsOf, existingRatingIds, settings } from './repo';

/** Each with who served it (department, or the hall of a booking): a complaint is matched on it. */
export type PendingWithServer = PendingRating & { departmentName?: string };

export async function pendingWithServerOf(openid: string, now: string): Promise<PendingWithServer[]> {
  const s = settings();
  const targets = await endedTargetsOf(openid, plusDays(now, -s.windowDays));
  const rated = await existingRatingIds(targets.map((t) => ratingIdFor(t.targetType, t.targetId)));
  const served = new Map(targets.map((t) => [ratingIdFor(t.targetType, t.targetId), t.departmentName]));
  return openForRating(targets, rated, now, s).map((p) => {
    const departmentName = served.get(ratingIdFor(p.targetType, p.targetId));
    return departmentName ? { ...p, departmentName } : p;
  });
}

export async function pendingRatingsOf(openid: string, now: string): Promise<PendingRating[]> {
  return (await pendingWithServerOf(openid, now)).map(({ departmentName: _served, ...p }) => p);
}
