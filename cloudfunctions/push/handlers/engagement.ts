/**
 * 通知公告 阅读/点赞/分享. Each person counts once: the record's _id is derived from the notice and
 * a digest of the caller's openid, created with the notice's counter in one transaction, so a
 * burst of taps (or retries) by one person moves the counter once. No openid is stored.
 */
import { createHash } from 'node:crypto';
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { action } from '../../shared/router';
import { transact, txGet } from '../../shared/transaction';
import { calendarDate } from '../../shared/params';
import { counters, countsAsShareOpen, publishedBetween, SHARE_TOKEN_RE, type EngagementKind, type NoticeCounters } from '../../../core/push/engagement';
import type { NoticeStatsRow } from '../../../core/push/api-types';
import { C, _, getAll } from '../repo';

interface NoticeRow extends NoticeCounters { _id: string; title: string; publishedAt: string }
interface ShareDoc { kind: 'share'; noticeId: string; sharerKey: string; at: string }

/** The caller's stable, non-reversible key (the openid itself is never stored here). */
const personKey = (openid: string) => createHash('sha256').update(`notice-person|${openid}`).digest('hex').slice(0, 24);
const recordId = (kind: EngagementKind, noticeId: string, key: string) => `${kind}_${noticeId}_${key}`;
/** One token per sharer and notice: every link they share carries the same one. */
const shareToken = (noticeId: string, key: string) => createHash('sha256').update(`notice-share|${noticeId}|${key}`).digest('hex').slice(0, 24);
const shareId = (token: string) => `share_${token}`;

const noticeId = z.string().min(1).max(64);
const dateString = calendarDate();

async function noticeIn(t: Parameters<Parameters<typeof transact>[0]>[0], id: string): Promise<NoticeRow> {
  const n = await txGet<NoticeRow>(t, C.notices, id);
  if (!n) throw new DomainError('NOT_FOUND', '公告不存在或已撤下');
  return n;
}

export const noticeRead = action({
  permission: 'signed-in',
  // `from` is whatever the opened link carried: a malformed one is ignored rather than refused, the read still counts.
  params: z.object({ id: noticeId, from: z.string().max(64).optional() }).strict(),
  handler: async ({ id, from }, { actor, now }) => {
    const key = personKey(actor.openid);
    const at = now().toISOString();
    return transact(async (t) => {
      const n = counters(await noticeIn(t, id));
      if (await txGet(t, C.engagement, recordId('read', id, key))) return { reads: n.reads, recorded: false };
      const share = from && SHARE_TOKEN_RE.test(from) ? await txGet<ShareDoc>(t, C.engagement, shareId(from)) : null;
      const viaShare = countsAsShareOpen(share, id, key);
      await t.collection(C.engagement).doc(recordId('read', id, key)).set({ data: { kind: 'read', noticeId: id, at, ...(viaShare ? { viaShare: from } : {}) } });
      await t.collection(C.notices).doc(id).update({ data: { reads: _().inc(1), ...(viaShare ? { shareOpens: _().inc(1) } : {}) } });
      return { reads: n.reads + 1, recorded: true };
    });
  },
});

export const noticeLike = action({
  permission: 'signed-in',
  params: z.object({ id: noticeId, like: z.boolean() }).strict(),
  handler: async ({ id, like }, { actor, now }) => {
    const ref = recordId('like', id, personKey(actor.openid));
    return transact(async (t) => {
      const n = counters(await noticeIn(t, id));
      const had = !!(await txGet(t, C.engagement, ref));
      if (had === like) return { likes: n.likes, liked: like };
      if (like) await t.collection(C.engagement).doc(ref).set({ data: { kind: 'like', noticeId: id, at: now().toISOString() } });
      else await t.collection(C.engagement).doc(ref).remove();
      await t.collection(C.notices).doc(id).update({ data: { likes: _().inc(like ? 1 : -1) } });
      return { likes: Math.max(0, n.likes + (like ? 1 : -1)), liked: like };
    });
  },
});

export const noticeShare = action({
  permission: 'signed-in',
  params: z.object({ id: noticeId }).strict(),
  handler: async ({ id }, { actor, now }) => {
    const key = personKey(actor.openid);
    const token = shareToken(id, key);
    return transact(async (t) => {
      const n = counters(await noticeIn(t, id));
      if (await txGet(t, C.engagement, shareId(token))) return { token, shares: n.shares };
      const doc: ShareDoc = { kind: 'share', noticeId: id, sharerKey: key, at: now().toISOString() };
      await t.collection(C.engagement).doc(shareId(token)).set({ data: { ...doc } });
      await t.collection(C.notices).doc(id).update({ data: { shares: _().inc(1) } });
      return { token, shares: n.shares + 1 };
    });
  },
});

/** Whether the caller likes the notice; false for a caller without an openid. */
export async function likedBy(noticeIdValue: string, openid: string, get: (coll: string, id: string) => Promise<unknown>): Promise<boolean> {
  return !!(await get(C.engagement, recordId('like', noticeIdValue, personKey(openid))));
}

export const noticeStats = action({
  permission: 'staff',
  params: z.object({ from: dateString.optional(), to: dateString.optional() }).strict()
    .refine((p) => !p.from || !p.to || p.from <= p.to, { message: '开始日期不能晚于结束日期' }),
  handler: async ({ from, to }): Promise<NoticeStatsRow[]> => {
    const { gte, lt } = publishedBetween(from, to);
    const bound = gte && lt ? _().gte(gte).and(_().lt(lt)) : gte ? _().gte(gte) : lt ? _().lt(lt) : undefined;
    const rows = await getAll<NoticeRow>(C.notices, bound ? { publishedAt: bound } : {}, 500);
    return rows
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
      .map((n) => ({ id: n._id, title: n.title, publishedAt: n.publishedAt, ...counters(n) }));
  },
});
