/**
 * What an agent needs beside a handed-off question: the conversation so far (as stored, so
 * personal numbers are already masked) and the citizen's own recent applications and bookings,
 * read by the caller's openid only (the same database; consult never writes these collections).
 */
import type { HandoffContext, HandoffLine, HandoffRecord } from '../../core/api';
import { STATUS_LABELS } from '../../core/affairs/model';
import { BOOKING_STATUS_LABELS } from '../../core/booking/model';
import type { ApplicationRow, BillRow, BookingRow } from '../../core/consult/assistant';
import { inboxRecordLink } from '../../core/consult/inbox-record';
import { maskPersonalNumbers } from '../../core/consult/personal-numbers';
import { shanghaiDateTime } from '../../core/shanghai-time';
import { getDb } from '../shared/cloud';
// affairs' and booking's records and pay's bills, read by the caller's openid only.
import { APPLICATIONS, BOOKINGS, PAY_BILLS } from '../shared/collections';
import type { ConsultMessage } from './conversation';
import { C } from './repo';

export const CONTEXT_LINES = 8;
export const CONTEXT_RECORDS = 5;
export const CONTEXT_SUGGESTIONS = 5;
/** The caller's latest applications (not drafts), newest change first. */
export async function recentApplications(openid: string, limit: number): Promise<ApplicationRow[]> {
  const _ = getDb().command;
  const { data } = await getDb().collection<ApplicationRow>(APPLICATIONS).where({ openid: _.eq(openid), status: _.neq('draft') }).orderBy('updatedAt', 'desc').limit(limit).get();
  return data;
}

/** The caller's bookings, latest slot first. */
export async function recentBookings(openid: string, limit: number): Promise<BookingRow[]> {
  const _ = getDb().command;
  const { data } = await getDb().collection<BookingRow>(BOOKINGS).where({ openid: _.eq(openid) }).orderBy('startAt', 'desc').limit(limit).get();
  return data;
}

/**
 * The caller's bills still to pay among these cases (the pay function's records, read by openid):
 * what the case detail page shows as its next step.
 */
export async function unpaidBillsOf(openid: string, applicationIds: string[]): Promise<BillRow[]> {
  if (!applicationIds.length) return [];
  const _ = getDb().command;
  const { data } = await getDb().collection<BillRow>(PAY_BILLS)
    .where({ openid: _.eq(openid), applicationId: _.in(applicationIds.slice(0, 100)), status: _.in(['unpaid', 'paying']) })
    .field({ applicationId: true, status: true, totalFen: true, expiresAt: true }).limit(100).get();
  return data;
}

async function lastLines(conversationId: string, openid: string): Promise<HandoffLine[]> {
  const _ = getDb().command;
  const { data } = await getDb().collection<ConsultMessage>(C.messages)
    .where({ conversationId: _.eq(conversationId), openid: _.eq(openid) }).orderBy('at', 'desc').limit(CONTEXT_LINES).get();
  const order = { citizen: 0, bot: 1, staff: 2 } as const;
  return [...data].sort((a, b) => a.at.localeCompare(b.at) || order[a.role] - order[b.role])
    // Stored masked already; masking again costs nothing and keeps a bot line quoting a number safe.
    .map((m) => ({
      role: m.role, text: maskPersonalNumbers(m.text), at: m.at,
      ...(m.role === 'bot' && m.type ? { type: m.type } : {}),
      // The entries offered (knowledge-base questions, no personal data), so the agent sees what the citizen could pick.
      ...(m.role === 'bot' && m.suggestions?.length ? { suggestions: m.suggestions.slice(0, CONTEXT_SUGGESTIONS).map((s) => ({ id: s.id, question: s.question })) } : {}),
    }));
}

export async function handoffContext(openid: string, conversationId: string, questionId: string): Promise<HandoffContext> {
  const [messages, apps, bookings] = await Promise.all([
    lastLines(conversationId, openid), recentApplications(openid, CONTEXT_RECORDS), recentBookings(openid, CONTEXT_RECORDS),
  ]);
  const records: HandoffRecord[] = [
    ...apps.map((a): HandoffRecord => ({
      kind: 'application', id: a._id, no: a.no, title: a.matterName, status: STATUS_LABELS[a.status] ?? a.status,
      when: shanghaiDateTime(a.updatedAt), link: inboxRecordLink(questionId, 'application', a._id),
    })),
    ...bookings.map((b): HandoffRecord => ({
      kind: 'booking', id: b._id, no: b.no, title: b.matterName, status: BOOKING_STATUS_LABELS[b.status] ?? b.status,
      when: `${b.date} ${b.start}`, link: inboxRecordLink(questionId, 'booking', b._id),
    })),
  ];
  return { messages, records };
}

/**
 * Why a stored inbox question reached a person and its context, as the inbox shows them. Record
 * links are made afresh: questions stored before the agent's record view linked to pages only
 * the handling department or hall can open.
 */
export function handoffFields(doc: { _id: string }): { reason?: string; context?: HandoffContext } {
  const d = doc as { _id: string; reason?: string; context?: HandoffContext };
  const context = d.context && {
    ...d.context, records: (d.context.records ?? []).map((r) => ({ ...r, link: inboxRecordLink(d._id, r.kind, r.id) })),
  };
  return { ...(d.reason ? { reason: d.reason } : {}), ...(context ? { context } : {}) };
}
