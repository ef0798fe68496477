/** 通知公告: staff publish (title, rich text, images); citizens list and read. */
import { randomBytes } from 'node:crypto';
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { action } from '../../shared/router';
import { plainSummary, sanitizeRichText } from '../../../core/push/rich-text';
import type { NoticeView } from '../../../core/push/api-types';
import { C, db, getById } from '../repo';
import { tempUrls } from '../../shared/temp-urls';
import { counters, type NoticeCounters } from '../../../core/push/engagement';
import { likedBy } from './engagement';

interface NoticeDoc extends NoticeCounters { _id: string; title: string; body: string; images: string[]; publisher: string; publishedBy: string; publishedAt: string }

/**
 * A stored image source → the fileID to sign, when it is a file of the publisher's own uploads
 * (a notice must not turn someone else's file, e.g. sealed evidence, public); null otherwise.
 * `/storage/<path>` is the local preview's older form of the same thing.
 */
function publisherFile(src: string, publisher: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(src) ?? /^\/storage\/([^?#]+)/.exec(src);
  if (!m) return null;
  let path: string;
  try { path = decodeURIComponent(m[1]); } catch { return null; }
  if (!path.startsWith(`uploads/${publisher}/`) || path.split('/').includes('..')) return null;
  return src.startsWith('cloud://') ? src : `cloud://storage/${path}`;
}

function engagement(n: NoticeDoc): Pick<NoticeView, 'reads' | 'likes' | 'shares'> {
  const { reads, likes, shares } = counters(n);
  return { reads, likes, shares };
}

/** Stored sources become temp URLs at read time (they expire; the notice does not); others are dropped. */
async function view(n: NoticeDoc, viewer?: string): Promise<NoticeView> {
  const bodySrcs = [...n.body.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
  const files = new Map([...n.images, ...bodySrcs].map((src) => [src, publisherFile(src, n.publishedBy)] as const));
  const urls = await tempUrls([...files.values()].filter((f): f is string => !!f));
  const show = (src: string): string | null => (/^https:\/\//.test(src) ? src : urls.get(files.get(src) ?? '') ?? null);
  const body = n.body.replace(/<img src="([^"]*)"([^>]*)>/g, (_all, src: string, rest: string) => {
    const url = show(src);
    return url ? `<img src="${url.replace(/&/g, '&amp;')}"${rest}>` : '';
  });
  return {
    id: n._id, title: n.title, body, images: n.images.map(show).filter((u): u is string => !!u),
    summary: plainSummary(n.body), publisher: n.publisher, publishedAt: n.publishedAt,
    ...engagement(n),
    ...(viewer ? { liked: await likedBy(n._id, viewer, getById) } : {}),
  };
}

export const publishNotice = action({
  permission: 'notice:publish',
  params: z.object({
    title: z.string().trim().min(2).max(60),
    body: z.string().min(1).max(20000),
    images: z.array(z.string().regex(/^(cloud:\/\/|https:\/\/|\/storage\/)[^\s"'<>]{1,300}$/, '图片地址不正确')).max(9).optional(),
  }).strict(),
  handler: async (p, { actor }) => {
    const body = sanitizeRichText(p.body);
    // Markup alone (an empty paragraph, a stripped script) would publish a blank notice.
    if (!plainSummary(body)) throw new DomainError('INVALID_INPUT', '公告正文不能为空，请填写正文内容');
    const doc: NoticeDoc = {
      _id: `ntc${Date.now().toString(36)}${randomBytes(3).toString('hex')}`, title: p.title, body, images: p.images ?? [],
      publisher: actor.name ?? (actor.role === 'admin' ? '示例市人民政府' : '示例市政务服务中心'), publishedBy: actor.openid, publishedAt: new Date().toISOString(),
    };
    await db().collection(C.notices).add({ data: { ...doc } });
    return view(doc);
  },
});

export const notices = action({
  permission: 'public',
  params: z.object({ limit: z.number().int().min(1).max(50).optional() }).strict(),
  handler: async ({ limit = 10 }) => {
    const { data } = await db().collection(C.notices).where({}).orderBy('publishedAt', 'desc').limit(limit).get();
    return Promise.all((data as NoticeDoc[]).map((n) => view(n)));
  },
});

export const notice = action({
  permission: 'public',
  params: z.object({ id: z.string().min(1).max(64) }).strict(),
  notFound: '公告不存在或已撤下',
  authorize: async ({ id }) => {
    const n = await getById<NoticeDoc>(C.notices, id);
    return n ? { resource: {}, entity: n } : null;
  },
  handler: async (_p, { entity, actor }) => view(entity, actor.openid || undefined),
});
