/** The evaluation function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { Level, TargetType } from './model';
import type { Resolution, TicketEntry, TicketStatus } from './ticket';
import type { PublicityRow, Ratio } from './stats';

export interface PendingRating {
  targetType: TargetType;
  targetId: string;
  title: string;
  /** ISO instant the service ended. */
  endedAt: string;
  /** ISO instant the rating window closes. */
  expiresAt: string;
}

export interface TicketSummary {
  id: string;
  targetId: string;
  targetType: TargetType;
  title: string;
  level: Level;
  status: TicketStatus;
  /** Due date of the current step, `YYYY-MM-DD` on the working-day calendar. */
  dueDate: string;
  overdue: boolean;
}

/** A 差评工单 as staff see it: never the rater's openid. */
export interface TicketView extends TicketSummary {
  unitName: string;
  options: string[];
  comment?: string;
  commentFlagged?: boolean;
  resolution?: Resolution;
  appealUpheld?: boolean;
  timeline: TicketEntry[];
  createdAt: string;
}

/** A rating as its rater sees it (我的评价), with the ticket's progress when it was a 差评. */
export interface MyRating {
  id: string;
  targetType: TargetType;
  targetId: string;
  title: string;
  level: Level;
  options: string[];
  comment?: string;
  isDefault: boolean;
  excluded: boolean;
  ticketStatus?: TicketStatus;
  followUp?: { comment: string; at: string };
  handlingLevel?: Level;
  createdAt: string;
}

export interface EvaluationApi {
  /** The caller's ended services that are still open for rating. */
  pending: { params: Record<string, never>; result: PendingRating[] };
  /** `options`: from the level's list (see `optionsFor`); `comment`: checked with msgSecCheck. */
  rate: {
    params: { targetType: TargetType; targetId: string; level: Level; options?: string[]; comment?: string; requestId: string };
    result: { id: string; level: Level; ticketId?: string };
  };
  /** The caller's own ratings. */
  mine: { params: Record<string, never>; result: MyRating[] };
  /** After the 差评 was handled: a 追评, and the rater's rating of the handling (回访满意度). */
  followUp: { params: { id: string; comment?: string; handlingLevel?: Level }; result: MyRating };
  /** Staff of the unit (admins: all): its 差评工单. */
  tickets: { params: { status?: TicketStatus }; result: { items: TicketSummary[] } };
  ticket: { params: { id: string }; result: TicketView };
  /** One step of the unit's work on the ticket: 回访核实, 处理 (with its resolution), 整改完成, 反馈. */
  ticketStep: {
    params: { id: string; step: 'contact' | 'resolve' | 'rectified' | 'feedback'; note: string; resolution?: Resolution; dueDate?: string };
    result: TicketView;
  };
  /** 回访核实: the rater's phone from the rated application, for the unit; every call is logged. */
  revealContact: { params: { id: string }; result: { phones: string[] } };
  /** Public: a matter's 好评率 for its guide; `goodRate` only from MIN_RATINGS_FOR_RATE ratings on. */
  matterSummary: { params: { matterId: string }; result: { count: number; goodRate?: Ratio } };
  /** Public 评价公示: per department (hall) and month, the last `months` months (default 6). */
  publicity: { params: { months?: number }; result: { rows: PublicityRow[] } };
  /** 申诉复核 by an admin outside the unit: upheld excludes the rating from statistics. */
  reviewAppeal: { params: { id: string; upheld: boolean; note: string }; result: TicketView };
}

export type { PublicityRow, Ratio } from './stats';
