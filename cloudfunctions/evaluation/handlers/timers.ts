/**
 * Timers of the evaluation function. Both are idempotent and every write is its own transaction,
 * so overlapping runs, or a run killed half-way and started again, leave the same records.
 */
import { shanghaiDate } from '../../../core/calendar/workdays';
import { plusDays, ratingIdFor } from '../../../core/evaluation/model';
import type { TimerHandler } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { endedTargetsBetween, existingRatingIds, settings, TICKETS } from '../repo';
import { adminOpenids } from '../../shared/actor';
import { ticketClock } from './clock';
import { createRating, defaultRating, flagOverdue, type TicketDoc } from './write';

/** Stop starting new writes when less than this is left of the invocation. */
const RESERVE_MS = 1500;
/** How far back the default timer looks past the default period (a few missed daily runs). */
const CATCH_UP_DAYS = 30;

/** Optional (Guangdong): a target left unrated for N days becomes 基本满意, marked isDefault. */
export const defaults: TimerHandler = async (_e, { remainingMs }) => {
  const s = settings();
  if (!s.defaultAfterDays) return { created: 0, off: true };
  const now = new Date().toISOString();
  const to = plusDays(now, -s.defaultAfterDays);
  const targets = await endedTargetsBetween(plusDays(to, -CATCH_UP_DAYS), to, 1000);
  const rated = await existingRatingIds(targets.map((t) => ratingIdFor(t.targetType, t.targetId)));
  const clock = await ticketClock(now);
  let created = 0;
  for (const target of targets) {
    if (remainingMs() < RESERVE_MS) break;
    if (rated.has(ratingIdFor(target.targetType, target.targetId)) || !target.endedAt) continue;
    if ((await createRating(target, defaultRating(target.ownerOpenid), clock)).created) created += 1;
  }
  return { created };
};

/**
 * Flags tickets whose current step is past its due date, for the admins' overdue list, and sends
 * each admin one notice per overdue step (outbox, same transaction as the flag), while time lasts.
 */
export const overdue: TimerHandler = async (_e, { remainingMs }) => {
  const _ = getDb().command;
  const at = new Date().toISOString();
  const today = shanghaiDate(at);
  const admins = await adminOpenids();
  let flagged = 0;
  while (remainingMs() >= RESERVE_MS) {
    // Flagged tickets leave this query, so each page is the next batch still to do.
    const { data } = await getDb().collection<TicketDoc>(TICKETS)
      .where({ status: _.neq('closed'), overdue: _.neq(true), dueDate: _.lt(today) }).limit(100).get();
    let progressed = false;
    for (const t of data) {
      if (remainingMs() < RESERVE_MS) break;
      if (await flagOverdue(t._id, today, at, admins)) { flagged += 1; progressed = true; }
    }
    if (data.length < 100 || !progressed) break;
  }
  return { flagged };
};
