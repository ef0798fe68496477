/**
 * 评价公示 figures, from counts (numerator and denominator kept apart; a percentage is computed
 * only where it is shown). Ratings excluded by an upheld 申诉 count nowhere but `excluded`.
 */
import { isBadLevel, isGoodLevel, type Level } from './model';

/** A rated service's matter guide shows its 好评率 only from this many ratings on. */
export const MIN_RATINGS_FOR_RATE = 10;

export interface Ratio { num: number; den: number }

export interface PublicityRow {
  /** `YYYY-MM` (Asia/Shanghai). */
  month: string;
  unitName: string;
  ratings: number;
  /** 好评率: ★4–5 ÷ ratings. */
  goodRate: Ratio;
  badCount: number;
  /** 差评整改率: tickets rectified (立行立改 / 整改完成 / 解释说明) ÷ 差评 tickets not excluded by appeal. */
  rectifiedRate: Ratio;
  /** 按期整改率: rectified by the step's due date ÷ rectified. */
  onTimeRate: Ratio;
  excluded: number;
}

export interface RatingFact { month: string; unitName: string; level: Level; excluded?: boolean }
export interface TicketFact { month: string; unitName: string; rectified?: boolean; rectifiedOnTime?: boolean; appealUpheld?: boolean }

export function publicityRows(ratings: RatingFact[], tickets: TicketFact[]): PublicityRow[] {
  const rows = new Map<string, PublicityRow>();
  const row = (month: string, unitName: string) => {
    const key = `${month}\u0000${unitName}`;
    let r = rows.get(key);
    if (!r) {
      r = { month, unitName, ratings: 0, goodRate: { num: 0, den: 0 }, badCount: 0, rectifiedRate: { num: 0, den: 0 }, onTimeRate: { num: 0, den: 0 }, excluded: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const f of ratings) {
    const r = row(f.month, f.unitName);
    if (f.excluded) { r.excluded += 1; continue; }
    r.ratings += 1;
    r.goodRate.den += 1;
    if (isGoodLevel(f.level)) r.goodRate.num += 1;
    if (isBadLevel(f.level)) r.badCount += 1;
  }
  for (const t of tickets) {
    if (t.appealUpheld) continue;
    const r = row(t.month, t.unitName);
    r.rectifiedRate.den += 1;
    if (t.rectified) {
      r.rectifiedRate.num += 1;
      r.onTimeRate.den += 1;
      if (t.rectifiedOnTime) r.onTimeRate.num += 1;
    }
  }
  return [...rows.values()].sort((a, b) => b.month.localeCompare(a.month) || a.unitName.localeCompare(b.unitName, 'zh'));
}

/** `85.7%`, or `—` when nothing was counted. */
export function percent(r: Ratio): string {
  return r.den ? `${(Math.round((r.num / r.den) * 1000) / 10).toFixed(1)}%` : '—';
}
