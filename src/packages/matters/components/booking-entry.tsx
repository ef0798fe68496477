import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { useCloudQuery } from '@/hooks/use-cloud-query'

const BOOK_PAGE = '/packages/booking/pages/book/index'

/**
 * 预约办理 on a guide: shown when the matter needs a visit (到现场次数 ≥ 1) or supports booking,
 * and at least one hall serves it.
 */
export function BookingEntry({ matter }: { matter: Matter }) {
  const bookable = matter.channels.onsiteVisits >= 1 || matter.channels.appointment
  const halls = useCloudQuery('booking', 'halls', { matterId: matter._id }, { enabled: bookable })
  if (!bookable || !halls.data?.length) return null
  const open = () => Taro.navigateTo({ url: `${BOOK_PAGE}?matterId=${encodeURIComponent(matter._id)}&name=${encodeURIComponent(matter.name)}` })
  return (
    <View className='section'>
      <View className='btn btn--primary btn--block' onClick={open}>预约办理</View>
      <Text className='muted'>
        {matter.channels.onsiteVisits >= 1 ? `需到现场${matter.channels.onsiteVisits}次，` : ''}可预约{halls.data.length}个办理地点的时段，到场免排队取号。
      </Text>
    </View>
  )
}
