import { Text, View } from '@tarojs/components'
import type { StatusVolume } from '@core/api'
import { ChartView } from '../chart'

/**
 * 办件状态: how many cases are in each status right now (not limited to the chosen range, since a
 * case's status is a present fact). Exact numbers as chips, the shape as bars.
 */
export function StatusVolumeView({ volume }: { volume: readonly StatusVolume[] }) {
  const total = volume.reduce((n, s) => n + s.count, 0)
  return (
    <View className='section dash-status'>
      <View className='section__title'>
        办件状态
        <Text className='section__more'>当前 · 共 {total} 件</Text>
      </View>
      <View className='dash-status__chips'>
        {volume.map((s) => (
          <Text key={s.status} className='badge dash-status__chip'>{s.name} {s.count}</Text>
        ))}
      </View>
      {total > 0 && <ChartView spec={{ kind: 'bar', unit: '件', points: volume.map((s) => ({ label: s.name, value: s.count })) }} />}
    </View>
  )
}
