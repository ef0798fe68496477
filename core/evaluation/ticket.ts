/**
 * 差评工单: the pure state machine. 回访核实 → 处理（立行立改 / 限期整改 / 解释说明 / 申诉）→
 * 申诉复核 (upheld: rating excluded, closed; rejected: back to rectification) → 反馈 → closed.
 * Every step has a due date on the working-day calendar; the writer commits the ticket, its
 * timeline entry and (on feedback) the outbox event together.
 */
import { DomainError } from '../envelope';
import type { EvaluationSettings, Level } from './model';

export const TICKET_STATUSES = ['contacting', 'resolving', 'rectifying', 'appealing', 'feedback', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  contacting: '待回访', resolving: '待处理', rectifying: '整改中', appealing: '申诉复核中', feedback: '待反馈', closed: '已办结',
};

export const RESOLUTIONS = ['immediate', 'deadline', 'explain', 'appeal'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  immediate: '立行立改', deadline: '限期整改', explain: '解释说明', appeal: '申诉',
};

export type TicketStep =
  | { step: 'contact'; note: string }
  | { step: 'resolve'; resolution: Resolution; note: string; dueDate?: string }
  | { step: 'rectified'; note: string }
  | { step: 'review'; upheld: boolean; note: string }
  | { step: 'feedback'; note: string };

export const STEP_LABELS: Record<TicketStep['step'], string> = {
  contact: '回访核实', resolve: '处理', rectified: '整改完成', review: '申诉复核', feedback: '反馈结果',
};

export interface TicketEntry {
  seq: number;
  at: string;
  step: TicketStep['step'] | 'open' | 'overdue';
  status: TicketStatus;
  /** The unit's name or 管理员 — never a staff openid. */
  by: string;
  note?: string;
  resolution?: Resolution;
  dueDate?: string;
}

/** What the machine needs of the calendar (core/calendar/workdays WorkCalendar satisfies it). */
export interface TicketClock {
  today: string;
  at: string;
  addWorkdays: (start: string, n: number) => { date: string };
  settings: EvaluationSettings;
}

export interface TicketState {
  status: TicketStatus;
  dueDate: string;
  version: number;
  resolution?: Resolution;
  /** Set when a step was due and not done; cleared by the next step. */
  overdue?: boolean;
  /** 申诉 upheld: the rating stops counting. */
  appealUpheld?: boolean;
  /** Rectification (立行立改 / 整改完成 / 解释说明) happened, and on time or not. */
  rectified?: boolean;
  rectifiedOnTime?: boolean;
  contactedAt?: string;
  closedAt?: string;
}

/** A new ticket: contact the rater within `contactWorkdays` working days. */
export function openTicket(level: Level, clock: TicketClock): { state: TicketState; entry: TicketEntry } {
  const dueDate = clock.addWorkdays(clock.today, clock.settings.contactWorkdays).date;
  return {
    state: { status: 'contacting', dueDate, version: 1 },
    entry: { seq: 1, at: clock.at, step: 'open', status: 'contacting', by: '系统', note: `收到${level === 1 ? '非常不满意' : '不满意'}评价，请回访核实`, dueDate },
  };
}

const wrongStep = (state: TicketState, step: TicketStep['step']) =>
  new DomainError('CONFLICT', `工单当前为“${TICKET_STATUS_LABELS[state.status]}”，不能${STEP_LABELS[step]}`);

/** Applies one step; throws CONFLICT (with the current status) when the step does not fit. */
export function advanceTicket(state: TicketState, input: TicketStep, clock: TicketClock, by: string, seq: number): { state: TicketState; entry: TicketEntry } {
  const rectifyDue = () => clock.addWorkdays(clock.today, clock.settings.rectifyWorkdays).date;
  const onTime = clock.today <= state.dueDate;
  let next: TicketState;
  switch (input.step) {
    case 'contact':
      if (state.status !== 'contacting') throw wrongStep(state, input.step);
      next = { ...state, status: 'resolving', contactedAt: clock.at, dueDate: rectifyDue() };
      break;
    case 'resolve': {
      if (state.status !== 'resolving') throw wrongStep(state, input.step);
      const r = input.resolution;
      if (r === 'deadline') {
        const due = input.dueDate ?? rectifyDue();
        if (due < clock.today) throw new DomainError('INVALID_INPUT', '整改期限不能早于今天');
        next = { ...state, status: 'rectifying', resolution: r, dueDate: due };
      } else if (r === 'appeal') {
        next = { ...state, status: 'appealing', resolution: r, dueDate: clock.addWorkdays(clock.today, clock.settings.rectifyWorkdays).date };
      } else {
        next = { ...state, status: 'feedback', resolution: r, rectified: true, rectifiedOnTime: onTime, dueDate: clock.addWorkdays(clock.today, 1).date };
      }
      break;
    }
    case 'rectified':
      if (state.status !== 'rectifying') throw wrongStep(state, input.step);
      next = { ...state, status: 'feedback', rectified: true, rectifiedOnTime: onTime, dueDate: clock.addWorkdays(clock.today, 1).date };
      break;
    case 'review':
      if (state.status !== 'appealing') throw wrongStep(state, input.step);
      next = input.upheld
        ? { ...state, status: 'feedback', appealUpheld: true, dueDate: clock.addWorkdays(clock.today, 1).date }
        : { ...state, status: 'rectifying', resolution: 'deadline', appealUpheld: false, dueDate: rectifyDue() };
      break;
    case 'feedback':
      if (state.status !== 'feedback') throw wrongStep(state, input.step);
      next = { ...state, status: 'closed', closedAt: clock.at };
      break;
  }
  next = { ...next, overdue: false, version: state.version + 1 };
  const entry: TicketEntry = {
    seq, at: clock.at, step: input.step, status: next.status, by, note: input.note,
    ...(input.step === 'resolve' ? { resolution: input.resolution } : {}),
    ...(next.status !== 'closed' ? { dueDate: next.dueDate } : {}),
  };
  return { state: next, entry };
}

/** Whether an open ticket's current step is past its due date (flagged by the overdue timer). */
export function isOverdue(state: TicketState, today: string): boolean {
  return state.status !== 'closed' && state.dueDate < today;
}

/**
 * The order staff work a ticket list in: open tickets first, soonest due first (so overdue ones
 * lead), then closed ones, most recently updated first. Each ticket once, even when the actor
 * reaches it both through its department and its hall.
 */
export function orderTickets<T extends { _id: string; status: TicketStatus; dueDate: string; updatedAt: string }>(tickets: T[]): T[] {
  const unique = [...new Map(tickets.map((t) => [t._id, t])).values()];
  const open = unique.filter((t) => t.status !== 'closed').sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a._id.localeCompare(b._id));
  const closed = unique.filter((t) => t.status === 'closed').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a._id.localeCompare(b._id));
  return [...open, ...closed];
}

/**
 * Which step of the ticket is running late: its status and due date. A step has one key for its
 * life, so admins hear of it once; the next step (or a new due date) is a new key.
 */
export function overdueStepKey(state: Pick<TicketState, 'status' | 'dueDate'>): string {
  return `${state.status}@${state.dueDate}`;
}
