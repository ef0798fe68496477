import { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { TicketView, WhoAmI } from '@core/api'
import { LEVEL_LABELS } from '@core/evaluation/model'
import { RESOLUTION_LABELS, STEP_LABELS, TICKET_STATUS_LABELS, type Resolution } from '@core/evaluation/ticket'
import { shanghaiDateTime } from '@core/shanghai-time'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import { readParam } from '@/utils/routes'
import { RoleGate } from '../../components/role-gate'
import { ChoiceChips } from '../../components/chips'

const RESOLUTIONS = (Object.keys(RESOLUTION_LABELS) as Resolution[]).map((r) => ({ value: r, label: RESOLUTION_LABELS[r] }))
const ENTRY_LABELS: Record<string, string> = { ...STEP_LABELS, open: '生成工单', overdue: '超期提醒' }

/** The step the unit takes next, by status (申诉复核 is the admins'). */
const NEXT_STEP: Partial<Record<TicketView['status'], 'contact' | 'resolve' | 'rectified' | 'feedback'>> = {
  contacting: 'contact', resolving: 'resolve', rectifying: 'rectified', feedback: 'feedback',
}

function Ticket({ id, me }: { id: string; me: WhoAmI }) {
  const q = useCloudQuery('evaluation', 'ticket', { id })
  const [note, setNote] = useState('')
  const [resolution, setResolution] = useState<Resolution>('immediate')
  const [dueDate, setDueDate] = useState('')
  const [phones, setPhones] = useState<string[]>()
  const [error, setError] = useState('')
  const t = q.data

  const after = (res: { ok: boolean; message?: string }) => {
    if (res.ok) { setNote(''); setError(''); q.reload() } else setError(res.message ?? '')
  }
  const reveal = async () => {
    const res = await callCloud('evaluation', 'revealContact', { id })
    if (res.ok) setPhones(res.data.phones)
    else setError(res.message)
  }
  const step = async (s: 'contact' | 'resolve' | 'rectified' | 'feedback') => {
    after(await callCloud('evaluation', 'ticketStep', {
      id, step: s, note, ...(s === 'resolve' ? { resolution, ...(resolution === 'deadline' && dueDate ? { dueDate } : {}) } : {}),
    }))
  }
  const review = async (upheld: boolean) => after(await callCloud('evaluation', 'reviewAppeal', { id, upheld, note }))

  const next = t ? NEXT_STEP[t.status] : undefined
  return (
    <LoadState error={q.error} hasData={!!t} onRetry={q.reload}>
      {t && (
        <>
          <View className='section'>
            <View className='section__title'>{t.title}</View>
            <View className='kv'><Text className='kv__key'>评价</Text><Text className='kv__value'>{LEVEL_LABELS[t.level]}{t.options.length ? `（${t.options.join('、')}）` : ''}</Text></View>
            {t.comment && <View className='kv'><Text className='kv__key'>评价内容</Text><Text className='kv__value'>{t.comment}{t.commentFlagged ? '（待内容审核）' : ''}</Text></View>}
            <View className='kv'><Text className='kv__key'>办理单位</Text><Text className='kv__value'>{t.unitName}</Text></View>
            <View className='kv'><Text className='kv__key'>状态</Text><Text className='kv__value eval-ticket__status'>{TICKET_STATUS_LABELS[t.status]}{t.overdue ? '（已超期）' : ''}</Text></View>
            {t.status !== 'closed' && <View className='kv'><Text className='kv__key'>本环节期限</Text><Text className='kv__value'>{t.dueDate}</Text></View>}
            {t.appealUpheld && <View className='muted'>申诉成立：该评价不计入统计，仍公示为“已剔除”。</View>}
          </View>
          {t.status === 'contacting' && t.targetType === 'application' && (
            <View className='section'>
              {phones ? <View className='eval-ticket__phones'>联系电话：{phones.join('、')}</View>
                : <View className='btn eval-ticket__reveal' onClick={reveal}>查看评价人联系电话（将记录查看日志）</View>}
            </View>
          )}
          {(next || (t.status === 'appealing' && me.role === 'admin')) && (
            <View className='section'>
              <View className='section__title'>{next ? STEP_LABELS[next] : '申诉复核'}</View>
              {next === 'resolve' && <ChoiceChips options={RESOLUTIONS} value={resolution} onChange={setResolution} />}
              {next === 'resolve' && resolution === 'deadline' && (
                <Input className='input eval-ticket__due' value={dueDate} placeholder='整改期限 YYYY-MM-DD（不填按默认工作日计算）' onInput={(e) => setDueDate(e.detail.value)} />
              )}
              <Textarea className='input eval-ticket__note' value={note} maxlength={500} autoHeight placeholder='处理说明（必填）' onInput={(e) => setNote(e.detail.value)} />
              {error && <View className='eval-ticket__error'>{error}</View>}
              {next && <View className='btn btn--primary btn--block eval-ticket__submit' onClick={() => step(next)}>提交：{STEP_LABELS[next]}</View>}
              {!next && (
                <>
                  <View className='btn btn--primary btn--block eval-ticket__uphold' onClick={() => review(true)}>申诉成立（剔除该评价）</View>
                  <View className='btn btn--block eval-ticket__reject' onClick={() => review(false)}>申诉不成立（退回整改）</View>
                </>
              )}
            </View>
          )}
          <View className='section'>
            <View className='section__title'>处理记录</View>
            {t.timeline.map((e) => (
              <View key={e.seq} className='kv eval-ticket__entry'>
                <Text className='kv__key'>{shanghaiDateTime(e.at)}</Text>
                <Text className='kv__value'>{ENTRY_LABELS[e.step] ?? e.step}{e.resolution ? `·${RESOLUTION_LABELS[e.resolution]}` : ''} · {e.by}{e.note ? `：${e.note}` : ''}{e.dueDate ? `（期限 ${e.dueDate}）` : ''}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </LoadState>
  )
}

export default function TicketPage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  return (
    <PageShell className='eval-ticket'>
      <RoleGate min='staff'>{(me) => <Ticket id={id} me={me} />}</RoleGate>
    </PageShell>
  )
}
