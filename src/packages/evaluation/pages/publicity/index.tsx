import { Text, View } from '@tarojs/components'
import { percent } from '@core/evaluation/stats'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import '../../evaluation.scss'

/** 评价公示: per department (hall) and month, the last six months. Public: no sign-in needed. */
export default function Publicity() {
  const q = useCloudQuery('evaluation', 'publicity', {})
  const rows = q.data?.rows ?? []
  return (
    <PageShell className='evaluation-publicity'>
      <View className='section muted'>按月、按办理部门公示好差评结果。好评率 = 非常满意、满意 ÷ 评价数；差评整改率 = 已整改（含解释说明）÷ 差评工单；按期整改率 = 按期整改 ÷ 已整改。经申诉复核剔除的评价不计入，单列“已剔除”。</View>
      <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload} isEmpty={rows.length === 0}
        empty={<View className='section muted'>近六个月暂无评价。</View>}>
        {rows.map((r) => (
          <View key={`${r.month}-${r.unitName}`} className='section evaluation-publicity__row'>
            <View className='section__title'>{r.month} · {r.unitName}</View>
            <View className='kv'><Text className='kv__key'>评价数</Text><Text className='kv__value'>{r.ratings}</Text></View>
            <View className='kv'><Text className='kv__key'>好评率</Text><Text className='kv__value evaluation-publicity__good'>{percent(r.goodRate)}</Text></View>
            <View className='kv'><Text className='kv__key'>差评数</Text><Text className='kv__value'>{r.badCount}</Text></View>
            <View className='kv'><Text className='kv__key'>差评整改率</Text><Text className='kv__value'>{percent(r.rectifiedRate)}</Text></View>
            <View className='kv'><Text className='kv__key'>按期整改率</Text><Text className='kv__value'>{percent(r.onTimeRate)}</Text></View>
            {r.excluded > 0 && <View className='kv'><Text className='kv__key'>已剔除</Text><Text className='kv__value'>{r.excluded}</Text></View>}
          </View>
        ))}
      </LoadState>
    </PageShell>
  )
}
