/**
 * The agent's read-only view of one of the asking citizen's records (办件 or 预约), beside a
 * handed-off question: enough to answer "办到哪一步了 / 约的是几点" — never form values, ID or
 * phone numbers, materials, result files or check-in codes. Pure: the consult function loads the
 * stored records and decides access (core/policy.ts) before calling these.
 */
import { clockPaused, pausedClockNote } from '../affairs/clock-view';
import { ACTION_LABELS, STATUS_LABELS, type ApplicationDoc } from '../affairs/model';
import { BOOKING_STATUS_LABELS, type Booking } from '../booking/model';
import { maskName } from '../mask';
import { BLOCKING_STATUSES, STATUS_LABEL as BILL_STATUS_LABELS } from '../pay/machine';
import type { BillStatus } from '../pay/api';
import { shanghaiDateTime } from '../shanghai-time';
import type { InboxRecordStep, InboxRecordView } from './api';
import { bookingCard, ownerNextStep } from './assistant';
import { maskPersonalNumbers } from './personal-numbers';

export type RecordKind = InboxRecordView['kind'];

/** The page an inbox item's record links to. */
export const INBOX_RECORD_PAGE = '/packages/staff/pages/consult-record/index';

export function inboxRecordLink(questionId: string, kind: RecordKind, id: string): string {
  return `${INBOX_RECORD_PAGE}?questionId=${encodeURIComponent(questionId)}&kind=${kind}&id=${encodeURIComponent(id)}`;
}

/** The staff pages where someone who may handle the record (its department, its hall) opens it in full. */
export const STAFF_CASE_PAGE = '/packages/staff/pages/case/index';
export const STAFF_HALL_PAGE = '/packages/staff/pages/hall-day/index';

/** What of a case's bill matters to the agent: whether something is still to pay, and by when. */
export interface BillLike { status: BillStatus; totalFen: number; expiresAt?: string }

/** Typed by staff: a comment may quote a number the agent must not read out. */
const masked = (text: string | undefined) => (text ? maskPersonalNumbers(text) : undefined);

const step = (at: string, name: string, by?: string, comment?: string): InboxRecordStep => ({
  at: shanghaiDateTime(at), step: name, ...(by ? { by } : {}), ...(comment ? { comment } : {}),
});

export type ApplicationRecord = Pick<ApplicationDoc,
  '_id' | 'no' | 'matterName' | 'matterType' | 'status' | 'departmentName' | 'applicantName' | 'timeline' | 'clock' | 'supplementRequest' | 'suspendReason' | 'result' | 'submittedAt'>;

export function applicationRecordView(app: ApplicationRecord, bill: BillLike | null, staffLink?: string): InboxRecordView {
  // The citizen's detail page rule: while paused (补正, 挂起) the stored date is stale.
  const paused = clockPaused(app);
  const steps = (app.timeline ?? []).map((e) => step(
    e.at, e.result ? `${ACTION_LABELS[e.action]}（${e.result.decision}）` : ACTION_LABELS[e.action], e.by, masked(e.comment),
  ));
  return {
    kind: 'application', id: app._id, no: app.no, matterName: app.matterName, status: STATUS_LABELS[app.status] ?? app.status,
    unit: app.departmentName, when: shanghaiDateTime(app.submittedAt),
    ...(app.clock && !paused ? { due: app.clock.dueDate } : {}),
    ...(paused ? { clockPaused: true, clock: pausedClockNote(app) } : {}),
    ...(app.applicantName ? { applicant: maskName(app.applicantName) } : {}),
    steps,
    // The citizen's own words (detail page, assistant card): an accepted case waiting for payment says to pay.
    nextStep: masked(ownerNextStep(app, bill)) ?? '',
    ...(bill && BLOCKING_STATUSES.includes(bill.status) ? { unpaid: { amountFen: bill.totalFen, status: BILL_STATUS_LABELS[bill.status] } } : {}),
    ...(staffLink ? { staffLink } : {}),
  };
}

export type BookingRecord = Pick<Booking,
  '_id' | 'no' | 'openid' | 'matterName' | 'hallName' | 'hallAddress' | 'groupName' | 'date' | 'start' | 'end' | 'startAt' | 'status' | 'createdAt' | 'cancelledAt' | 'cancelledBy' | 'cancelReason' | 'checkedInAt' | 'noShowAt'>;

export function bookingRecordView(b: BookingRecord, staffLink?: string): InboxRecordView {
  const steps: InboxRecordStep[] = [];
  if (b.createdAt) steps.push(step(b.createdAt, '预约', '预约人'));
  if (b.cancelledAt) steps.push(step(b.cancelledAt, '取消预约', b.cancelledBy === 'hall' ? b.hallName : '预约人', masked(b.cancelReason)));
  if (b.checkedInAt) steps.push(step(b.checkedInAt, '到场签到', b.hallName));
  if (b.noShowAt) steps.push(step(b.noShowAt, '未按时到场（爽约）', b.hallName));
  return {
    kind: 'booking', id: b._id, no: b.no, matterName: b.matterName, status: BOOKING_STATUS_LABELS[b.status] ?? b.status,
    unit: [b.hallName, b.groupName].filter(Boolean).join(' · '), when: `${b.date} ${b.start}–${b.end}`,
    ...(b.hallAddress ? { address: b.hallAddress } : {}),
    steps,
    nextStep: bookingCard(b).nextStep,
    ...(staffLink ? { staffLink } : {}),
  };
}
