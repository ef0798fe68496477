import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import '../consult-inbox/consult.scss'

const KINDS = { unanswered: '未答', unhelpful: '没帮助', lowConfidence: '低置信' } as const

function Stats() {
  const [days, setDays] = useState(7)
  const q = useCloudQuery('consult', 'stats', { days })
  const data = q.data
  return (
    <LoadState error={q.error} hasData={!!data} onRetry={q.reload}>
      {data && (
        <>
          <View className='section chips'>
            {[7, 30].map((d) => <View key={d} className={cx('chip', days === d && 'chip--active')} onClick={() => setDays(d)}>近{d}天</View>)}
          </View>
          <View className='section'>
            <View className='section__title'>每日自动回答率</View>
            {data.days.map((d) => (
              <View key={d.day} className='row stats-day'>
                <View className='row__main'><Text className='row__title'>{d.day}</Text><View className='row__desc'>共{d.total}问，自动回答{d.answered}问</View></View>
                <Text className='row__extra'>{d.total ? `${Math.round(d.rate * 1000) / 10}%` : '—'}</Text>
              </View>
            ))}
          </View>
          <View className='section'>
            <View className='section__title'>待改进的问题（按次数排序）</View>
            {data.ranking.length === 0 && <View className='muted'>暂无</View>}
            {data.ranking.map((r) => (
              <View key={r.question} className='row stats-rank'>
                <View className='row__main'>
                  <Text className='row__title'>{r.question}</Text>
                  <View className='row__desc'>{r.kinds.map((k) => KINDS[k]).join('、')}</View>
                </View>
                <Text className='row__extra'>{r.count}次</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </LoadState>
  )
}

export default function ConsultStatsPage() {
  return (
    <PageShell className='consult-stats'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'consult') ? <Stats /> : <View className='section'>该功能仅限具有咨询坐席权限的工作人员使用。</View>)}</RoleGate>
    </PageShell>
  )
}
