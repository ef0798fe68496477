/**
 * Which of a citizen's ended services are still open for rating (待评价): ended, inside the rating
 * window, not rated yet; the one closing soonest first. `evaluation.pending` lists them and the
 * consult bot offers one of them after a complaint, so both read the same rule.
 */
import type { PendingRating } from './api';
import { plusDays, rateBlocker, ratingIdFor, type EvaluationSettings, type RatingTarget, type TargetType } from './model';

export function openForRating(targets: readonly RatingTarget[], rated: ReadonlySet<string>, now: string, settings: EvaluationSettings): PendingRating[] {
  return targets
    .filter((t) => t.endedAt && !rateBlocker(t, now, settings) && !rated.has(ratingIdFor(t.targetType, t.targetId)))
    .map((t) => ({ targetType: t.targetType, targetId: t.targetId, title: t.title, endedAt: t.endedAt!, expiresAt: plusDays(t.endedAt!, settings.windowDays) }))
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
}

/** The citizen's rate page for one target (a mini-program path). */
export function ratePagePath(targetType: TargetType, targetId: string, title: string): string {
  return `/packages/evaluation/pages/rate/index?targetType=${targetType}&targetId=${encodeURIComponent(targetId)}&title=${encodeURIComponent(title)}`;
}
