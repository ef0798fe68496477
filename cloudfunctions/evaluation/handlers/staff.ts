/** The unit's 差评工单 (谁办理谁负责) and the admins' 申诉复核. Staff never see the rater's openid. */
import type { TicketSummary, TicketView } from '../../../core/evaluation/api';
import { departmentScope, type Actor } from '../../../core/policy';
import { isOverdue, orderTickets, type TicketStep } from '../../../core/evaluation/ticket';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { ACCESS_LOGS, APPLICATIONS, getById, TICKETS } from '../repo';
import { piiCipherFor } from '../../shared/pii';
import type { ApplicationDoc } from '../../../core/affairs/model';
import { ticketClock } from './clock';
import { commitTicketStep, type TicketDoc } from './write';
import { idParams, reviewParams, ticketsParams, ticketStepParams } from './schemas';
import { DomainError } from '../../../core/envelope';
import { shanghaiDate } from '../../../core/calendar/workdays';

function summary(t: TicketDoc, today: string): TicketSummary {
  return {
    id: t._id, targetId: t.targetId, targetType: t.targetType, title: t.title, level: t.level, status: t.status, dueDate: t.dueDate,
    overdue: !!t.overdue || isOverdue(t, today),
  };
}

function view(t: TicketDoc): TicketView {
  return {
    ...summary(t, shanghaiDate(new Date())), unitName: t.unitName, options: t.options, comment: t.comment, commentFlagged: t.commentFlagged,
    resolution: t.resolution, appealUpheld: t.appealUpheld, timeline: t.timeline, createdAt: t.createdAt,
  };
}

/**
 * Tickets of the units the actor works for: departments and halls; admins see all. Open and closed
 * tickets are read separately (open by due date, closed by last update) so a long closed history
 * never pushes a new ticket off the page; orderTickets() gives the final order.
 */
async function ticketsFor(actor: Actor, status?: string): Promise<TicketDoc[]> {
  const _ = getDb().command;
  const read = (where: Record<string, unknown>) => {
    const parts: Promise<TicketDoc[]>[] = [];
    if (status !== 'closed') {
      parts.push(getDb().collection<TicketDoc>(TICKETS).where({ status: status ? _.eq(status) : _.neq('closed'), ...where })
        .orderBy('dueDate', 'asc').limit(100).get().then((r) => r.data));
    }
    if (!status || status === 'closed') {
      parts.push(getDb().collection<TicketDoc>(TICKETS).where({ status: _.eq('closed'), ...where })
        .orderBy('updatedAt', 'desc').limit(100).get().then((r) => r.data));
    }
    return Promise.all(parts).then((lists) => lists.flat());
  };
  const scope = departmentScope(actor);
  if (scope === 'all') return orderTickets(await read({}));
  const [byDept, byHall] = await Promise.all([
    scope.length ? read({ department: _.in(scope) }) : [],
    actor.halls.length ? read({ hall: _.in(actor.halls) }) : [],
  ]);
  return orderTickets([...byDept, ...byHall]);
}

export const tickets = action({
  permission: 'evaluation:handle',
  params: ticketsParams,
  handler: async (p, { actor }) => {
    const today = shanghaiDate(new Date());
    return { items: (await ticketsFor(actor, p.status)).map((t) => summary(t, today)) };
  },
});

const loadTicket = async (p: { id: string }) => {
  const t = await getById<TicketDoc>(TICKETS, p.id);
  return t ? { resource: { department: t.department, hall: t.hall }, entity: t } : null;
};

export const ticket = action({
  permission: 'evaluation:handle',
  params: idParams,
  notFound: '没有找到该差评工单',
  authorize: loadTicket,
  handler: async (_p, { entity }) => view(entity),
});

export const ticketStep = action({
  permission: 'evaluation:handle',
  params: ticketStepParams,
  notFound: '没有找到该差评工单',
  authorize: loadTicket,
  handler: async (p, { entity }) => {
    let step: TicketStep;
    if (p.step === 'resolve') {
      if (!p.resolution) throw new DomainError('INVALID_INPUT', '请选择处理方式：立行立改、限期整改、解释说明或申诉');
      step = { step: 'resolve', resolution: p.resolution, note: p.note, dueDate: p.dueDate };
    } else {
      step = { step: p.step, note: p.note };
    }
    return view(await commitTicketStep(p.id, step, entity.unitName || '办理单位', await ticketClock()));
  },
});

export const reviewAppeal = action({
  permission: 'evaluation:review',
  params: reviewParams,
  notFound: '没有找到该差评工单',
  authorize: loadTicket,
  handler: async (p) => view(await commitTicketStep(p.id, { step: 'review', upheld: p.upheld, note: p.note }, '管理员', await ticketClock())),
});

/**
 * 回访核实: the rater's phone, from the rated application (the only place it is kept), for the
 * unit handling the ticket. Logged before it leaves, like every unmasking (access_logs).
 */
export const revealContact = action({
  permission: 'evaluation:handle',
  params: idParams,
  notFound: '没有找到该差评工单',
  authorize: loadTicket,
  handler: async (_p, { actor, entity }) => {
    const app = entity.targetType === 'application' ? await getById<ApplicationDoc>(APPLICATIONS, entity.targetId) : null;
    const phoneKeys = (app?.formFields ?? []).filter((f) => f.type === 'phone' && app?.pii?.[f.key]).map((f) => f.key);
    if (!app || !phoneKeys.length) throw new DomainError('NOT_FOUND', '该评价对应的办理记录中没有联系电话，请按办理登记的方式联系');
    const cipher = piiCipherFor(process.env.PII_KEY);
    const phones = phoneKeys.map((k) => String(cipher.decrypt(app.pii[k].c)));
    await getDb().collection(ACCESS_LOGS).add({ data: {
      openid: actor.openid, applicationId: app._id, applicationNo: app.no, department: app.department, ticketId: entity._id,
      fields: phoneKeys, purpose: 'evaluation-contact', at: new Date().toISOString(),
    } });
    return { phones };
  },
});
