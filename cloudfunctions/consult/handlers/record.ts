/**
 * An agent opens one of the asking citizen's records linked beside an inbox question: a
 * read-only, masked summary to answer from. The policy decides on the stored question and the
 * stored record (the record must be the asker's; an agent never opens their own), so a record id
 * that belongs to anybody else answers NOT_FOUND exactly like one that does not exist.
 */
import { z } from '../../../core/zod-zh';
import { decide } from '../../../core/policy';
import type { InboxDoc } from '../../../core/consult/inbox';
import type { InboxRecordView } from '../../../core/api';
import {
  applicationRecordView, bookingRecordView, STAFF_CASE_PAGE, STAFF_HALL_PAGE, type ApplicationRecord, type BillLike, type BookingRecord,
} from '../../../core/consult/inbox-record';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { billIdFor, PAY_BILLS } from '../../shared/case-bill';
import { C, READ_ONLY } from '../repo';

const docId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9:_-]+$/, '编号格式不正确');

type StoredApplication = ApplicationRecord & { openid: string; department: string };
type StoredBooking = BookingRecord & { hallId: string };
type Loaded =
  | { question: InboxDoc; kind: 'application'; record: StoredApplication }
  | { question: InboxDoc; kind: 'booking'; record: StoredBooking };

async function byId<T>(collection: string, id: string, fields?: Record<string, true>): Promise<T | null> {
  const _ = getDb().command;
  const q = getDb().collection<T>(collection).where({ _id: _.eq(id) }).limit(1);
  const { data } = await (fields ? q.field(fields) : q).get();
  return (data[0] as T | undefined) ?? null;
}

/** What the summary needs of a case: no form values, sealed personal data or materials are read at all. */
const APPLICATION_FIELDS = {
  _id: true, no: true, openid: true, department: true, departmentName: true, matterName: true, matterType: true, status: true, applicantName: true,
  timeline: true, clock: true, supplementRequest: true, suspendReason: true, result: true, submittedAt: true,
} as const;

/** A booking without its check-in code, which only the citizen shows at the hall. */
const BOOKING_FIELDS = {
  _id: true, no: true, openid: true, matterName: true, hallId: true, hallName: true, hallAddress: true, groupName: true, date: true, start: true, end: true,
  startAt: true, status: true, createdAt: true, cancelledAt: true, cancelledBy: true, cancelReason: true, checkedInAt: true, noShowAt: true,
} as const;

async function load(questionId: string, kind: 'application' | 'booking', id: string): Promise<Loaded | null> {
  const question = await byId<InboxDoc>(C.inbox, questionId);
  if (!question) return null;
  if (kind === 'application') {
    const record = await byId<StoredApplication>(READ_ONLY.applications, id, APPLICATION_FIELDS);
    return record ? { question, kind, record } : null;
  }
  const record = await byId<StoredBooking>(READ_ONLY.bookings, id, BOOKING_FIELDS);
  return record ? { question, kind, record } : null;
}

export const inboxRecord = action({
  permission: 'consult:answer',
  params: z.object({ questionId: docId, kind: z.enum(['application', 'booking']), id: docId }).strict(),
  notFound: '没有找到该记录',
  authorize: async (p) => {
    const loaded = await load(p.questionId, p.kind, p.id);
    return loaded ? { resource: { ownerOpenid: loaded.record.openid, askerOpenid: loaded.question.openid }, entity: loaded } : null;
  },
  handler: async (_p, { actor, entity }): Promise<InboxRecordView> => {
    const { question } = entity;
    let view: InboxRecordView;
    if (entity.kind === 'application') {
      const app = entity.record;
      const bill = await byId<BillLike>(PAY_BILLS, billIdFor(app._id), { status: true, totalFen: true, expiresAt: true });
      // The full case page only for someone who may handle it there; everyone else keeps this summary.
      const canHandle = decide(actor, 'case:handle', { department: app.department, ownerOpenid: app.openid }).allowed;
      view = applicationRecordView(app, bill, canHandle ? `${STAFF_CASE_PAGE}?id=${encodeURIComponent(app._id)}` : undefined);
    } else {
      const b = entity.record;
      const canOperate = decide(actor, 'hall:operate', { hall: b.hallId, ownerOpenid: b.openid }).allowed;
      view = bookingRecordView(b, canOperate ? STAFF_HALL_PAGE : undefined);
    }
    // Logged before the record leaves, like every look at a citizen's data from the inbox.
    await getDb().collection(C.accessLogs).add({ data: {
      openid: actor.openid, questionId: question._id, conversationId: question.conversationId, purpose: 'consultRecord',
      kind: entity.kind, recordId: entity.record._id, at: new Date().toISOString(),
    } });
    return view;
  },
});
