import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { WhoAmI } from '@core/api'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'
import { readParam } from '@/utils/routes'
import { RoleGate } from '../../components/role-gate'
import { formatTime } from '../../../push/utils'
import '../../../push/push.scss'

const STATUS_LABELS = { pendingApproval: '待审核', scheduled: '待发送', sending: '发送中', done: '已完成', cancelled: '已取消' } as const
const COUNT_LABELS = { queued: '排队中', sent: '已送达', failed: '失败', skipped: '已跳过', unknown: '结果未知', opened: '已打开' } as const
const ROW_STATUS: Record<string, string> = { queued: '排队中', claimed: '发送中', sent: '已送达', failed: '失败', skipped: '已跳过', unknown: '结果未知', retry: '待重试' }

function Campaign({ me, id }: { me: WhoAmI; id: string }) {
  const q = useCloudQuery('push', 'campaign', { id })
  const [reason, setReason] = useState<string>()
  const log = useCloudQuery('push', 'campaignLog', { id, ...(reason ? { reason } : {}) })
  const [message, setMessage] = useState('')
  const c = q.data
  const act = async (action: 'approveCampaign' | 'cancelCampaign') => {
    if (action === 'cancelCampaign') {
      const { confirm } = await Taro.showModal({ title: '取消群发', content: '尚未发出的消息将不再发送，确定取消？' })
      if (!confirm) return
    }
    const res = await callCloud('push', action, { id })
    setMessage(res.ok ? (action === 'approveCampaign' ? '已批准，将按计划发送' : '已取消') : res.message)
    q.reload()
    log.reload()
  }
  // The view carries the creator's masked openid only.
  const own = !!c && (c.createdBy === me.maskedOpenid || c.createdBy === me.openid)
  return (
    <LoadState error={q.error} hasData={!!c} onRetry={q.reload}>
      {c && (
        <>
          <View className='section'>
            <View className='affairs-head'>
              <Text className='affairs-title'>{c.priority === 'emergency' ? '【紧急】' : ''}{c.title}</Text>
              <Text className='badge campaign-status'>{STATUS_LABELS[c.status]}</Text>
            </View>
            <View className='muted'>收件人 {c.recipients} 人 · 计划发送 {formatTime(c.sendAt)}{c.approvedBy ? ' · 已审核' : ''}</View>
            <View className='wx-msg'>
              <Text className='wx-msg__title'>{c.preview.title}</Text>
              {c.preview.lines.map((l) => <View key={l.label} className='wx-msg__line'><Text className='wx-msg__label'>{l.label}</Text><Text>{l.value}</Text></View>)}
            </View>
          </View>
          <View className='section campaign-counts'>
            <View className='section__title'>发送进度</View>
            {(Object.keys(COUNT_LABELS) as (keyof typeof COUNT_LABELS)[]).map((k) => (
              <View key={k} className={`push-ledger__row campaign-count campaign-count--${k}`}><Text>{COUNT_LABELS[k]}</Text><Text className='campaign-count__n'>{c.counts[k]}</Text></View>
            ))}
            <View className='btn' onClick={() => { q.reload(); log.reload() }}>刷新进度</View>
          </View>
          {c.status === 'pendingApproval' && hasGrant(me, 'approve') && (
            <View className='section'>
              {own
                ? <View className='muted campaign-own'>这是您本人创建的群发，须由另一位具有审核权限的工作人员批准（政府发布内容须经他人审核）。</View>
                : <View className='btn btn--primary btn--block campaign-approve' onClick={() => act('approveCampaign')}>批准发送</View>}
            </View>
          )}
          {['pendingApproval', 'scheduled', 'sending'].includes(c.status) && hasGrant(me, 'push') && (
            <View className='section'><View className='btn btn--danger btn--block campaign-cancel' onClick={() => act('cancelCampaign')}>取消群发</View></View>
          )}
          {message && <View className='section campaign-message'>{message}</View>}
          <View className='section'>
            <View className='section__title'>发送记录</View>
            <View className='chips'>
              <View className={cx('chip', !reason && 'chip--active')} onClick={() => setReason(undefined)}>全部</View>
              {Object.entries(c.failures).map(([r, n]) => (
                <View key={r} className={cx('chip', reason === r && 'chip--active')} onClick={() => setReason(r)}>{c.reasonLabels[r] ?? r}（{n}）</View>
              ))}
            </View>
            {log.data?.items.map((row) => (
              <View key={row.id} className='push-ledger__row campaign-log-row'>
                <Text>{row.openid.slice(0, 4)}****{row.channel === 'oa' ? ' · 公众号' : ''}</Text>
                <Text className='muted'>{ROW_STATUS[row.status] ?? row.status}{row.reason ? ` · ${c.reasonLabels[row.reason] ?? row.reason}` : ''}{row.errcode ? `（${row.errcode}）` : ''} · {row.attempts}次</Text>
              </View>
            ))}
            {log.data && <View className='muted'>共 {log.data.total} 条</View>}
          </View>
        </>
      )}
    </LoadState>
  )
}

export default function CampaignPage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  return (
    <PageShell className='staff-campaign'>
      <RoleGate min='staff'>{(me) => <Campaign me={me} id={id} />}</RoleGate>
    </PageShell>
  )
}
