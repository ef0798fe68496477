/**
 * Collections of the evaluation function and the services it rates. Applications and bookings
 * belong to the affairs and booking functions; this function only reads them, by the fields
 * their owners store (status, openid, department / hall, end time).
 */
import type { ApplicationDoc } from '../../core/affairs/model';
import type { Booking } from '../../core/booking/model';
import { evaluationSettings, type RatingTarget, type TargetType } from '../../core/evaluation/model';
import { getDb } from '../shared/cloud';
import {
  ACCESS_LOGS, APPLICATIONS, BOOKINGS, EVALUATION_RATINGS as RATINGS, EVALUATION_TICKETS as TICKETS, OUTBOX,
} from '../shared/collections';

/** ACCESS_LOGS: the personal-data access log the affairs function keeps (≥ 6 months). */
export { ACCESS_LOGS, APPLICATIONS, OUTBOX, RATINGS, TICKETS };

export const settings = () => evaluationSettings(process.env);

export async function getById<T>(collection: string, id: string): Promise<T | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection(collection).where({ _id: _.eq(id) }).limit(1).get();
  return (data[0] as T | undefined) ?? null;
}

export function withoutId<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  return rest;
}

/** 办结 (准予 / 不予) and 不予受理 end an application; its last timeline entry is when. */
export const ENDED_APPLICATION_STATUSES = ['completed', 'rejected'] as const;

export function applicationTarget(app: ApplicationDoc): RatingTarget {
  const ended = (ENDED_APPLICATION_STATUSES as readonly string[]).includes(app.status);
  return {
    targetType: 'application', targetId: app._id, ownerOpenid: app.openid, targetNo: app.no, matterId: app.matterId, title: app.matterName,
    department: app.department, departmentName: app.departmentName,
    endedAt: ended ? app.timeline[app.timeline.length - 1]?.at ?? app.updatedAt : null,
    notEndedReason: app.status === 'withdrawn' ? '已撤回的办件不能评价' : '该办件尚未办结，办结后才能评价',
  };
}

/** A visit can be rated once the booker has checked in at the hall. */
export function bookingTarget(b: Booking): RatingTarget {
  return {
    targetType: 'booking', targetId: b._id, ownerOpenid: b.openid, targetNo: b.no, matterId: b.matterId, title: `${b.matterName}（${b.hallName}）`,
    hall: b.hallId, departmentName: b.hallName,
    endedAt: b.status === 'checkedIn' ? b.checkedInAt ?? null : null,
    notEndedReason: b.status === 'booked' ? '到大厅签到办理后才能评价' : '未到场办理的预约不能评价',
  };
}

export async function loadTarget(targetType: TargetType, targetId: string): Promise<RatingTarget | null> {
  if (targetType === 'application') {
    const app = await getById<ApplicationDoc>(APPLICATIONS, targetId);
    return app && app.status !== 'draft' ? applicationTarget(app) : null;
  }
  const booking = await getById<Booking>(BOOKINGS, targetId);
  return booking ? bookingTarget(booking) : null;
}

/** The caller's ended services since `since` (ISO), newest first. */
export async function endedTargetsOf(openid: string, since: string): Promise<RatingTarget[]> {
  const _ = getDb().command;
  const apps = await getDb().collection<ApplicationDoc>(APPLICATIONS)
    .where({ openid: _.eq(openid), status: _.in([...ENDED_APPLICATION_STATUSES]), updatedAt: _.gte(since) })
    .orderBy('updatedAt', 'desc').limit(100).get();
  const bookings = await getDb().collection<Booking>(BOOKINGS)
    .where({ openid: _.eq(openid), status: _.eq('checkedIn'), checkedInAt: _.gte(since) })
    .orderBy('checkedInAt', 'desc').limit(100).get();
  return [...apps.data.map(applicationTarget), ...bookings.data.map(bookingTarget)];
}

/** Every service that ended in [from, to) (ISO), for the default-rating timer. */
export async function endedTargetsBetween(from: string, to: string, max: number): Promise<RatingTarget[]> {
  const _ = getDb().command;
  const apps = await getDb().collection<ApplicationDoc>(APPLICATIONS)
    .where({ status: _.in([...ENDED_APPLICATION_STATUSES]), updatedAt: _.and(_.gte(from), _.lt(to)) })
    .orderBy('updatedAt', 'asc').limit(max).get();
  const bookings = await getDb().collection<Booking>(BOOKINGS)
    .where({ status: _.eq('checkedIn'), checkedInAt: _.and(_.gte(from), _.lt(to)) })
    .orderBy('checkedInAt', 'asc').limit(max).get();
  return [...apps.data.map(applicationTarget), ...bookings.data.map(bookingTarget)];
}

/** Which of these rating ids exist already. */
export async function existingRatingIds(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const _ = getDb().command;
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    const { data } = await getDb().collection(RATINGS).where({ _id: _.in(ids.slice(i, i + 100)) }).field({ _id: true }).limit(100).get();
    for (const d of data) found.add(String(d._id));
  }
  return found;
}

