import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { percent } from '@core/evaluation/stats'
import { useCloudQuery } from '@/hooks/use-cloud-query'

const PUBLICITY_PAGE = '/packages/evaluation/pages/publicity/index'

/** A matter's 好差评 on its guide: 好评率 and count from 10 ratings on, 评价数不足 below. */
export function RatingSummary({ matterId }: { matterId: string }) {
  const q = useCloudQuery('evaluation', 'matterSummary', { matterId })
  if (!q.data) return null
  const { count, goodRate } = q.data
  return (
    <View className='section rating-summary' onClick={() => Taro.navigateTo({ url: PUBLICITY_PAGE })}>
      <Text className='section__title'>好差评</Text>
      <View className='rating-summary__value'>
        {goodRate ? `好评率 ${percent(goodRate)}（${count} 条评价）` : `评价数不足（${count} 条，满 10 条后公示好评率）`}
      </View>
      <Text className='muted'>查看评价公示 ›</Text>
    </View>
  )
}
