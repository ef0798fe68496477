import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { readParam } from '@/utils/routes'
import { cx } from '@/utils/class-names'
import { RulesNote } from '../../components/rules-note'
import { dateLabel, detailUrl, newRequestId } from '../../utils'
import '../../booking.scss'

/** 预约办理: hall → date (next working days, holidays greyed and named) → slot with live places → confirm. */
export default function BookPage() {
  const { params } = useRouter()
  const matterId = readParam(params.matterId)
  const matterName = readParam(params.name)
  const halls = useCloudQuery('booking', 'halls', { matterId }, { enabled: !!matterId })
  const [hallId, setHallId] = useState('')
  const [date, setDate] = useState('')
  const [slotId, setSlotId] = useState('')
  const [error, setError] = useState('')
  const bookCall = useCloudMutation('booking', 'book')
  const busy = bookCall.busy
  const requestId = useRef('')

  useEffect(() => {
    if (halls.data?.length === 1 && !hallId) setHallId(halls.data[0].hallId)
  }, [halls.data, hallId])

  const days = useCloudQuery('booking', 'days', { hallId }, { enabled: !!hallId })
  const slots = useCloudQuery('booking', 'slots', { matterId, hallId, date }, { enabled: !!hallId && !!date })
  const chosen = slots.data?.find((s) => s.slotId === slotId)
  const hall = halls.data?.find((h) => h.hallId === hallId)

  const pickHall = (id: string) => { setHallId(id); setDate(''); setSlotId(''); setError('') }
  const pickDate = (d: string) => { setDate(d); setSlotId(''); setError('') }
  const pickSlot = (id: string) => { setSlotId(id); setError(''); requestId.current = newRequestId() }

  const confirm = async () => {
    if (!chosen) return
    setError('')
    const res = await bookCall.run({ slotId: chosen.slotId, matterId, requestId: requestId.current })
    if (!res) return
    if (res.ok) {
      Taro.redirectTo({ url: `${detailUrl(res.data.id)}&new=1` })
      return
    }
    setError(res.message)
    // A lost race or a closure: show the fresh places; a network failure keeps the request id for the retry.
    if (res.code !== 'NETWORK') {
      requestId.current = newRequestId()
      slots.reload()
    }
  }

  return (
    <PageShell className='booking-book'>
      <View className='section'>
        <View className='section__title'>{matterName || '预约办理'}</View>
        <View className='muted'>选择办理地点、日期和时段，按预约时间到窗口出示预约码即可办理。</View>
      </View>

      <View className='section'>
        <View className='section__title'>1. 选择办理地点</View>
        <LoadState error={halls.error} hasData={!!halls.data} onRetry={halls.reload} isEmpty={halls.data?.length === 0}
          empty={<Text className='muted'>该事项暂未开放网上预约，可直接到办理地点取号办理。</Text>}>
          {(halls.data ?? []).map((h) => (
            <View key={h.hallId} className={cx('booking-choice', h.hallId === hallId && 'booking-choice--active')} onClick={() => pickHall(h.hallId)}>
              <View className='booking-choice__main'>
                <View className='row__title'>{h.name}</View>
                <View className='row__desc'>{h.groupName}{h.location ? ` · ${h.location}` : ''}</View>
                <View className='row__desc'>{h.address}</View>
                <View className='row__desc'>{h.hours}</View>
              </View>
              {h.hallId === hallId && <Text className='badge'>已选</Text>}
            </View>
          ))}
        </LoadState>
      </View>

      {hallId && (
        <View className='section'>
          <View className='section__title'>2. 选择日期</View>
          <View className='muted booking-step__hint'>可预约今天起的工作日，法定节假日和周末不开放（灰色）。</View>
          <LoadState error={days.error} hasData={!!days.data} onRetry={days.reload}>
            <View className='booking-dates'>
              {(days.data ?? []).map((d) => (
                <View key={d.date}
                  className={cx('booking-date', d.date === date && 'booking-date--active', !d.bookable && 'booking-date--off')}
                  onClick={() => (d.bookable ? pickDate(d.date) : Taro.showToast({ title: `${dateLabel(d.date)}${d.name ? `${d.name}` : '休息日'}，不开放预约`, icon: 'none' }))}>
                  <Text>{dateLabel(d.date)}</Text>
                  <Text>{d.weekday}</Text>
                  {!d.bookable && <Text>{d.name ?? '休息'}</Text>}
                </View>
              ))}
            </View>
          </LoadState>
        </View>
      )}

      {hallId && date && (
        <View className='section'>
          <View className='section__title'>
            3. 选择时段
            <Text className='section__more' onClick={slots.reload}>刷新余量</Text>
          </View>
          <LoadState error={slots.error} hasData={!!slots.data} onRetry={slots.reload} isEmpty={slots.data?.length === 0}
            empty={<Text className='muted'>当天没有可预约的时段，请选择其他日期。</Text>}>
            <View className='booking-slots'>
              {(slots.data ?? []).map((s) => {
                const full = s.left <= 0
                return (
                  <View key={s.slotId}
                    className={cx('booking-slot', s.slotId === slotId && 'booking-slot--active', full && 'booking-slot--full')}
                    onClick={() => (full ? Taro.showToast({ title: s.closed ? `该时段已停止预约${s.closedReason ? `：${s.closedReason}` : ''}` : '该时段已约满', icon: 'none' }) : pickSlot(s.slotId))}>
                    <Text>{s.start}-{s.end}</Text>
                    <Text className='booking-slot__left'>{s.closed ? '停止预约' : full ? '已约满' : `余${s.left}个`}</Text>
                  </View>
                )
              })}
            </View>
          </LoadState>
        </View>
      )}

      {chosen && hall && (
        <View className='section'>
          <View className='section__title'>4. 确认预约</View>
          <View className='kv'><Text className='kv__key'>事项</Text><Text className='kv__value'>{matterName}</Text></View>
          <View className='kv'><Text className='kv__key'>地点</Text><Text className='kv__value'>{hall.name}{hall.groupName}</Text></View>
          <View className='kv'><Text className='kv__key'>时间</Text><Text className='kv__value'>{dateLabel(date)} {chosen.start}-{chosen.end}</Text></View>
          {error && <View className='booking-error'>{error}</View>}
          <View className={cx('btn btn--primary btn--block', busy && 'btn--disabled')} onClick={confirm}>
            {busy ? '正在预约…' : '确认预约'}
          </View>
        </View>
      )}

      <RulesNote />
    </PageShell>
  )
}
