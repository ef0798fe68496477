/** Admin-triggered full sync over the OA follower list (/cgi-bin/user/get, 10 000 per page). */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../../core/envelope';
import { action, noParams } from '../../shared/router';
import { oaCall, oaConfigured } from '../../shared/oa-api';
import { C, _, db } from '../store';

export const syncFollowers = action({
  permission: 'staff:manage',
  params: noParams,
  handler: async (_p, { remainingMs }) => {
    if (!oaConfigured()) throw new DomainError('CONFLICT', '未配置公众号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET）');
    const syncId = randomBytes(6).toString('hex');
    let next = '';
    let total = 0;
    let synced = 0;
    for (;;) {
      if (remainingMs() < 800) throw new DomainError('CONFLICT', `同步未完成（已同步 ${synced} 人），请再次执行`);
      const r = await oaCall('/cgi-bin/user/get', { next_openid: next }) as unknown as { errcode: number; errmsg?: string; total?: number; data?: { openid?: string[] }; next_openid?: string };
      if (r.errcode) throw new DomainError('INTERNAL', `获取关注者列表失败：${r.errcode} ${r.errmsg ?? ''}`);
      total = r.total ?? total;
      const ids = r.data?.openid ?? [];
      for (const id of ids) {
        // Keeps the unionid the OA message handler recorded; marks this sync.
        const u = await db().collection(C.followers).where({ _id: _().eq(id) }).update({ data: { subscribed: true, syncId, syncedAt: new Date().toISOString() } });
        if (!u.stats.updated) {
          try {
            await db().collection(C.followers).add({ data: { _id: id, subscribed: true, syncId, at: new Date().toISOString(), syncedAt: new Date().toISOString() } });
          } catch { /* written concurrently by the OA handler */ }
        }
        synced += 1;
      }
      if (!ids.length || !r.next_openid || synced >= total) break;
      next = r.next_openid;
    }
    const gone = await db().collection(C.followers).where({ subscribed: true, syncId: _().neq(syncId) }).update({ data: { subscribed: false } });
    return { total, synced, unfollowed: gone.stats.updated };
  },
});
