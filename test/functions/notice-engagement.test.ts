/** 通知公告 阅读/点赞/分享: once per person (also under a burst of taps), share opens, staff-only stats. */
import { call, expectOk, startCloud, ADMIN, CITIZEN } from './harness';
import { db } from './push-fixtures';

const PUSHER = 'staff-pusher-openid';
const SHARER = 'citizen-sharer-openid';
const FRIEND = 'citizen-friend-openid';

beforeEach(async () => {
  startCloud();
  process.env.ADMIN_OPENIDS = ADMIN;
  await call('account', 'setStaff', { openid: PUSHER, name: '宣传科', role: 'staff', departments: ['gov'], grants: ['push'], active: true }, ADMIN);
});

async function publish(title = '关于调整办公时间的通知') {
  return expectOk(await call('push', 'publishNotice', { title, body: '<p>自7月1日起执行夏季作息</p>' }, PUSHER));
}

test('a fresh notice shows zero counts; reads count once per person', async () => {
  const n = await publish();
  expect(n).toMatchObject({ reads: 0, likes: 0, shares: 0 });
  expect(expectOk(await call('push', 'noticeRead', { id: n.id }, CITIZEN))).toEqual({ reads: 1, recorded: true });
  expect(expectOk(await call('push', 'noticeRead', { id: n.id }, CITIZEN))).toEqual({ reads: 1, recorded: false });
  expect(expectOk(await call('push', 'noticeRead', { id: n.id }, FRIEND))).toEqual({ reads: 2, recorded: true });
  expect(expectOk(await call('push', 'notice', { id: n.id }, CITIZEN))).toMatchObject({ reads: 2, likes: 0, liked: false });
  expect(await call('push', 'noticeRead', { id: n.id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  expect(await call('push', 'noticeRead', { id: 'ntc-missing' }, CITIZEN)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});

test('10 parallel likes by one person count once; 10 parallel reads too; unlike takes it back', async () => {
  const n = await publish();
  const likes = await Promise.all(Array.from({ length: 10 }, () => call('push', 'noticeLike', { id: n.id, like: true }, CITIZEN)));
  expect(likes.every((r) => r.ok)).toBe(true);
  const reads = await Promise.all(Array.from({ length: 10 }, () => call('push', 'noticeRead', { id: n.id }, CITIZEN)));
  expect(reads.filter((r) => r.ok && r.data.recorded)).toHaveLength(1);
  const seen = expectOk(await call('push', 'notice', { id: n.id }, CITIZEN));
  expect(seen).toMatchObject({ likes: 1, liked: true, reads: 1 });
  const rows = (await db().collection('push_notice_engagement').where({ noticeId: n.id }).limit(100).get()).data;
  expect(rows.map((r) => String(r.kind)).sort()).toEqual(['like', 'read']);
  // Nothing stored names the person.
  expect(JSON.stringify(rows)).not.toContain(CITIZEN);
  expect(expectOk(await call('push', 'noticeLike', { id: n.id, like: false }, CITIZEN))).toEqual({ likes: 0, liked: false });
  expect(expectOk(await call('push', 'noticeLike', { id: n.id, like: false }, CITIZEN))).toEqual({ likes: 0, liked: false });
  expect(expectOk(await call('push', 'notice', { id: n.id }, FRIEND))).toMatchObject({ likes: 0, liked: false });
});

test('a share hands out one token per sharer; a friend opening through it counts a share open, the sharer does not', async () => {
  const n = await publish();
  const a = expectOk(await call('push', 'noticeShare', { id: n.id }, SHARER));
  expect(a.token).toMatch(/^[0-9a-f]{24}$/);
  const again = expectOk(await call('push', 'noticeShare', { id: n.id }, SHARER));
  expect(again).toEqual({ token: a.token, shares: 1 });
  expectOk(await call('push', 'noticeRead', { id: n.id, from: a.token }, SHARER));
  expectOk(await call('push', 'noticeRead', { id: n.id, from: a.token }, FRIEND));
  expectOk(await call('push', 'noticeRead', { id: n.id, from: a.token }, FRIEND));
  expectOk(await call('push', 'noticeRead', { id: n.id, from: 'forged' }, CITIZEN));
  const other = await publish('另一条公告');
  // A token of another notice does not count as an open of this one.
  expectOk(await call('push', 'noticeRead', { id: other.id, from: a.token }, FRIEND));
  const stats = expectOk(await call('push', 'noticeStats', {}, PUSHER));
  expect(stats.find((s) => s.id === n.id)).toMatchObject({ title: '关于调整办公时间的通知', reads: 3, shares: 1, shareOpens: 1, likes: 0 });
  expect(stats.find((s) => s.id === other.id)).toMatchObject({ reads: 1, shares: 0, shareOpens: 0 });
});

test('noticeStats is staff-only and filters by Asia/Shanghai publishing date', async () => {
  const n = await publish();
  expect(await call('push', 'noticeStats', {}, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('push', 'noticeStats', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  // An old notice published at 23:30 Beijing time on 2026-01-31 (15:30 UTC) belongs to that day.
  await db().collection('push_notices').add({ data: { _id: 'ntc-old', title: '春节期间办公安排', body: '<p>x</p>', images: [], publisher: '示例市政务服务中心', publishedBy: PUSHER, publishedAt: '2026-01-31T15:30:00.000Z', reads: 7, likes: 2, shares: 1, shareOpens: 1 } });
  const jan = expectOk(await call('push', 'noticeStats', { from: '2026-01-31', to: '2026-01-31' }, PUSHER));
  expect(jan).toEqual([{ id: 'ntc-old', title: '春节期间办公安排', publishedAt: '2026-01-31T15:30:00.000Z', reads: 7, likes: 2, shares: 1, shareOpens: 1 }]);
  expect(expectOk(await call('push', 'noticeStats', { from: '2026-02-01', to: '2026-02-01' }, ADMIN))).toEqual([]);
  expect((expectOk(await call('push', 'noticeStats', {}, ADMIN))).map((s) => s.id)).toEqual([n.id, 'ntc-old']);
  expect(await call('push', 'noticeStats', { from: '2026-02-02', to: '2026-02-01' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
