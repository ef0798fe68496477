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

export function formatTime(iso: string): string {
  // Shanghai wall clock, whatever the device zone.
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
