import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { RulesNote } from '../../components/rules-note'
import { dateLabel, detailUrl, STATUS_BADGE } from '../../utils'
import '../../booking.scss'

export default function MyBookings() {
  const mine = useCloudQuery('booking', 'mine', {})
  useReloadOnReturn(mine.reload)
  const list = mine.data ?? []
  return (
    <PageShell className='booking-mine'>
      <View className='section'>
        <View className='section__title'>我的预约</View>
        <LoadState error={mine.error} hasData={!!mine.data} onRetry={mine.reload} isEmpty={list.length === 0}
          empty={<Text className='muted'>还没有预约。在办事指南中点击“预约办理”即可预约到大厅办理的时间。</Text>}>
          {list.map((b) => (
            <View key={b.id} className='row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: detailUrl(b.id) })}>
              <View className='row__main'>
                <View className='row__title'>{b.matterName}</View>
                <View className='row__desc'>{dateLabel(b.date)} {b.start}-{b.end} · {b.hallName}{b.groupName}</View>
                <View className='row__desc'>预约编号 {b.no}</View>
              </View>
              <Text className={STATUS_BADGE[b.status]}>{b.statusLabel}</Text>
              <Text className='row__chevron'>›</Text>
            </View>
          ))}
        </LoadState>
      </View>
      <RulesNote />
    </PageShell>
  )
}
