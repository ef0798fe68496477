/**
 * Admins: the daily 对账 reports (WeChat Pay's trade bill against our paid bills), each day's
 * counts and totals and every difference with its reason; then the other recorded differences
 * (notifications or queries that disagreed with a bill). An admin's 对账差异 message opens this
 * page at its day (`?date=`), which is shown first and expanded.
 */
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReconcileReportView, ResultOf } from '@core/api'
import { shanghaiDateTime } from '@core/shanghai-time'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { SubscribePrompt } from '@/components/subscribe-prompt'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { usePushOpen } from '@/hooks/use-push-open'
import { readParam } from '@/utils/routes'
import { yuan } from '@/services/payment'
import { RoleGate } from '../../components/role-gate'
import './index.scss'

type Mismatch = ResultOf<'pay', 'reports'>['mismatches'][number]

const SOURCE_LABEL: Record<string, string> = { tradebill: '每日对账', notify: '支付通知', sync: '查单', reconcile: '定时核对' }

function DayReport({ r, focused }: { r: ReconcileReportView; focused: boolean }) {
  const clean = r.mismatches.length === 0
  return (
    <View className={`section pay-report${focused ? ' pay-report--focused' : ''}`} id={`report-${r.date}`}>
      <View className='section__title'>
        {r.date}
        <Text className={clean ? 'badge badge--success pay-report__state' : 'badge badge--accent pay-report__state'}>{clean ? '一致' : `${r.mismatches.length}笔差异`}</Text>
      </View>
      <View className='kv'><Text className='kv__key'>微信支付账单</Text><Text className='kv__value'>{r.providerCount}笔 · {yuan(r.providerTotalFen)}</Text></View>
      <View className='kv'><Text className='kv__key'>本系统已缴</Text><Text className='kv__value'>{r.ourCount}笔 · {yuan(r.ourTotalFen)}</Text></View>
      {r.mismatches.map((m) => (
        <View key={m.outTradeNo} className='row pay-report__mismatch'>
          <View className='row__main'>
            <View className='row__title'>商户订单号 {m.outTradeNo}</View>
            <View className='row__desc'>{m.reason}</View>
          </View>
        </View>
      ))}
      <View className='muted'>生成于 {shanghaiDateTime(r.at)}{!clean && r.notifiedAdmins !== undefined ? `，已通知${r.notifiedAdmins}位管理员` : ''}</View>
    </View>
  )
}

function Reports({ date }: { date: string }) {
  const q = useCloudQuery('pay', 'reports', {})
  const reports = q.data?.reports ?? []
  // The day a message pointed at comes first; the rest stay newest first.
  const ordered = date ? [...reports.filter((r) => r.date === date), ...reports.filter((r) => r.date !== date)] : reports
  const others: Mismatch[] = (q.data?.mismatches ?? []).filter((m) => m.source !== 'tradebill')
  return (
    <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload} isEmpty={reports.length === 0 && others.length === 0}
      empty={<Text className='muted'>还没有对账报告：每天上午微信支付生成前一天的交易账单后自动对账</Text>}>
      {ordered.map((r) => <DayReport key={r.date} r={r} focused={r.date === date} />)}
      {others.length > 0 && (
        <View className='section pay-report-others'>
          <View className='section__title'>其他差异（通知、查单）</View>
          {others.map((m) => (
            <View key={`${m.source}:${m.outTradeNo}:${m.at}`} className='row pay-report__mismatch'>
              <View className='row__main'>
                <View className='row__title'>商户订单号 {m.outTradeNo}</View>
                <View className='row__desc'>{m.reason}</View>
                <View className='row__desc muted'>{SOURCE_LABEL[m.source] ?? m.source} · {shanghaiDateTime(m.at)}</View>
              </View>
            </View>
          ))}
        </View>
      )}
      <SubscribePrompt keys={['caseProgress']} title='订阅对账差异提醒' desc='对账发现差异时，通过“办件进度”消息通知您（一次订阅可收到一条）。' />
    </LoadState>
  )
}

export default function PayReportsPage() {
  const { params } = useRouter()
  usePushOpen()
  const date = readParam(params.date)
  return (
    <PageShell className='pay-reports'>
      <RoleGate min='admin'>{() => <Reports date={/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : ''} />}</RoleGate>
    </PageShell>
  )
}
