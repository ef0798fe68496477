import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { shanghaiDate } from '@core/shanghai-time'
import { LEVEL_LABELS } from '@core/evaluation/model'
import { TICKET_STATUS_LABELS } from '@core/evaluation/ticket'
import { EVALUATION_ROUTES, followUpUrl, rateUrl, stars } from '../../utils'
import '../../evaluation.scss'

/** 我的 → 待评价: what is open for rating, then the caller's own ratings (with 追评 once handled). */
export default function PendingRatings() {
  const pending = useCloudQuery('evaluation', 'pending', {})
  const mine = useCloudQuery('evaluation', 'mine', {})
  useReloadOnReturn(() => { pending.reload(); mine.reload() })
  const open = pending.data ?? []
  const rated = mine.data ?? []
  return (
    <PageShell className='evaluation-pending'>
      <View className='section'>
        <View className='section__title'>待评价</View>
        <LoadState error={pending.error} hasData={!!pending.data} onRetry={pending.reload} isEmpty={open.length === 0}
          empty={<Text className='muted'>没有待评价的服务。办件办结、预约到场办理后，可在此评价。</Text>}>
          {open.map((p) => (
            <View key={p.targetId} className='row evaluation-pending__item' hoverClass='row--pressed'
              onClick={() => Taro.navigateTo({ url: rateUrl(p.targetType, p.targetId, p.title) })}>
              <View className='row__main'>
                <View className='row__title'>{p.title}</View>
                <View className='row__desc'>{p.targetType === 'application' ? '在线办件' : '大厅办理'} · {shanghaiDate(p.endedAt)} 办结 · {shanghaiDate(p.expiresAt)} 前可评价</View>
              </View>
              <Text className='badge badge--accent'>去评价</Text>
              <Text className='row__chevron'>›</Text>
            </View>
          ))}
        </LoadState>
      </View>
      <View className='section'>
        <View className='section__title'>我的评价</View>
        <LoadState error={mine.error} hasData={!!mine.data} onRetry={mine.reload} isEmpty={rated.length === 0}
          empty={<Text className='muted'>还没有评价。</Text>}>
          {rated.map((r) => (
            <View key={r.id} className='row evaluation-mine__item'>
              <View className='row__main'>
                <View className='row__title'>{r.title}</View>
                <View className='row__desc'>
                  <Text className='evaluation-stars'>{stars(r.level)}</Text> {LEVEL_LABELS[r.level]}
                  {r.isDefault && '（超期未评价，默认评价）'}{r.excluded && '（经申诉复核，不计入统计）'}
                </View>
                {r.comment && <View className='row__desc'>{r.comment}</View>}
                {r.ticketStatus && <View className='row__desc evaluation-mine__ticket'>差评处理：{TICKET_STATUS_LABELS[r.ticketStatus]}</View>}
                {r.followUp && <View className='row__desc'>追评：{r.followUp.comment}</View>}
                {r.handlingLevel && <View className='row__desc'>处理结果评价：{LEVEL_LABELS[r.handlingLevel]}</View>}
              </View>
              {r.ticketStatus === 'closed' && (!r.followUp || !r.handlingLevel) && (
                <View className='btn evaluation-mine__follow' onClick={() => Taro.navigateTo({ url: followUpUrl(r.id, r.title) })}>追评</View>
              )}
            </View>
          ))}
        </LoadState>
      </View>
      <View className='section'>
        <View className='btn btn--block evaluation-publicity-link' onClick={() => Taro.navigateTo({ url: EVALUATION_ROUTES.publicity })}>查看评价公示</View>
      </View>
      <View className='section muted'>评价自愿、真实，与任何办事结果、优惠无关；工作人员看不到您的微信身份；如为差评，办理单位可能按办件预留电话回访（查看留痕）。“不满意”“非常不满意”的评价由办理单位在1个工作日内回访核实并整改，结果将通过微信通知您。</View>
    </PageShell>
  )
}
