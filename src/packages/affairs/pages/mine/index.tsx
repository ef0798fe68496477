import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ApplicationSummary, BillView } from '@core/api'
import { shanghaiDateTime } from '@core/shanghai-time'
import { STATUS_LABELS, type ApplicationStatus } from '@core/affairs/model'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { cx } from '@/utils/class-names'
import { billPageUrl, yuan } from '@/services/payment'
import { applyUrl, bundleUrl, daysLeftText, detailUrl, formatTime, pausedClockText, STATUS_TONE } from '../../utils'
import '../../affairs.scss'

/**
 * Every status a person's case can be in (affairs.mine lists them all), open ones first, then the
 * ends: a case that was 挂起, 不予受理 or 撤回 must be findable too.
 */
const FILTERS: (ApplicationStatus | undefined)[] = [
  undefined, 'submitted', 'accepted', 'supplement', 'suspended', 'completed', 'rejected', 'withdrawn', 'draft',
]

export default function Mine() {
  const [status, setStatus] = useState<ApplicationStatus>()
  const list = useCloudQuery('affairs', 'mine', status ? { status } : {})
  const bills = useCloudQuery('pay', 'bills', {})
  useReloadOnReturn(list.reload)
  useReloadOnReturn(bills.reload)
  // 待缴费 per case, from the one pay.bills call: a bill still to pay (unpaid or a payment in progress).
  const owing = new Map((bills.data ?? []).filter((b) => b.status === 'unpaid' || b.status === 'paying').map((b) => [b.applicationId, b]))
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
          {groups(list.data?.items ?? []).map((g) => (g.bundleId ? (
            <View key={g.bundleId} className='affairs-bundle-group'>
              <View className='affairs-bundle-group__head'>
                <Text className='affairs-bundle-group__title'>一件事一次办 · {g.items.length}个事项</Text>
                <Text className='muted'>已办结{g.items.filter((a) => a.status === 'completed').length}/{g.items.length}</Text>
              </View>
              {g.items.map((a) => row(a, owing))}
            </View>
          ) : row(g.items[0], owing)))}
        </View>
      </LoadState>
    </PageShell>
  )
}

type Item = ApplicationSummary

/** Applications of one bundle together (at the place of the first), the rest one by one. */
function groups(items: Item[]): { bundleId?: string; items: Item[] }[] {
  const out: { bundleId?: string; items: Item[] }[] = []
  for (const a of items) {
    const g = a.bundleId ? out.find((x) => x.bundleId === a.bundleId) : undefined
    if (g) g.items.push(a)
    else out.push({ bundleId: a.bundleId, items: [a] })
  }
  return out
}

function row(a: Item, owing: Map<string, BillView>) {
  const bill = owing.get(a.id)
  return (
            <View key={a.id} className='row affairs-row' hoverClass='row--pressed'
              onClick={() => Taro.navigateTo({ url: a.status !== 'draft' ? detailUrl(a.id) : a.lifeEvent ? bundleUrl(a.lifeEvent) : applyUrl(a.matterId) })}>
              <View className='row__main'>
                <Text className='row__title'>{a.matterName}</Text>
                <View className='row__desc'>{a.no ? `${a.no} · ` : ''}{a.departmentName}{a.bundleId ? ' · 一件事' : ''}</View>
                {a.urgency === 'paused' && <View className='row__desc affairs-paused'>{pausedClockText(a.workdaysLeft)}</View>}
                {bill && <OwingMark bill={bill} />}
                <View className='row__desc'>{a.dueDate ? `承诺${a.dueDate}前办结 ${daysLeftText(a.workdaysLeft)}` : `提交于${formatTime(a.submittedAt)}`}</View>
              </View>
              <Text className={cx('badge', STATUS_TONE[a.status])}>{a.statusLabel}</Text>
            </View>
  )
}

/** 待缴费 with the total and deadline, and 去缴费 straight to the bill page (not the case page). */
function OwingMark({ bill }: { bill: BillView }) {
  return (
    <View className='affairs-owing'>
      <View className='affairs-owing__text'>
        <Text className='affairs-owing__total'>待缴费 {yuan(bill.totalFen)}</Text>
        {bill.expiresAt && <Text className='affairs-owing__due'>请于{shanghaiDateTime(bill.expiresAt)}前缴纳</Text>}
      </View>
      <View className='btn btn--primary affairs-owing__pay'
        onClick={(e) => { e.stopPropagation(); Taro.navigateTo({ url: billPageUrl(bill.id) }) }}>去缴费</View>
    </View>
  )
}
