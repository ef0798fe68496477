import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { STATUS_LABELS, type ApplicationStatus } from '@core/affairs/model'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { cx } from '@/utils/class-names'
import { shanghaiDate } from '@core/shanghai-time'
import { RoleGate } from '../../components/role-gate'
import { pausedClockText } from '../../../affairs/utils'
import '../../../affairs/affairs.scss'

const STATUSES: Exclude<ApplicationStatus, 'draft'>[] = ['submitted', 'accepted', 'supplement', 'suspended', 'completed', 'rejected', 'withdrawn']

/** 办件编号: BJ + 8-digit date + 6-digit sequence (core/affairs/view.ts applicationNo). */
const APPLICATION_NO = /^BJ\d{14}$/

function Queue() {
  const [status, setStatus] = useState<ApplicationStatus>()
  const [matterId, setMatterId] = useState<string>()
  const [mattersOpen, setMattersOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [searchError, setSearchError] = useState('')
  const [no, setNo] = useState<string>()
  const q = useCloudQuery('affairs', 'queue', no ? { no } : { ...(status ? { status } : {}), ...(matterId ? { matterId } : {}) })
  useReloadOnReturn(q.reload)
  const data = q.data
  const search = () => {
    const wanted = typed.trim().toUpperCase()
    if (!APPLICATION_NO.test(wanted)) { setSearchError('办件编号为 BJ 加 14 位数字，请核对'); return }
    setSearchError('')
    setNo(wanted)
  }
  const clearSearch = () => { setNo(undefined); setTyped(''); setSearchError('') }
  const chooseMatter = (id: string | undefined) => { setMatterId(id); setMattersOpen(false) }
  const matterName = data?.matters.find((m) => m.id === matterId)?.name
  return (
    <LoadState error={q.error} hasData={!!data} onRetry={q.reload}>
      {data && (
        <>
          {data.uncoveredYears.length > 0 && (
            <View className='section affairs-warning'>注意：{data.uncoveredYears.join('、')}年的法定节假日安排尚未录入工作日历，跨入该年的到期日按周一至周五估算，请管理员及时补录。</View>
          )}
          <View className='section queue-search'>
            <View className='section__title'>按办件编号查找</View>
            <View className='queue-search__bar'>
              <Input className='field__input queue-search__input' value={typed} placeholder='输入办件编号，如 BJ20260310000001' maxlength={20}
                onInput={(e) => setTyped(e.detail.value)} onConfirm={search} />
              <View className='btn queue-search__go' onClick={search}>查找</View>
            </View>
            {searchError && <View className='error-text'>{searchError}</View>}
            {no && <View className='queue-search__active'>办件编号 {no} 的查找结果 <Text className='link queue-search__clear' onClick={clearSearch}>清除查找</Text></View>}
          </View>
          {!no && <View className='section'>
            <View className='section__title'>按状态</View>
            <View className='chips'>
              <View className={cx('chip', !status && 'chip--active')} onClick={() => setStatus(undefined)}>待办（全部在办）</View>
              {STATUSES.map((s) => (
                <View key={s} className={cx('chip', 'queue-status', status === s && 'chip--active')} onClick={() => setStatus(s)}>{STATUS_LABELS[s]} {data.counts[s]}</View>
              ))}
            </View>
            {data.matters.length > 0 && (
              <>
                {/* Folded by default: a department's dozen matters would push the list off the screen. */}
                <View className='section__title queue-matters__toggle' onClick={() => setMattersOpen((o) => !o)}>
                  按事项筛选：{matterName ?? '全部事项'}（{data.matters.length}项）{mattersOpen ? ' ▲' : ' ▼'}
                </View>
                {mattersOpen && (
                  <View className='chips'>
                    <View className={cx('chip', !matterId && 'chip--active')} onClick={() => chooseMatter(undefined)}>全部事项</View>
                    {data.matters.map((m) => (
                      <View key={m.id} className={cx('chip', matterId === m.id && 'chip--active')} onClick={() => chooseMatter(m.id)}>{m.name}</View>
                    ))}
                  </View>
                )}
              </>
            )}
          </View>}
          <View className='section'>
            <View className='section__title'>办件（按到期日排序，共{data.total}件）</View>
            {data.items.length === 0 && <View className='muted'>暂无办件</View>}
            {data.items.map((a) => (
              <View key={a.id} className={cx('row', 'queue-item', a.urgency === 'overdue' && 'affairs-overdue', a.urgency === 'dueSoon' && 'affairs-due-soon')}
                hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: `/packages/staff/pages/case/index?id=${a.id}` })}>
                <View className='row__main'>
                  <Text className='row__title'>{a.matterName}</Text>
                  <View className='row__desc'>{a.no} · 申请人 {a.applicantName ?? ''}</View>
                  {a.urgency === 'paused' ? <View className='row__desc'>{pausedClockText(a.workdaysLeft)}</View> : (
                    <View className='row__desc'>
                      {a.dueDate ? `到期 ${a.dueDate}` : `提交于 ${shanghaiDate(a.submittedAt)}`}
                      {a.urgency === 'overdue' ? ` · 已超期${-(a.workdaysLeft ?? 0)}个工作日` : a.workdaysLeft !== undefined ? ` · 剩余${a.workdaysLeft}个工作日` : ''}
                    </View>
                  )}
                </View>
                <Text className='badge'>{a.statusLabel}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </LoadState>
  )
}

export default function QueuePage() {
  return (
    <PageShell className='staff-queue'>
      <RoleGate min='staff'>{() => <Queue />}</RoleGate>
    </PageShell>
  )
}
