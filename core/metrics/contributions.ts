/**
 * What one record adds to the indicators: pure, one function per domain, used alike by the daily
 * rollup, today's live figures and the drill-down (so the three can never disagree). Each record
 * is reduced by the function's repository to a small "fact" first; nothing here reads storage.
 */
import type { IndicatorKey } from './api';

/** An indicator key, or one bucket of the push latency histogram (`deliveryLatency.3`). */
export type RowKey = IndicatorKey | `deliveryLatency.${number}`;

export interface Contribution { key: RowKey; num: number; den: number }

const ratio = (key: IndicatorKey, hit: boolean): Contribution => ({ key, num: hit ? 1 : 0, den: 1 });

/** A 办件 that reached 办结 on its date. */
export interface CompletedCaseFact {
  completedOn: string;
  /** Promised completion date (moves on after 补正 / 挂起); absent for a 即办件 finished at once. */
  dueDate?: string;
  /** Working days the clock ran (受理 → 办结, pauses excluded). */
  usedDays?: number;
  supplemented: boolean;
}

export function completedCaseContributions(f: CompletedCaseFact): Contribution[] {
  return [
    ratio('onTimeRate', !f.dueDate || f.completedOn <= f.dueDate),
    { key: 'avgHandlingDays', num: Math.max(0, f.usedDays ?? 0), den: 1 },
    ratio('correctionRate', f.supplemented),
  ];
}

/** A service that ended (办结 办件 or 签到 预约) and whether its citizen rated it themselves. */
export function endedServiceContributions(f: { activelyRated: boolean }): Contribution[] {
  return [ratio('activeRatingRate', f.activelyRated)];
}

export type BookingState = 'booked' | 'cancelled' | 'checkedIn' | 'noShow';

export function bookingContributions(f: { status: BookingState }): Contribution[] {
  const out: Contribution[] = [ratio('cancelRate', f.status === 'cancelled')];
  if (f.status === 'checkedIn' || f.status === 'noShow') {
    out.push(ratio('checkInRate', f.status === 'checkedIn'), ratio('noShowRate', f.status === 'noShow'));
  }
  if (f.status !== 'cancelled') out.push({ key: 'slotUtilisation', num: 1, den: 0 });
  return out;
}

/** An open hall slot's places: the denominator of 号源利用率. */
export function slotContributions(f: { capacity: number }): Contribution[] {
  return [{ key: 'slotUtilisation', num: 0, den: Math.max(0, f.capacity) }];
}

/** One question the bot received: `handoff` went to a person; `thumbsDown` the citizen said 没帮助. */
export function botAnswerContributions(f: { handoff: boolean; thumbsDown: boolean }): Contribution[] {
  return [ratio('autoAnswerRate', !f.handoff && !f.thumbsDown), ratio('handoffRate', f.handoff)];
}

/** A question handed to the human inbox; answered ones count toward the first-response average. */
export function inboxContributions(f: { answeredMinutes?: number }): Contribution[] {
  return f.answeredMinutes === undefined ? [] : [{ key: 'firstResponseMinutes', num: Math.max(0, f.answeredMinutes), den: 1 }];
}

/** Upper bounds (seconds) of the latency histogram's buckets; the last bucket is open-ended. */
export const LATENCY_BOUNDS: readonly number[] = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export function latencyBucket(seconds: number): number {
  const i = LATENCY_BOUNDS.findIndex((b) => seconds <= b);
  return i === -1 ? LATENCY_BOUNDS.length : i;
}

export interface DeliveryFact {
  status: string;
  errcode?: number;
  /** Queue → WeChat accepted, for sent event messages (campaigns are scheduled, not latency). */
  latencySeconds?: number;
  opened: boolean;
}

export const QUOTA_ERRCODE = 43101;

export function deliveryContributions(f: DeliveryFact): Contribution[] {
  if (f.status !== 'sent' && f.status !== 'failed') return [];
  const sent = f.status === 'sent';
  const out: Contribution[] = [ratio('deliveryRate', sent), ratio('quotaExhaustedShare', f.errcode === QUOTA_ERRCODE)];
  if (sent) out.push(ratio('openRate', f.opened));
  if (sent && f.latencySeconds !== undefined) out.push({ key: `deliveryLatency.${latencyBucket(f.latencySeconds)}`, num: 1, den: 1 });
  return out;
}

export function ratingContributions(f: { level: number; excluded?: boolean }): Contribution[] {
  if (f.excluded) return [];
  return [ratio('goodRate', f.level >= 4), ratio('badRate', f.level <= 2)];
}

export interface TicketFact { contacted: boolean; rectified?: boolean; rectifiedOnTime?: boolean; appealUpheld?: boolean }

/** Same reading as the 评价公示 (core/evaluation/stats): upheld appeals count nowhere. */
export function ticketContributions(f: TicketFact): Contribution[] {
  if (f.appealUpheld) return [];
  const out = [ratio('badVisitRate', f.contacted), ratio('rectifiedRate', !!f.rectified)];
  if (f.rectified) out.push(ratio('onTimeRectifiedRate', !!f.rectifiedOnTime));
  return out;
}

/** The catalogue snapshot's counts, from the published matters' own fields. */
export interface CatalogueMatterFact { onlineDepth: number; onsiteVisits: number; caseKind: string; statutoryDays: number; promisedDays: number }

export function catalogueContributions(active: readonly CatalogueMatterFact[], zeroVisit: { num: number; den: number }): Contribution[] {
  const count = (pred: (m: CatalogueMatterFact) => boolean) => active.filter(pred).length;
  const withStatutory = active.filter((m) => m.statutoryDays > 0);
  const statutory = withStatutory.reduce((s, m) => s + m.statutoryDays, 0);
  const promised = withStatutory.reduce((s, m) => s + Math.min(m.promisedDays, m.statutoryDays), 0);
  return [
    { key: 'onlineRate', num: count((m) => m.onlineDepth >= 3), den: active.length },
    { key: 'fullOnlineRate', num: count((m) => m.onlineDepth === 4), den: active.length },
    { key: 'zeroVisitRate', ...zeroVisit },
    { key: 'instantRate', num: count((m) => m.caseKind === '即办件'), den: active.length },
    { key: 'timeCompressionRate', num: statutory - promised, den: statutory },
  ];
}
