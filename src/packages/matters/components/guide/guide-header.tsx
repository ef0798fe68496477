import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { depthLabel, visitsLabel } from '@/utils/matter-format'
import { cx } from '@/utils/class-names'

/** Name, department and the at-a-glance badges a citizen decides on: how often to go, how online. */
export function GuideHeader({ matter }: { matter: Matter }) {
  const c = matter.channels
  const zeroVisit = c.onsiteVisits === 0
  return (
    <View className='guide-header'>
      <Text className='guide-header__name'>{matter.name}</Text>
      <Text className='guide-header__dept'>{matter.department.name}</Text>
      {matter.status !== '在用' && <View className='guide-header__status'>该事项当前状态：{matter.status}，请先电话咨询</View>}
      <View className='badges guide-header__badges'>
        <Text className={cx('badge', zeroVisit ? 'badge--success' : 'badge--warning')}>{visitsLabel(c.onsiteVisits)}</Text>
        <Text className='badge'>{depthLabel(c.onlineDepth)}</Text>
        {c.mobile && <Text className='badge'>掌上办</Text>}
        {c.appointment && <Text className='badge'>可预约</Text>}
        {c.postal && <Text className='badge'>可邮寄</Text>}
        <Text className='badge'>{c.scope}</Text>
        <Text className='badge'>{matter.timeLimit.caseKind}</Text>
      </View>
      {!zeroVisit && c.onsiteReason && (
        <View className='guide-header__reason'>
          <Text className='guide-header__reason-label'>必须现场办理原因：</Text>
          <Text>{c.onsiteReason}</Text>
        </View>
      )}
    </View>
  )
}
