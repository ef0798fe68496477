import type { Role } from '@core/policy'
import { useCloudQuery } from './use-cloud-query'

export const ROLE_LABELS: Record<Role, string> = { citizen: '市民', staff: '工作人员', admin: '管理员' }

/**
 * The caller as the server sees them. WhoAmI is shaped like core's Actor, so pages gate with
 * `isAtLeast(whoami, 'staff')`; the UI only hides what the server would refuse anyway.
 */
export function useWhoAmI() {
  return useCloudQuery('account', 'whoami', {})
}
