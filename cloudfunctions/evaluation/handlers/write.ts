/**
 * The writer of the evaluation function. Each write is one transaction: the rating, the ticket it
 * opens, each ticket step's timeline entry and its outbox event land together or not at all. The
 * target is the rating's primary key, so of many racing rates of one target exactly one creates it.
 */
import { DomainError } from '../../../core/envelope';
import { eventId, type EvaluationTicketEvent } from '../../../core/events/outbox';
import { DEFAULT_LEVEL, isBadLevel, OPTIONS_VERSION, ratingIdFor, ticketIdFor, type Level, type RatingDoc, type RatingTarget } from '../../../core/evaluation/model';
import { advanceTicket, isOverdue, openTicket, overdueStepKey, TICKET_STATUS_LABELS, type TicketClock, type TicketEntry, type TicketState, type TicketStep } from '../../../core/evaluation/ticket';
import { transact, txGet } from '../../shared/transaction';
import { OUTBOX, RATINGS, TICKETS, withoutId } from '../repo';

export interface TicketDoc extends TicketState {
  _id: string;
  ratingId: string;
  targetType: RatingDoc['targetType'];
  targetId: string;
  targetNo: string;
  title: string;
  department?: string;
  hall?: string;
  unitName: string;
  level: Level;
  options: string[];
  comment?: string;
  commentFlagged?: boolean;
  /** The rater, for the feedback push only; never returned to staff. */
  openid: string;
  timeline: TicketEntry[];
  /** Steps (`overdueStepKey`) whose overdue notice the admins were sent: each at most once. */
  overdueNotified?: string[];
  createdAt: string;
  updatedAt: string;
}

const clean = <T>(doc: T): T => JSON.parse(JSON.stringify(doc)) as T;

export interface NewRating {
  openid: string;
  requestId: string;
  level: Level;
  options: string[];
  comment?: string;
  commentFlagged?: boolean;
  isDefault: boolean;
}

/** The rater's 我的评价, where the handled 差评 can be followed up. */
const TICKET_PAGE = 'packages/evaluation/pages/pending/index';

function ticketEvent(ticket: TicketDoc, entry: TicketEntry): EvaluationTicketEvent {
  return {
    _id: eventId('evaluationTicket', ticket._id, entry.seq), type: 'evaluationTicket', status: 'pending', openid: ticket.openid, at: entry.at,
    page: `${TICKET_PAGE}?id=${encodeURIComponent(ticket.ratingId)}`, ticketId: ticket._id, step: entry.step, targetNo: ticket.targetNo,
    title: ticket.title, unitName: ticket.unitName, note: entry.note ?? '',
  };
}

/**
 * Stores a rating (and its 差评工单). The same openid + requestId answers the stored rating again;
 * any other second rating of the target is CONFLICT. `null` from a default rating means one exists.
 */
export async function createRating(target: RatingTarget, input: NewRating, clock: TicketClock): Promise<{ rating: RatingDoc; created: boolean }> {
  const ratingId = ratingIdFor(target.targetType, target.targetId);
  return transact(async (t) => {
    const existing = await txGet<RatingDoc>(t, RATINGS, ratingId);
    if (existing) {
      if (!input.isDefault && existing.openid === input.openid && existing.requestId === input.requestId) return { rating: { ...existing, _id: ratingId }, created: false };
      if (input.isDefault) return { rating: { ...existing, _id: ratingId }, created: false };
      throw new DomainError('CONFLICT', '该事项已评价，评价提交后不能修改；差评处理后可以追评');
    }
    const rating: RatingDoc = clean({
      _id: ratingId, openid: input.openid, requestId: input.requestId, targetType: target.targetType, targetId: target.targetId,
      matterId: target.matterId, title: target.title, department: target.department, departmentName: target.departmentName, hall: target.hall,
      level: input.level, options: input.options, optionsVersion: OPTIONS_VERSION, comment: input.comment, commentFlagged: input.commentFlagged,
      isDefault: input.isDefault, endedAt: target.endedAt!, createdAt: clock.at,
    });
    if (isBadLevel(input.level)) {
      const opened = openTicket(input.level, clock);
      const ticket: TicketDoc = clean({
        _id: ticketIdFor(ratingId), ratingId, targetType: target.targetType, targetId: target.targetId, targetNo: target.targetNo,
        title: target.title, department: target.department, hall: target.hall, unitName: target.departmentName ?? '',
        level: input.level, options: input.options, comment: input.comment, commentFlagged: input.commentFlagged, openid: input.openid,
        ...opened.state, timeline: [opened.entry], createdAt: clock.at, updatedAt: clock.at,
      });
      rating.ticketId = ticket._id;
      await t.collection(TICKETS).doc(ticket._id).set({ data: withoutId(ticket) });
      const ev = ticketEvent(ticket, opened.entry);
      await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(clean(ev)) });
    }
    await t.collection(RATINGS).doc(ratingId).set({ data: withoutId(rating) });
    return { rating, created: true };
  });
}

