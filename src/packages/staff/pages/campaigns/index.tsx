import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { NavRow } from '@/components/nav-row'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { RoleGate } from '../../components/role-gate'
import { FollowerSync } from '../../components/follower-sync'
import { campaignUrl, formatTime, PUSH_ROUTES } from '../../../push/utils'
import '../../../push/push.scss'

export const CAMPAIGN_STATUS_LABELS = { pendingApproval: '待审核', scheduled: '待发送', sending: '发送中', done: '已完成', cancelled: '已取消' } as const

function Campaigns({ canCompose, isAdmin }: { canCompose: boolean; isAdmin: boolean }) {
  const q = useCloudQuery('push', 'campaigns', {})
  useReloadOnReturn(q.reload)
  return (
    <>
      {canCompose && (
        <View className='section'>
          <View className='btn btn--primary btn--block campaigns-compose' onClick={() => Taro.navigateTo({ url: PUSH_ROUTES.compose })}>撰写群发消息</View>
        </View>
      )}
      <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload}>
        <View className='section'>
          <View className='section__title'>群发记录</View>
          {q.data?.length === 0 && <View className='muted'>暂无群发</View>}
          {q.data?.map((c) => (
            <NavRow
              key={c.id}
              className={`campaign-row campaign-row--${c.status}`}
              title={`${c.priority === 'emergency' ? '【紧急】' : ''}${c.preview.lines[0]?.value ?? c.title}`}
              desc={`${c.title} · ${c.recipients}人 · ${formatTime(c.sendAt)}`}
              extra={CAMPAIGN_STATUS_LABELS[c.status]}
              extraClassName='campaign-row__status'
              onClick={() => Taro.navigateTo({ url: campaignUrl(c.id) })}
            />
          ))}
        </View>
      </LoadState>
      {isAdmin && <FollowerSync />}
    </>
  )
}

export default function CampaignsPage() {
  return (
    <PageShell className='staff-campaigns'>
      <RoleGate min='staff'>{(me) => <Campaigns canCompose={hasGrant(me, 'push')} isAdmin={me.role === 'admin'} />}</RoleGate>
    </PageShell>
  )
}
