import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { hasGrant, isAtLeast } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { ElderSwitch } from '@/components/elder-switch'
import { IdentitySwitcher } from '@/components/identity-switcher'
import { LoadState } from '@/components/load-state'
import { ROLE_LABELS, useWhoAmI } from '@/hooks/use-whoami'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { ROUTES } from '@/utils/routes'
import { isLocalPreview } from '@/services/identity'
import { useDepartments } from '@/utils/departments'
import './index.scss'

export default function Mine() {
  const me = useWhoAmI()
  const who = me.data
  const depts = useDepartments(!!who && who.departments.length > 0)
  // A role may have been granted while this tab sat in the background.
  useReloadOnReturn(me.reload)

  return (
    <PageShell className='mine' tab>
      <View className='mine__profile'>
        <LoadState error={me.error} hasData={!!who} onRetry={me.reload}>
          {who && (
            <>
              <Text className='mine__name'>{who.name || '微信用户'}</Text>
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
        <View className='row mine__affairs' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/affairs/pages/mine/index' })}>
          <View className='row__main'>
            <Text className='row__title'>我的办件</Text>
            <View className='row__desc'>在线申办的进度、补正与办理结果</View>
          </View>
          <Text className='row__chevron'>›</Text>
        </View>
        <View className='row mine__push-settings' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/push/pages/settings/index' })}>
          <View className='row__main'>
            <Text className='row__title'>消息订阅</Text>
            <View className='row__desc'>办件进度、预约、政策与突发事件提醒的订阅设置</View>
          </View>
          <Text className='row__chevron'>›</Text>
        </View>
        {isLocalPreview && (
          <View className='row mine__wx-inbox' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/push/pages/inbox/index' })}>
            <View className='row__main'>
              <Text className='row__title'>微信消息（预览）</Text>
              <View className='row__desc'>当前身份在微信“服务通知”中收到的订阅消息</View>
            </View>
            <Text className='row__chevron'>›</Text>
          </View>
        )}
        <View className='row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })}>
          <View className='row__main'>
            <Text className='row__title'>我的预约</Text>
            <View className='row__desc'>查看预约码、取消预约、到场状态</View>
          </View>
          <Text className='row__chevron'>›</Text>
        </View>
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
          <View className='row staff-queue-entry' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/queue/index' })}>
            <View className='row__main'>
              <Text className='row__title'>办件受理</Text>
              <View className='row__desc'>本部门在线申办的待办、补正与办结</View>
            </View>
            <Text className='row__chevron'>›</Text>
          </View>
          <View className='row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.staffImport })}>
            <View className='row__main'>
              <Text className='row__title'>事项导入</Text>
              <View className='row__desc'>批量导入、更新办事指南（JSON / CSV），支持预检</View>
            </View>
            <Text className='row__chevron'>›</Text>
          </View>
          {(who.role === 'admin' || who.halls.length > 0) && (
            <View className='row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.hallDay })}>
              <View className='row__main'>
                <Text className='row__title'>大厅预约</Text>
                <View className='row__desc'>当日预约、签到核验、爽约、时段容量与关闭、大厅设置</View>
              </View>
              <Text className='row__chevron'>›</Text>
            </View>
          )}
          {hasGrant(who, 'consult') && (
            <>
              <View className='row mine__consult-inbox' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/consult-inbox/index' })}>
                <View className='row__main'>
                  <Text className='row__title'>咨询收件箱</Text>
                  <View className='row__desc'>答复转人工的群众提问</View>
                </View>
                <Text className='row__chevron'>›</Text>
              </View>
              <View className='row mine__consult-stats' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/consult-stats/index' })}>
                <View className='row__main'>
                  <Text className='row__title'>咨询统计</Text>
                  <View className='row__desc'>自动回答率，未答、没帮助、低置信问题排行</View>
                </View>
                <Text className='row__chevron'>›</Text>
              </View>
            </>
          )}
          {hasGrant(who, 'knowledge') && (
            <View className='row mine__knowledge' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/knowledge/index' })}>
              <View className='row__main'>
                <Text className='row__title'>知识库管理</Text>
                <View className='row__desc'>问答、关键词规则、同义词，修改记录与回滚</View>
              </View>
              <Text className='row__chevron'>›</Text>
            </View>
          )}
          {(hasGrant(who, 'push') || hasGrant(who, 'approve')) && (
            <View className='row staff-campaigns-entry' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/campaigns/index' })}>
              <View className='row__main'>
                <Text className='row__title'>消息推送</Text>
                <View className='row__desc'>群发订阅消息、审核与发送进度</View>
              </View>
              <Text className='row__chevron'>›</Text>
            </View>
          )}
          {hasGrant(who, 'notices') && (
            <View className='row staff-notice-entry' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: '/packages/staff/pages/notice-publish/index' })}>
              <View className='row__main'>
                <Text className='row__title'>发布通知公告</Text>
                <View className='row__desc'>标题、正文与图片，首页“通知公告”展示</View>
              </View>
              <Text className='row__chevron'>›</Text>
            </View>
          )}
          {who.role === 'admin' && (
            <View className='row' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.staffManage })}>
              <View className='row__main'>
                <Text className='row__title'>工作人员管理</Text>
                <View className='row__desc'>添加、停用工作人员，分配所属部门</View>
              </View>
              <Text className='row__chevron'>›</Text>
            </View>
          )}
        </View>
      )}

      <View className='section'>
        <View className='section__title'>工作人员绑定</View>
        <View className='row mine__join' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: ROUTES.staffJoin })}>
          <View className='row__main'>
            <Text className='row__title'>我有邀请码</Text>
            <View className='row__desc'>政务工作人员凭管理员发放的邀请码或二维码绑定身份</View>
          </View>
          <Text className='row__chevron'>›</Text>
        </View>
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