export const defaultRating = (openid: string): NewRating => ({ openid, requestId: 'default', level: DEFAULT_LEVEL, options: [], isDefault: true });

/** Applies one ticket step to the freshly read ticket; an upheld appeal also excludes the rating. */
export async function commitTicketStep(id: string, input: TicketStep, by: string, clock: TicketClock): Promise<TicketDoc> {
  return transact(async (t) => {
    const ticket = await txGet<TicketDoc>(t, TICKETS, id);
    if (!ticket) throw new DomainError('NOT_FOUND', '没有找到该差评工单');
    const out = advanceTicket(ticket, input, clock, by, ticket.timeline.length + 1);
    const next: TicketDoc = clean({ ...ticket, ...out.state, _id: id, timeline: [...ticket.timeline, out.entry], updatedAt: clock.at });
    await t.collection(TICKETS).doc(id).set({ data: withoutId(next) });
    if (out.state.appealUpheld) await t.collection(RATINGS).doc(ticket.ratingId).update({ data: { excluded: true } });
    const ev = ticketEvent(next, out.entry);
    await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(clean(ev)) });
    return next;
  });
}

/** The staff page an admin opens from an overdue notice. */
const STAFF_TICKET_PAGE = 'packages/staff/pages/eval-ticket/index';

/** One admin's notice that the ticket's current step is overdue (deterministic id: one per admin per step). */
function overdueEvent(ticket: TicketDoc, stepKey: string, admin: string, at: string): EvaluationTicketEvent {
  return {
    _id: eventId('evaluationTicket', ticket._id, `overdue:${stepKey}:${admin}`), type: 'evaluationTicket', status: 'pending', openid: admin, at,
    page: `${STAFF_TICKET_PAGE}?id=${encodeURIComponent(ticket._id)}`, ticketId: ticket._id, step: 'overdue', targetNo: ticket.targetNo,
    title: ticket.title, unitName: ticket.unitName,
    // ≤ 20 characters (the template's `thing` field); the unit shows on the staff page it opens.
    note: `${TICKET_STATUS_LABELS[ticket.status]}已超期（${ticket.dueDate}）`,
  };
}

/**
 * Marks an open ticket overdue and tells every admin, once per overdue step: the step's key goes
 * into `overdueNotified` in the same transaction as the admins' outbox events, so a rerun (or a
 * run after a kill) finds it and writes nothing, and a later step that runs late is told again.
 */
export async function flagOverdue(id: string, today: string, at: string, admins: readonly string[]): Promise<boolean> {
  return transact(async (t) => {
    const ticket = await txGet<TicketDoc>(t, TICKETS, id);
    if (!ticket || ticket.status === 'closed' || !isOverdue(ticket, today)) return false;
    const stepKey = overdueStepKey(ticket);
    const notified = ticket.overdueNotified ?? [];
    if (ticket.overdue && notified.includes(stepKey)) return false;
    const patch: Partial<TicketDoc> = { overdue: true, overdueNotified: [...notified, stepKey], updatedAt: at };
    if (!ticket.overdue) {
      patch.timeline = [...ticket.timeline, { seq: ticket.timeline.length + 1, at, step: 'overdue', status: ticket.status, by: '系统', note: `已超过${ticket.dueDate}的办理期限`, dueDate: ticket.dueDate }];
    }
    await t.collection(TICKETS).doc(id).update({ data: patch as Record<string, unknown> });
    for (const admin of admins) {
      const ev = overdueEvent(ticket, stepKey, admin, at);
      await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(clean(ev)) });
    }
    return true;
  });
}

/** 追评 and 回访满意度, once each, after the ticket is closed. */
export async function commitFollowUp(ratingId: string, openid: string, comment: string | undefined, handlingLevel: Level | undefined, at: string): Promise<RatingDoc> {
  return transact(async (t) => {
    const rating = await txGet<RatingDoc>(t, RATINGS, ratingId);
    if (!rating || rating.openid !== openid) throw new DomainError('NOT_FOUND', '没有找到该评价');
    const ticket = rating.ticketId ? await txGet<TicketDoc>(t, TICKETS, rating.ticketId) : null;
    if (!ticket || ticket.status !== 'closed') throw new DomainError('CONFLICT', '差评处理完成并反馈后才能追评');
    if (comment && rating.followUp) throw new DomainError('CONFLICT', '已追评过，不能再次追评');
    if (handlingLevel && rating.handlingLevel) throw new DomainError('CONFLICT', '已评价过处理结果');
    if (!comment && !handlingLevel) throw new DomainError('INVALID_INPUT', '请填写追评内容或评价处理结果');
    const patch: Partial<RatingDoc> = {};
    if (comment) patch.followUp = { comment, at };
    if (handlingLevel) patch.handlingLevel = handlingLevel;
    await t.collection(RATINGS).doc(ratingId).update({ data: patch as Record<string, unknown> });
    return { ...rating, ...patch, _id: ratingId };
  });
}
