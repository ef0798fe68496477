import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { readParam } from '@/utils/routes'
import { BookingTicket } from '../../components/booking-ticket'
import { SubscribePrompt } from '@/components/subscribe-prompt'
import { BOOKING_ROUTES, timeOf } from '../../utils'
import { RateInvite } from '@/components/rate-invite'
import '../../booking.scss'

export default function BookingDetail() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const fresh = params.new === '1'
  const mine = useCloudQuery('booking', 'mine', {})
  useReloadOnReturn(mine.reload)
  const booking = mine.data?.find((b) => b.id === id)
  const [error, setError] = useState('')
  const cancelCall = useCloudMutation('booking', 'cancel')

  const cancel = async () => {
    if (!booking) return
    const confirm = async () => (await Taro.showModal({ title: '取消预约', content: '取消后名额将释放给其他群众，确定取消吗？', confirmText: '确定取消', cancelText: '再想想' })).confirm
    const res = await cancelCall.run({ id: booking.id }, { confirm })
    if (!res) return
    if (res.ok) {
      Taro.showToast({ title: '已取消预约', icon: 'success' })
      mine.reload()
    } else setError(res.message)
  }

  const notFound = mine.data && !booking ? ({ ok: false, code: 'NOT_FOUND', message: '没有找到该预约' } as const) : undefined
  return (
    <PageShell className='booking-detail'>
      {fresh && booking?.status === 'booked' && (
        <View className='section'>
          <View className='section__title'>预约成功</View>
          <View className='muted'>请按预约时间到窗口办理，前一天晚上会提醒您。</View>
        </View>
      )}
      {booking?.status === 'booked' && (
        <SubscribePrompt keys={['bookingSuccess', 'bookingReminder', 'bookingCancelled']} title='订阅预约提醒'
          desc='允许后，预约确认、前一天的提醒与取消通知会通过微信发给您。' />
      )}
      <LoadState error={notFound ?? mine.error} hasData={!!booking} onRetry={mine.reload}>
        {booking && (
          <>
            <BookingTicket booking={booking} />
            <RateInvite targetType='booking' targetId={booking.id} enabled={booking.status === 'checkedIn'} />
            <View className='booking-actions'>
              {error && <View className='booking-error'>{error}</View>}
              {booking.cancellable && (
                <>
                  <View className='btn btn--danger btn--block' onClick={cancel}>取消预约</View>
                  <View className='muted'>可在 {timeOf(booking.cancelDeadline)} 前在线取消（预约开始前不足规定时间不能取消）。</View>
                </>
              )}
              {booking.status === 'booked' && !booking.cancellable && (
                <View className='muted'>距预约开始已不足规定时间，不能在线取消；如不能前往，请联系大厅。未到场将记为爽约。</View>
              )}
              <View className='btn btn--block' onClick={() => Taro.redirectTo({ url: BOOKING_ROUTES.mine })}>
                <Text>查看我的预约</Text>
              </View>
            </View>
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
