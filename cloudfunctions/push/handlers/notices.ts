/** 通知公告: staff publish (title, rich text, images); citizens list and read. */
import { randomBytes } from 'node:crypto';
import { z } from '../../../core/zod-zh';
import { action } from '../../shared/router';
import { plainSummary, sanitizeRichText } from '../../../core/push/rich-text';
import type { NoticeView } from '../../../core/push/api-types';
import { C, db, getById } from '../store';

interface NoticeDoc { _id: string; title: string; body: string; images: string[]; publisher: string; publishedBy: string; publishedAt: string }

const view = (n: NoticeDoc): NoticeView => ({
  id: n._id, title: n.title, body: n.body, images: n.images, summary: plainSummary(n.body), publisher: n.publisher, publishedAt: n.publishedAt,
});

export const publishNotice = action({
  permission: 'notice:publish',
  params: z.object({
    title: z.string().trim().min(2).max(60),
    body: z.string().min(1).max(20000),
    images: z.array(z.string().regex(/^(cloud:\/\/|https:\/\/|\/storage\/)[^\s"'<>]{1,300}$/, '图片地址不正确')).max(9).optional(),
  }).strict(),
  handler: async (p, { actor }) => {
    const body = sanitizeRichText(p.body);
    if (!plainSummary(body)) throw new Error('empty');
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
    return (data as NoticeDoc[]).map(view);
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
  handler: async (_p, { entity }) => view(entity),
});
