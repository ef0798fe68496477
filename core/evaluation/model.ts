/**
 * 好差评 (国办发〔2019〕51号, GB/T 39734-2020 / 39735-2020): ratings of ended services and the
 * 差评工单 that every 不满意 / 非常不满意 opens for the unit that did the work (谁办理谁负责).
 * Stored in `evaluation_ratings` and `evaluation_tickets` (cloudfunctions/evaluation/collections.json).
 */

/** 一事一评 (an online application that ended) and 一次一评 (a hall visit after check-in). */
export const TARGET_TYPES = ['application', 'booking'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export type Level = 1 | 2 | 3 | 4 | 5;
export const LEVEL_LABELS: Record<Level, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** 不满意 and 非常不满意 are 差评: each opens a ticket. */
export const isBadLevel = (level: number): boolean => level <= 2;
/** 好评: ★4–5. */
export const isGoodLevel = (level: number): boolean => level >= 4;
/** What an unrated target becomes after the optional default period (Guangdong: 基本满意). */
export const DEFAULT_LEVEL: Level = 3;

/** The per-level, versioned option lists live in ./options (re-exported for existing importers). */
export { OPTIONS_VERSION, optionsFor, unknownOption } from './options';

/** Settings that differ between provinces; the function reads them from its environment. */
export interface EvaluationSettings {
  /** Natural days after the service ended during which it may be rated (default 15). */
  windowDays: number;
  /** After this many natural days an unrated target becomes 基本满意 (isDefault); 0 = off (default). */
  defaultAfterDays: number;
  /** Working days to contact the rater of a 差评 (回访核实; default 1). */
  contactWorkdays: number;
  /** Working days to rectify (限期整改 when no date is given, and after a rejected 申诉; default 5). */
  rectifyWorkdays: number;
}

export const DEFAULT_SETTINGS: EvaluationSettings = { windowDays: 15, defaultAfterDays: 0, contactWorkdays: 1, rectifyWorkdays: 5 };

const SETTING_VARS: Record<keyof EvaluationSettings, string> = {
  windowDays: 'EVALUATION_WINDOW_DAYS',
  defaultAfterDays: 'EVALUATION_DEFAULT_AFTER_DAYS',
  contactWorkdays: 'EVALUATION_CONTACT_WORKDAYS',
  rectifyWorkdays: 'EVALUATION_RECTIFY_WORKDAYS',
};

/** Settings from the environment the caller passes in; a missing or malformed value keeps its default. */
export function evaluationSettings(env: Record<string, string | undefined>): EvaluationSettings {
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_VARS) as (keyof EvaluationSettings)[]) {
    const raw = env[SETTING_VARS[key]];
    if (raw === undefined || !/^\d{1,3}$/.test(raw.trim())) continue;
    const n = Number(raw.trim());
    if (key === 'defaultAfterDays' || n > 0) out[key] = n;
  }
  return out;
}

/** A service that may be rated: who received it, who did the work, when it ended. */
export interface RatingTarget {
  targetType: TargetType;
  targetId: string;
  ownerOpenid: string;
  /** 办件编号 or 预约号, as the citizen knows it. */
  targetNo: string;
  /** The catalogue matter served (its guide shows the 好评率). */
  matterId?: string;
  title: string;
  /** Handling department (applications) … */
  department?: string;
  departmentName?: string;
  /** … or service hall (bookings). */
  hall?: string;
  /** ISO instant it reached an end state, or null when it has not (yet). */
  endedAt: string | null;
  /** Why it cannot be rated yet, in people's words (when endedAt is null). */
  notEndedReason?: string;
}

export interface RatingDoc {
  _id: string;
  openid: string;
  requestId: string;
  targetType: TargetType;
  targetId: string;
  matterId?: string;
  title: string;
  department?: string;
  departmentName?: string;
  hall?: string;
  level: Level;
  options: string[];
  optionsVersion: string;
  comment?: string;
  /** msgSecCheck said `review`: kept, shown to staff flagged, not published. */
  commentFlagged?: boolean;
  /** Made by the default timer, not the citizen: excluded from 主动评价率. */
  isDefault: boolean;
  /** An upheld 申诉: excluded from statistics, still visible as excluded. */
  excluded?: boolean;
  ticketId?: string;
  /** 追评, allowed once the 差评 has been handled. */
  followUp?: { comment: string; at: string };
  /** 回访满意度: the rater's rating of how the 差评 was handled. */
  handlingLevel?: Level;
  endedAt: string;
  createdAt: string;
}

/** One rating per target: the target is the primary key, so two raters can never both win. */
export const ratingIdFor = (targetType: TargetType, targetId: string) => `R:${targetType}:${targetId}`;
export const ticketIdFor = (ratingId: string) => `T${ratingId.slice(1)}`;

/** ISO instant `days` natural days after `iso`. */
export function plusDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}

/** Why a target cannot be rated now, or null when it can. */
export function rateBlocker(target: RatingTarget, now: string, settings: EvaluationSettings): string | null {
  if (!target.endedAt) return target.notEndedReason ?? '该事项尚未办结，办结后才能评价';
  if (plusDays(target.endedAt, settings.windowDays) < now) return `已超过评价期限（办结后${settings.windowDays}日内可评价）`;
  return null;
}
