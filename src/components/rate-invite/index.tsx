import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { TargetType } from '@core/evaluation/model'
import { shanghaiDate } from '@core/shanghai-time'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'

const RATE_PAGE = '/packages/evaluation/pages/rate/index'

/**
 * The invitation to rate an ended service (case page after 办结, booking ticket after check-in).
 * Shown only while the service is open for rating by the caller: the server decides, via `pending`.
 */
export function RateInvite({ targetType, targetId, enabled }: { targetType: TargetType; targetId: string; enabled: boolean }) {
  const pending = useCloudQuery('evaluation', 'pending', {}, { enabled })
  useReloadOnReturn(pending.reload)
  const open = enabled ? pending.data?.find((p) => p.targetType === targetType && p.targetId === targetId) : undefined
  if (!open) return null
  const url = `${RATE_PAGE}?targetType=${targetType}&targetId=${encodeURIComponent(targetId)}&title=${encodeURIComponent(open.title)}`
  return (
    <View className='section rate-invite'>
      <View className='section__title'>请您评价本次服务</View>
      <View className='muted'>好差评：您的评价帮助我们改进服务，{shanghaiDate(open.expiresAt)} 前可评价。</View>
      <View className='btn btn--primary btn--block rate-invite__go' onClick={() => Taro.navigateTo({ url })}>去评价</View>
    </View>
  )
}
