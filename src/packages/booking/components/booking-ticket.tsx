import { Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import type { BookingView } from '@core/api'
import { dateLabel, qrMatrix, spacedCode, STATUS_BADGE, timeOf } from '../utils'

/** Booking number, QR code and the digits: what the citizen shows at the window. */
export function BookingTicket({ booking }: { booking: BookingView }) {
  const qr = useMemo(() => qrMatrix(booking.qr), [booking.qr])
  const usable = booking.status === 'booked'
  const cancelled = booking.status === 'cancelled'
  return (
    <View className='section booking-ticket'>
      <View className='booking-ticket__center'>
        <Text className={STATUS_BADGE[booking.status]}>{booking.statusLabel}</Text>
        {usable && (
          <View className='booking-ticket__qr' ariaLabel='签到二维码'>
            {qr.map((row, r) => (
              <View key={r} className='booking-ticket__qr-row'>
                {row.map((dark, c) => <View key={c} className={dark ? 'booking-ticket__qr-cell booking-ticket__qr-cell--dark' : 'booking-ticket__qr-cell'} />)}
              </View>
            ))}
          </View>
        )}
        {cancelled ? (
          // A cancelled code can no longer be used: no digits that someone might still read out at the window.
          <View className='booking-ticket__void'>已取消</View>
        ) : (
          <>
            <View className='muted'>签到码</View>
            <View className='booking-ticket__code' ariaLabel={`签到码 ${booking.code}`}>{spacedCode(booking.code)}</View>
            <View className='muted'>到窗口出示二维码或报出签到码</View>
          </>
        )}
      </View>
      <View className='kv'><Text className='kv__key'>预约编号</Text><Text className='kv__value'>{booking.no}</Text></View>
      <View className='kv'><Text className='kv__key'>事项</Text><Text className='kv__value'>{booking.matterName}</Text></View>
      <View className='kv'><Text className='kv__key'>时间</Text><Text className='kv__value'>{dateLabel(booking.date)} {booking.start}-{booking.end}</Text></View>
      <View className='kv'><Text className='kv__key'>地点</Text><Text className='kv__value'>{booking.hallName}{booking.groupName}</Text></View>
      <View className='kv'><Text className='kv__key'>地址</Text><Text className='kv__value'>{booking.hallAddress}</Text></View>
      {booking.checkedInAt && <View className='kv'><Text className='kv__key'>签到时间</Text><Text className='kv__value'>{timeOf(booking.checkedInAt)}</Text></View>}
      {booking.cancelReason && <View className='kv'><Text className='kv__key'>取消原因</Text><Text className='kv__value'>{booking.cancelledBy === 'hall' ? `大厅取消：${booking.cancelReason}` : booking.cancelReason}</Text></View>}
      {booking.applicationId && <View className='kv'><Text className='kv__key'>关联申办</Text><Text className='kv__value'>{booking.applicationId}（现场核验材料）</Text></View>}
    </View>
  )
}
