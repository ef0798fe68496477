import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Fragment, useEffect, useState } from 'react'
import type { SlotView } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { ROUTES } from '@/utils/routes'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { canScan, scanCode } from './scan'
import './index.scss'

const STATUS_CLASS: Record<string, string> = { booked: 'badge', checkedIn: 'badge badge--success', cancelled: 'badge badge--warning', noShow: 'badge badge--accent' }

function shanghaiToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

function HallDay() {
  const halls = useCloudQuery('booking', 'myHalls', {})
  const [hallId, setHallId] = useState('')
  const [date, setDate] = useState(shanghaiToday())
  useEffect(() => {
    if (!hallId && halls.data?.length) setHallId(halls.data[0].hallId)
  }, [halls.data, hallId])
  const day = useCloudQuery('booking', 'day', { hallId, date }, { enabled: !!hallId })
  const [code, setCode] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const [editing, setEditing] = useState<{ slot: SlotView; value: string }>()
  const [closing, setClosing] = useState({ from: '', to: '', reason: '' })
  const checkInCall = useCloudMutation('booking', 'checkIn')
  const noShowCall = useCloudMutation('booking', 'markNoShow')
  const capacityCall = useCloudMutation('booking', 'setSlotCapacity')
  const closeCall = useCloudMutation('booking', 'closeSlots')

  const checkIn = async (raw = code) => {
    if (!raw.trim()) return setMessage({ ok: false, text: '请输入8位签到码' })
    const res = await checkInCall.run({ code: raw })
    if (!res) return
    if (res.ok) {
      setMessage({ ok: true, text: `已到场：${res.data.matterName} ${res.data.start}-${res.data.end}（${res.data.no}）` })
      setCode('')
      day.reload()
    } else setMessage({ ok: false, text: res.message })
  }
  const scan = async () => {
    const r = await scanCode()
    if (r) await checkIn(r)
  }
  const noShow = async (id: string) => {
    const res = await noShowCall.run({ id })
    if (!res) return
    setMessage(res.ok ? { ok: true, text: `已记为爽约：${res.data.no}` } : { ok: false, text: res.message })
    day.reload()
  }
  const saveCapacity = async () => {
    if (!editing) return
    const capacity = Number(editing.value)
    const res = await capacityCall.run({ slotId: editing.slot.slotId, capacity })
    if (!res) return
    setMessage(res.ok ? { ok: true, text: `${res.data.start}时段容量已改为${res.data.capacity}` } : { ok: false, text: res.message })
    if (res.ok) setEditing(undefined)
    day.reload()
  }
  const close = async () => {
    const confirm = async () => (await Taro.showModal({ title: '关闭时段', content: '所选时段内的预约将全部取消，并通知预约群众。确定关闭吗？' })).confirm
    const res = await closeCall.run({
      hallId, date, reason: closing.reason, ...(closing.from ? { from: closing.from } : {}), ...(closing.to ? { to: closing.to } : {}),
    }, { confirm })
    if (!res) return
    if (res.ok) {
      const pending = res.data.some((s) => s.closing)
      setMessage({ ok: true, text: `已关闭${res.data.length}个时段${pending ? '，其余预约将在几分钟内自动取消' : ''}` })
      setClosing({ from: '', to: '', reason: '' })
    } else setMessage({ ok: false, text: res.message })
    day.reload()
  }

  const data = day.data
  const active = data?.bookings.filter((b) => b.status !== 'cancelled') ?? []
  return (
    <>
      <LoadState error={halls.error} hasData={!!halls.data} onRetry={halls.reload} isEmpty={halls.data?.length === 0}
        empty={<Text className='muted'>您还没有被分配到服务大厅，请联系管理员。</Text>}>
        <View className='section'>
          <View className='chips'>
            {(halls.data ?? []).map((h) => (
              <View key={h.hallId} className={cx('chip', h.hallId === hallId && 'chip--active')} onClick={() => setHallId(h.hallId)}>{h.name}</View>
            ))}
          </View>
          <View className='hall-day__dates'>
            <View className='btn' onClick={() => setDate(addDays(date, -1))}>前一天</View>
            <Text className='hall-day__date'>{date}{date === shanghaiToday() ? '（今天）' : ''}</Text>
            <View className='btn' onClick={() => setDate(addDays(date, 1))}>后一天</View>
          </View>
          <View className='link hall-day__setup' onClick={() => Taro.navigateTo({ url: ROUTES.hallSetup })}>大厅与时段模板设置 ›</View>
        </View>

        <View className='section'>
          <View className='section__title'>签到核验</View>
          <Input className='field__input' type='number' maxlength={12} value={code} placeholder='输入群众出示的8位签到码' onInput={(e) => setCode(e.detail.value)} onConfirm={() => checkIn()} />
          <View className='hall-day__row'>
            <View className={cx('btn btn--primary', checkInCall.busy && 'btn--disabled')} onClick={() => checkIn()}>签到</View>
            {canScan && <View className='btn' onClick={scan}>扫码签到</View>}
          </View>
          <View className='muted'>只能签到本大厅当天的预约；他人的、其他日期的预约码会被拒绝。</View>
          {message && <View className={message.ok ? 'hall-day__ok' : 'hall-day__error'}>{message.text}</View>}
        </View>

        <LoadState error={day.error} hasData={!!data} onRetry={day.reload}>
          {data && (
            <>
              <View className='section'>
                <View className='section__title'>
                  当日预约
                  <Text className='section__more'>共{active.length}人</Text>
                </View>
                {data.bookings.length === 0 && <Text className='muted'>当天没有预约</Text>}
                {data.bookings.map((b) => (
                  <View key={b.id} className='row'>
                    <View className='row__main'>
                      <View className='row__title'>{b.start}-{b.end} {b.matterName}</View>
                      <View className='row__desc'>{b.groupName} · {b.no} · 用户 {b.maskedOpenid}</View>
                      {b.cancelReason && <View className='row__desc'>取消原因：{b.cancelReason}</View>}
                    </View>
                    <Text className={STATUS_CLASS[b.status]}>{b.statusLabel}</Text>
                    {b.noShowable && <View className={cx('btn btn--danger hall-day__small', noShowCall.busy && 'btn--disabled')} onClick={() => noShow(b.id)}>记为爽约</View>}
                  </View>
                ))}
              </View>

              <View className='section'>
                <View className='section__title'>时段与容量</View>
                <View className='muted'>容量不能低于已预约人数；点击时段修改容量。</View>
                {data.slots.length === 0 && <Text className='muted'>当天不开放预约（休息日或节假日）</Text>}
                {data.slots.map((s) => (
                  <Fragment key={s.slotId}>
                    <View className='row hall-day__slot' onClick={() => !s.closed && setEditing({ slot: s, value: String(s.capacity) })}>
                      <View className='row__main'>
                        <View className='row__title'>{s.start}-{s.end}</View>
                        <View className='row__desc'>{s.groupName} · 容量{s.capacity} · 已约{s.held ?? 0} · 余{s.left}</View>
                      </View>
                      {s.closed ? <Text className='badge badge--warning'>已关闭{s.closedReason ? `：${s.closedReason}` : ''}</Text> : <Text className='row__extra link'>改容量</Text>}
                    </View>
                    {/* The editor opens under the tapped slot, where the eye already is. */}
                    {editing?.slot.slotId === s.slotId && (
                      <View className='hall-day__edit'>
                        <Text>{s.groupName} {editing.slot.start}-{editing.slot.end} 新容量（已约{editing.slot.held ?? 0}人）</Text>
                        <Input className='field__input' type='number' value={editing.value} onInput={(e) => setEditing({ ...editing, value: e.detail.value })} />
                        <View className='hall-day__row'>
                          <View className={cx('btn btn--primary', capacityCall.busy && 'btn--disabled')} onClick={saveCapacity}>保存容量</View>
                          <View className='btn' onClick={() => setEditing(undefined)}>取消</View>
                        </View>
                      </View>
                    )}
                  </Fragment>
                ))}
              </View>

              <View className='section'>
                <View className='section__title'>临时关闭</View>
                <View className='muted'>如停电、系统故障。留空时间表示关闭全天；受影响的预约会全部取消并通知群众。</View>
                <View className='hall-day__row'>
                  <Input className='field__input' value={closing.from} placeholder='开始 如 09:00' onInput={(e) => setClosing({ ...closing, from: e.detail.value })} />
                  <Input className='field__input' value={closing.to} placeholder='结束 如 12:00' onInput={(e) => setClosing({ ...closing, to: e.detail.value })} />
                </View>
                <Input className='field__input' value={closing.reason} maxlength={60} placeholder='关闭原因（群众会看到）' onInput={(e) => setClosing({ ...closing, reason: e.detail.value })} />
                <View className={cx('btn btn--danger btn--block', closeCall.busy && 'btn--disabled')} onClick={close}>关闭所选时段</View>
              </View>
            </>
          )}
        </LoadState>
      </LoadState>
    </>
  )
}

export default function HallDayPage() {
  return (
    <PageShell className='hall-day'>
      <RoleGate min='staff'>{() => <HallDay />}</RoleGate>
    </PageShell>
  )
}
