import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { WhoAmI } from '@core/api'
import { isAtLeast, type Role } from '@core/policy'
import { LoadState } from '@/components/load-state'
import { ROLE_LABELS, useWhoAmI } from '@/hooks/use-whoami'
import { ROUTES } from '@/utils/routes'
import './role-gate.scss'

/**
 * Staff pages ask the server who the caller is before showing anything. This is courtesy, not
 * security: every action is checked again by the cloud function.
 */
export function RoleGate({ min, children }: { min: Role; children: (me: WhoAmI) => ReactNode }) {
  const me = useWhoAmI()
  return (
    <LoadState error={me.error} hasData={!!me.data} onRetry={me.reload}>
      {me.data && (isAtLeast(me.data, min) ? children(me.data) : <NoAccess min={min} />)}
    </LoadState>
  )
}

function NoAccess({ min }: { min: Role }) {
  return (
    <View className='section role-gate'>
      <Text className='role-gate__title'>无权访问</Text>
      <View className='role-gate__text'>该功能仅限{ROLE_LABELS[min]}使用。如需开通，请联系本单位管理员。</View>
      <View className='btn btn--primary btn--block' onClick={() => Taro.switchTab({ url: ROUTES.home })}>
        返回首页
      </View>
    </View>
  )
}
