import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { STATUS_LABELS, type ApplicationStatus } from '@core/affairs/model'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { cx } from '@/utils/class-names'
import { applyUrl, daysLeftText, detailUrl, formatTime, STATUS_TONE } from '../../utils'
import '../../affairs.scss'

const FILTERS: (ApplicationStatus | undefined)[] = [undefined, 'submitted', 'accepted', 'supplement', 'completed', 'draft']

export default function Mine() {
  const [status, setStatus] = useState<ApplicationStatus>()
  const list = useCloudQuery('affairs', 'mine', status ? { status } : {})
  useReloadOnReturn(list.reload)
  return (
    <PageShell className='affairs-mine-page'>
      <View className='section'>
        <View className='chips'>
          {FILTERS.map((s) => (
            <View key={s ?? 'all'} className={cx('chip', status === s && 'chip--active')} onClick={() => setStatus(s)}>{s ? STATUS_LABELS[s] : '全部'}</View>
          ))}
        </View>
      </View>
      <LoadState error={list.error} hasData={!!list.data} onRetry={list.reload}>
        <View className='section'>
          {list.data?.items.length === 0 && <View className='muted'>暂无办件。可在办事指南页点击“在线申办”。</View>}
          {list.data?.items.map((a) => (
            <View key={a.id} className='row affairs-row' hoverClass='row--pressed'
              onClick={() => Taro.navigateTo({ url: a.status === 'draft' ? applyUrl(a.matterId) : detailUrl(a.id) })}>
              <View className='row__main'>
                <Text className='row__title'>{a.matterName}</Text>
                <View className='row__desc'>{a.no ? `${a.no} · ` : ''}{a.departmentName}{a.bundleId ? ' · 一件事' : ''}</View>
                <View className='row__desc'>{a.dueDate ? `承诺${a.dueDate}前办结 ${daysLeftText(a.workdaysLeft)}` : `提交于${formatTime(a.submittedAt)}`}</View>
              </View>
              <Text className={cx('badge', STATUS_TONE[a.status])}>{a.statusLabel}</Text>
            </View>
          ))}
        </View>
      </LoadState>
    </PageShell>
  )
}
