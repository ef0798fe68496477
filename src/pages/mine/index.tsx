import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { NavRow } from '@/components/nav-row'
import { hasGrant, isAtLeast } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { ElderSwitch } from '@/components/elder-switch'
import { IdentitySwitcher } from '@/components/identity-switcher'
import { LoadState } from '@/components/load-state'
import { ROLE_LABELS, useWhoAmI } from '@/hooks/use-whoami'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { ROUTES } from '@/utils/routes'
import { identityName, isLocalPreview } from '@/services/identity'
import { useLocalIdentities } from '@/hooks/use-local-identity'
import { useDepartments } from '@/utils/departments'
import './index.scss'

export default function Mine() {
  const me = useWhoAmI()
  const who = me.data
  const depts = useDepartments(!!who && who.departments.length > 0)
  // WeChat gives no nickname; in the preview the identity list names the seeded people.
  const [identities] = useLocalIdentities()
  const previewName = who && identities.status === 'ready' ? identityName(who.openid, identities.identities) : undefined
  // A role may have been granted while this tab sat in the background.
  useReloadOnReturn(me.reload)

  return (
    <PageShell className='mine' tab>
      <View className='mine__profile'>
        <LoadState error={me.error} hasData={!!who} onRetry={me.reload}>
          {who && (
            <>
              <Text className='mine__name'>{who.name || previewName || '微信用户'}</Text>
              <View className='mine__meta'>
                <Text className='mine__role'>{ROLE_LABELS[who.role]}</Text>
                <Text className='mine__openid'>用户标识 {who.maskedOpenid}</Text>
              </View>
              {who.departments.length > 0 && <Text className='mine__depts'>所属部门：{depts.names(who.departments)}</Text>}
            </>
          )}
        </LoadState>
      </View>

      <View className='section'>
        <NavRow className='mine__affairs' title='我的办件' desc='在线申办的进度、补正与办理结果' onClick={() => Taro.navigateTo({ url: '/packages/affairs/pages/mine/index' })} />
        <NavRow className='mine__push-settings' title='消息订阅' desc='办件进度、预约、政策与突发事件提醒的订阅设置' onClick={() => Taro.navigateTo({ url: '/packages/push/pages/settings/index' })} />
        {isLocalPreview && (
          <NavRow className='mine__wx-inbox' title='微信消息（预览）' desc='当前身份在微信“服务通知”中收到的订阅消息' onClick={() => Taro.navigateTo({ url: '/packages/push/pages/inbox/index' })} />
        )}
        <NavRow title='我的预约' desc='查看预约码、取消预约、到场状态' onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })} />
        <NavRow className='mine__evaluation' title='待评价' desc='好差评：评价办结的办件与大厅办理，查看差评处理与追评' onClick={() => Taro.navigateTo({ url: ROUTES.evaluation })} />
      </View>

      <View className='section'>
        <View className='section__title'>显示设置</View>
        <ElderSwitch compact />
        <View className='muted mine__hint'>开启后全部页面字体加大、对比增强、按钮加大，再次点击即可恢复标准版。</View>
      </View>

      <IdentitySwitcher />

      {who && isAtLeast(who, 'staff') && (
        <View className='section'>
          <View className='section__title'>工作台</View>
          <NavRow className='staff-queue-entry' title='办件受理' desc='本部门在线申办的待办、补正与办结' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/queue/index' })} />
          <NavRow className='staff-eval-entry' title='差评工单' desc='好差评：差评回访核实、整改、申诉复核与反馈' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/eval-tickets/index' })} />
          <NavRow className='staff-dashboard-entry' title='效能看板' desc='办件、预约、咨询、推送、好差评与内容指标，趋势、部门对比与导出' onClick={() => Taro.navigateTo({ url: ROUTES.dashboard })} />
          <NavRow title='事项导入' desc='批量导入、更新办事指南（JSON / CSV），支持预检' onClick={() => Taro.navigateTo({ url: ROUTES.staffImport })} />
          {(who.role === 'admin' || who.halls.length > 0) && (
            <NavRow title='大厅预约' desc='当日预约、签到核验、爽约、时段容量与关闭、大厅设置' onClick={() => Taro.navigateTo({ url: ROUTES.hallDay })} />
          )}
          {hasGrant(who, 'consult') && (
            <>
              <NavRow className='mine__consult-inbox' title='咨询收件箱' desc='答复转人工的群众提问' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/consult-inbox/index' })} />
              <NavRow className='mine__consult-stats' title='咨询统计' desc='自动回答率，未答、没帮助、低置信问题排行' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/consult-stats/index' })} />
            </>
          )}
          {hasGrant(who, 'knowledge') && (
            <NavRow className='mine__knowledge' title='知识库管理' desc='问答、关键词规则、同义词，修改记录与回滚' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/knowledge/index' })} />
          )}
          {(hasGrant(who, 'push') || hasGrant(who, 'approve')) && (
            <NavRow className='staff-campaigns-entry' title='消息推送' desc='群发订阅消息、审核与发送进度' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/campaigns/index' })} />
          )}
          {hasGrant(who, 'notices') && (
            <NavRow className='staff-notice-entry' title='发布通知公告' desc='标题、正文与图片，首页“通知公告”展示' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/notice-publish/index' })} />
          )}
          {who.role === 'admin' && (
            <NavRow className='mine__pay-reports' title='缴费对账' desc='每日与微信支付交易账单核对，差异及原因' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/pay-reports/index' })} />
          )}
          {who.role === 'admin' && (
            <NavRow title='工作人员管理' desc='添加、停用工作人员，分配所属部门' onClick={() => Taro.navigateTo({ url: ROUTES.staffManage })} />
          )}
        </View>
      )}

      <View className='section'>
        <View className='section__title'>工作人员绑定</View>
        <NavRow className='mine__join' title='我有邀请码' desc='政务工作人员凭管理员发放的邀请码或二维码绑定身份' onClick={() => Taro.navigateTo({ url: ROUTES.staffJoin })} />
      </View>

      <View className='section'>
        <View className='section__title'>关于</View>
        <View className='muted'>
          本服务仅收集办理业务所必需的信息，您的个人信息按《个人信息保护法》要求加密存储、严格授权访问。服务咨询请拨打政务服务便民热线 12345。
        </View>
      </View>
    </PageShell>
  )
}
