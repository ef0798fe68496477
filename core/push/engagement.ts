/**
 * 通知公告 engagement (阅读/点赞/分享): the pure rules. Reads, likes and shares count once per
 * person; a read that arrives through a share link also counts as a share open, unless the
 * sharer opens their own link.
 */

/** A share token as handed out by `noticeShare` (hex digest); anything else is ignored, not stored. */
export const SHARE_TOKEN_RE = /^[0-9a-f]{24}$/;

export type EngagementKind = 'read' | 'like';

/** The counters a notice carries (absent on notices published before engagement existed). */
export interface NoticeCounters { reads?: number; likes?: number; shares?: number; shareOpens?: number }

export function counters(n: NoticeCounters): Required<NoticeCounters> {
  return { reads: n.reads ?? 0, likes: n.likes ?? 0, shares: n.shares ?? 0, shareOpens: n.shareOpens ?? 0 };
}

/** The share that led to this read counts as an open only when it shares this notice and is not the reader's own. */
export function countsAsShareOpen(share: { noticeId: string; sharerKey: string } | null, noticeId: string, readerKey: string): boolean {
  return !!share && share.noticeId === noticeId && share.sharerKey !== readerKey;
}

/**
 * `publishedAt` bounds (ISO, UTC) for a range of Asia/Shanghai dates, both inclusive; either end may be open.
 * China has no daylight saving, so a day starts at 00:00+08:00.
 */
export function publishedBetween(from?: string, to?: string): { gte?: string; lt?: string } {
  const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
  return {
    ...(from ? { gte: new Date(dayStart(from)).toISOString() } : {}),
    ...(to ? { lt: new Date(dayStart(to) + 86_400_000).toISOString() } : {}),
  };
}
