import { View } from '@tarojs/components'
import type { InvitationGrant } from '@core/api'
import { GRANT_LABELS } from '@core/policy'
import { ROLE_LABELS } from '@/hooks/use-whoami'

/** What an invitation makes its user, in words. */
export function InvitationGrantView({ grant, deptNames }: { grant: InvitationGrant; deptNames: (codes: readonly string[]) => string }) {
  return (
    <>
      <View className='kv'><View className='kv__key'>角色</View><View className='kv__value'>{ROLE_LABELS[grant.role]}</View></View>
      <View className='kv'>
        <View className='kv__key'>所属部门</View>
        <View className='kv__value'>{grant.departments.length ? deptNames(grant.departments) : '全部部门'}</View>
      </View>
      {grant.halls.length > 0 && (
        <View className='kv'><View className='kv__key'>服务大厅</View><View className='kv__value'>{grant.halls.join('、')}</View></View>
      )}
      {grant.role === 'staff' && (
        <View className='kv'>
          <View className='kv__key'>额外授权</View>
          <View className='kv__value'>{grant.grants.length ? grant.grants.map((g) => GRANT_LABELS[g]).join('、') : '无'}</View>
        </View>
      )}
    </>
  )
}

/** Beijing time whatever the phone's zone (the one formatting helper). */
export { shanghaiDateTime as formatTime } from '@core/shanghai-time'
