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
import { matterFits, namedObjects, withoutTimeWords } from '../../core/consult/record-scope';
import { shanghaiDateTime } from '../../core/shanghai-time';
import { getDb } from '../shared/cloud';
// affairs' and booking's records and pay's bills, read by the caller's openid only.
import { APPLICATIONS, BOOKINGS, PAY_BILLS } from '../shared/collections';
import type { ConsultMessage } from './conversation';
import { C } from './repo';

export const CONTEXT_LINES = 8;
export const CONTEXT_RECORDS = 5;
export const CONTEXT_SUGGESTIONS = 5;
/** Older records beyond the latest that the question names, at most (per kind). */
export const CONTEXT_NAMED = 3;
/** How many of the caller's records are read to find the named ones: one page of a WeChat query. */
const NAMED_SCAN = 100;
/**
 * The caller's latest applications (not drafts), newest change first. `fields`: only these are
 * read (a page of whole cases carries their forms).
 */
export async function recentApplications(openid: string, limit: number, fields?: (keyof ApplicationRow)[]): Promise<ApplicationRow[]> {
  const _ = getDb().command;
  const q = getDb().collection<ApplicationRow>(APPLICATIONS).where({ openid: _.eq(openid), status: _.neq('draft') }).orderBy('updatedAt', 'desc').limit(limit);
  return (await (fields ? q.field(projection(fields)) : q).get()).data;
}

/** The caller's bookings, latest slot first. */
export async function recentBookings(openid: string, limit: number, fields?: (keyof BookingRow)[]): Promise<BookingRow[]> {
  const _ = getDb().command;
  const q = getDb().collection<BookingRow>(BOOKINGS).where({ openid: _.eq(openid) }).orderBy('startAt', 'desc').limit(limit);
  return (await (fields ? q.field(projection(fields)) : q).get()).data;
}

const projection = (fields: string[]): Record<string, boolean> => Object.fromEntries(fields.map((f) => [f, true]));
/** What a context line shows of a record. */
const APPLICATION_FIELDS: (keyof ApplicationRow)[] = ['_id', 'no', 'matterName', 'status', 'updatedAt'];
const BOOKING_FIELDS: (keyof BookingRow)[] = ['_id', 'no', 'matterName', 'status', 'date', 'start', 'startAt'];

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

/**
 * The latest records, then (up to CONTEXT_NAMED more) older ones whose matter the question names
 * (居住证办了一个多月还没办好: the 居住证 case from last month, not only this week's five), matched
 * as the assistant matches a personal question. Without a named object only the latest are read.
 */
function withNamed<T extends { matterName: string }>(rows: T[], named: Set<string>, words: string): T[] {
  const latest = rows.slice(0, CONTEXT_RECORDS);
  if (!named.size) return latest;
  const older = rows.slice(CONTEXT_RECORDS).filter((r) => matterFits(named, words, r.matterName)).slice(0, CONTEXT_NAMED);
  return [...latest, ...older];
}

/** `question`: the citizen's question as stored (masked), for the records it names. */
export async function handoffContext(openid: string, conversationId: string, questionId: string, question: string): Promise<HandoffContext> {
  const named = namedObjects(question);
  // One bounded read per kind: the latest few, or a page to find the named ones among (WeChat's page limit).
  const limit = named.size ? NAMED_SCAN : CONTEXT_RECORDS;
  const [messages, allApps, allBookings] = await Promise.all([
    lastLines(conversationId, openid), recentApplications(openid, limit, APPLICATION_FIELDS), recentBookings(openid, limit, BOOKING_FIELDS),
  ]);
  const words = withoutTimeWords(question);
  const apps = withNamed(allApps, named, words);
  const bookings = withNamed(allBookings, named, words);
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
