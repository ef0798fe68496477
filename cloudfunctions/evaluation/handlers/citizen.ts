/** The rater's actions: what is open for rating, rating it, their ratings, 追评. */
import { DomainError } from '../../../core/envelope';
import { LEVEL_LABELS, optionsFor, rateBlocker, ratingIdFor, unknownOption, type RatingDoc } from '../../../core/evaluation/model';
import type { MyRating, PendingRating } from '../../../core/evaluation/api';
import type { Resource } from '../../../core/policy';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { checkComment } from '../content-check';
import { getById, loadTarget, RATINGS, TICKETS } from '../repo';
import { pendingRatingsOf } from '../pending';
import { ticketClock } from './clock';
import { commitFollowUp, createRating, type TicketDoc } from './write';
import { followUpParams, rateParams } from './schemas';

export const pending = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor }): Promise<PendingRating[]> => pendingRatingsOf(actor.openid, new Date().toISOString()),
});

export const rate = action({
  permission: 'evaluation:rate',
  params: rateParams,
  notFound: '没有找到可评价的办件或预约',
  authorize: async (p) => {
    const target = await loadTarget(p.targetType, p.targetId);
    if (!target) return null;
    const resource: Resource = { ownerOpenid: target.ownerOpenid, department: target.department, hall: target.hall };
    return { resource, entity: target };
  },
  handler: async (p, { actor, entity: target }) => {
    const clock = await ticketClock();
    const blocker = rateBlocker(target, clock.at, clock.settings);
    if (blocker) throw new DomainError('CONFLICT', blocker);
    const allowed = optionsFor(p.targetType, p.level);
    const options = [...new Set(p.options ?? [])];
    const unknown = unknownOption(p.targetType, p.level, options);
    if (unknown) throw new DomainError('INVALID_INPUT', `评价选项“${unknown}”不是“${LEVEL_LABELS[p.level]}”可选的选项（可选：${allowed.join('、')}）`);
    // Idempotent replay before the content check: a retried call must not be refused by it.
    const stored = await getById<RatingDoc>(RATINGS, ratingIdFor(p.targetType, p.targetId));
    const checked = stored ? {} : await checkComment(actor.openid, p.comment);
    const { rating } = await createRating(target, {
      openid: actor.openid, requestId: p.requestId, level: p.level, options, comment: checked.comment, commentFlagged: checked.flagged, isDefault: false,
    }, clock);
    return { id: rating._id, level: rating.level, ...(rating.ticketId ? { ticketId: rating.ticketId } : {}) };
  },
});

async function myView(r: RatingDoc): Promise<MyRating> {
  const ticket = r.ticketId ? await getById<TicketDoc>(TICKETS, r.ticketId) : null;
  return {
    id: r._id, targetType: r.targetType, targetId: r.targetId, title: r.title, level: r.level, options: r.options, comment: r.comment,
    isDefault: r.isDefault, excluded: !!r.excluded, ...(ticket ? { ticketStatus: ticket.status } : {}),
    ...(r.followUp ? { followUp: r.followUp } : {}), ...(r.handlingLevel ? { handlingLevel: r.handlingLevel } : {}), createdAt: r.createdAt,
  };
}

export const mine = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor }): Promise<MyRating[]> => {
    const _ = getDb().command;
    const { data } = await getDb().collection<RatingDoc>(RATINGS).where({ openid: _.eq(actor.openid) }).orderBy('createdAt', 'desc').limit(100).get();
    return Promise.all(data.map(myView));
  },
});

export const followUp = action({
  permission: 'citizen:own',
  params: followUpParams,
  notFound: '没有找到该评价',
  authorize: async (p) => {
    const rating = await getById<RatingDoc>(RATINGS, p.id);
    return rating && !rating.isDefault ? { resource: { ownerOpenid: rating.openid }, entity: rating } : null;
  },
  handler: async (p, { actor }) => {
    const checked = await checkComment(actor.openid, p.comment);
    const rating = await commitFollowUp(p.id, actor.openid, checked.comment, p.handlingLevel, new Date().toISOString());
    return myView(rating);
  },
});
