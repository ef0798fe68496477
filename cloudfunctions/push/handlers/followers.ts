/** Admin-triggered full sync over the OA follower list (resumable; see follower-sync.ts). */
import { DomainError } from '../../../core/envelope';
import { action, noParams } from '../../shared/router';
import { oaConfigured } from '../../shared/oa-api';
import { syncFollowerList } from '../follower-sync';

export const syncFollowers = action({
  permission: 'staff:manage',
  params: noParams,
  handler: async (_p, { remainingMs }) => {
    if (!oaConfigured()) throw new DomainError('CONFLICT', '未配置公众号 AppID/AppSecret（WX_OA_APPID / WX_OA_SECRET）');
    return syncFollowerList(remainingMs);
  },
});
