import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { LEVEL_LABELS } from '@core/evaluation/model'
import { TICKET_STATUS_LABELS, type TicketStatus } from '@core/evaluation/ticket'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { RoleGate } from '../../components/role-gate'
import { ChoiceChips } from '../../components/chips'

const FILTERS: { value: TicketStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(Object.keys(TICKET_STATUS_LABELS) as TicketStatus[]).map((s) => ({ value: s, label: TICKET_STATUS_LABELS[s] })),
]

const TICKET_PAGE = '/packages/staff/pages/eval-ticket/index'

/** 差评工单 of the caller's departments and halls (admins: all, 申诉复核 among them), overdue first by due date. */
function Tickets() {
  const [status, setStatus] = useState<TicketStatus | 'all'>('all')
  const q = useCloudQuery('evaluation', 'tickets', status === 'all' ? {} : { status })
  useReloadOnReturn(q.reload)
  const items = q.data?.items ?? []
  return (
    <>
      <View className='section'>
        <ChoiceChips options={FILTERS} value={status} onChange={setStatus} />
      </View>
      <View className='section'>
        <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload} isEmpty={items.length === 0}
          empty={<Text className='muted'>没有差评工单。</Text>}>
          {items.map((t) => (
            <View key={t.id} className='row eval-ticket-row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: `${TICKET_PAGE}?id=${encodeURIComponent(t.id)}` })}>
              <View className='row__main'>
                <View className='row__title'>{t.title}</View>
                <View className='row__desc'>{LEVEL_LABELS[t.level]} · {t.targetType === 'application' ? '在线办件' : '大厅办理'} · 本环节期限 {t.dueDate}</View>
              </View>
              {t.overdue && <Text className='badge badge--accent'>已超期</Text>}
              <Text className='badge'>{TICKET_STATUS_LABELS[t.status]}</Text>
              <Text className='row__chevron'>›</Text>
            </View>
          ))}
        </LoadState>
      </View>
    </>
  )
}

export default function TicketsPage() {
  return (
    <PageShell className='eval-tickets'>
      <RoleGate min='staff'>{() => <Tickets />}</RoleGate>
    </PageShell>
  )
}
