import { Text, View } from '@tarojs/components'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { shanghaiDate } from '@core/shanghai-time'
import { ChartView } from '../chart'

/** 内容: 阅读/点赞/分享 per notice published in the range, the most read drawn as bars. */
export function NoticeStats({ from, to }: { from: string; to: string }) {
  const q = useCloudQuery('push', 'noticeStats', { from, to })
  const rows = q.data ?? []
  const top = [...rows].sort((a, b) => b.reads - a.reads).slice(0, 8)
  return (
    <View className='section dash-notices'>
      <View className='section__title'>内容（通知公告）</View>
      <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload} isEmpty={rows.length === 0}
        empty={<Text className='muted'>所选时间内没有发布通知公告。</Text>}>
        <ChartView spec={{ kind: 'bar', points: top.map((r) => ({ label: r.title.length > 8 ? `${r.title.slice(0, 8)}…` : r.title, value: r.reads })), unit: '' }} />
        {rows.map((r) => (
          <View key={r.id} className='row dash-notice'>
            <View className='row__main'>
              <Text className='row__title'>{r.title}</Text>
              <View className='row__desc'>{shanghaiDate(r.publishedAt)} 发布 · 阅读 {r.reads} · 点赞 {r.likes} · 分享 {r.shares}（经分享打开 {r.shareOpens}）</View>
            </View>
          </View>
        ))}
      </LoadState>
    </View>
  )
}
