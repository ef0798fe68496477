import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MatterSummary } from '@core/matter/schema'
import { depthLabel, promiseLabel, visitsLabel } from '@/utils/matter-format'
import { guideUrl } from '@/utils/routes'
import { cx } from '@/utils/class-names'
import './index.scss'

/** One matter in a list or search result; tapping opens its 办事指南. */
export function MatterCard({ matter, hint }: { matter: MatterSummary; hint?: string }) {
  const zeroVisit = matter.onsiteVisits === 0
  return (
    <View className='matter-card' hoverClass='matter-card--pressed' onClick={() => Taro.navigateTo({ url: guideUrl(matter.id) })}>
      <View className='matter-card__head'>
        <Text className='matter-card__name'>{matter.name}</Text>
        <Text className='matter-card__chevron'>›</Text>
      </View>
      <Text className='matter-card__dept'>{matter.departmentName}</Text>
      <View className='badges matter-card__badges'>
        <Text className={cx('badge', zeroVisit ? 'badge--success' : 'badge--warning')}>{visitsLabel(matter.onsiteVisits)}</Text>
        <Text className='badge'>{promiseLabel(matter.promisedDays, matter.caseKind)}</Text>
        <Text className='badge'>{depthLabel(matter.onlineDepth)}</Text>
        {matter.charged ? (
          <Text className='badge badge--warning'>{matter.feeStandard ? `收费 ${matter.feeStandard}` : '收费'}</Text>
        ) : (
          <Text className='badge badge--success'>不收费</Text>
        )}
      </View>
      {hint && <Text className='matter-card__hint'>{hint}</Text>}
    </View>
  )
}
