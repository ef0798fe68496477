import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { PageShell } from '@/components/page-shell'
import { callCloud } from '@/services/cloud-client'
import { readParam } from '@/utils/routes'
import { LEVEL_LABELS, optionsFor, type Level, type TargetType } from '@core/evaluation/model'
import { EVALUATION_ROUTES, newRequestId, stars } from '../../utils'
import '../../evaluation.scss'

const LEVELS: Level[] = [5, 4, 3, 2, 1]
const MAX_COMMENT = 300

/** Rate a service (level, the level's options, a comment), or — with `ratingId` — 追评 and rate the handling. */
export default function RatePage() {
  const { params } = useRouter()
  const ratingId = readParam(params.ratingId)
  const targetType = (readParam(params.targetType) === 'booking' ? 'booking' : 'application') as TargetType
  const targetId = readParam(params.targetId)
  const title = readParam(params.title)
  const [level, setLevel] = useState<Level | 0>(0)
  const [options, setOptions] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const requestId = useRef(newRequestId())

  const pick = (l: Level) => { setLevel(l); setOptions([]); setError('') }
  const toggle = (o: string) => setOptions((cur) => (cur.includes(o) ? cur.filter((x) => x !== o) : [...cur, o]))

  const submit = async () => {
    if (busy) return
    if (!ratingId && !level) { setError('请选择评价等级'); return }
    if (ratingId && !level && !comment.trim()) { setError('请填写追评或评价处理结果'); return }
    setBusy(true)
    const res = ratingId
      ? await callCloud('evaluation', 'followUp', { id: ratingId, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(level ? { handlingLevel: level } : {}) })
      : await callCloud('evaluation', 'rate', { targetType, targetId, level: level as Level, options, ...(comment.trim() ? { comment: comment.trim() } : {}), requestId: requestId.current })
    setBusy(false)
    if (!res.ok) { setError(res.message); return }
    const bad = !ratingId && 'ticketId' in res.data && !!res.data.ticketId
    await Taro.showToast({ title: bad ? '已提交，办理单位将回访' : '感谢您的评价', icon: 'success' })
    Taro.redirectTo({ url: EVALUATION_ROUTES.pending })
  }

  const choices = level ? optionsFor(targetType, level) : []
  return (
    <PageShell className='evaluation-rate'>
      <View className='section'>
        <View className='section__title'>{ratingId ? '追评' : '评价本次服务'}</View>
        <View className='evaluation-rate__title'>{title}</View>
        <View className='muted'>{ratingId ? '评价处理结果（回访满意度），并可补充追评。' : targetType === 'application' ? '一事一评：对本次网上办理进行评价。' : '一次一评：对本次大厅办理进行评价。'}</View>
      </View>
      <View className='section evaluation-levels'>
        {LEVELS.map((l) => (
          <View key={l} className={`evaluation-level${level === l ? ' evaluation-level--active' : ''}`} onClick={() => pick(l)}>
            <Text className='evaluation-stars'>{stars(l)}</Text>
            <Text className='evaluation-level__label'>{LEVEL_LABELS[l]}</Text>
          </View>
        ))}
      </View>
      {!ratingId && level > 0 && (
        <View className='section'>
          <View className='section__title'>{level >= 4 ? '哪些方面让您满意（可多选）' : '哪些方面需要改进（可多选）'}</View>
          <View className='evaluation-options'>
            {choices.map((o) => (
              <View key={o} className={`evaluation-option${options.includes(o) ? ' evaluation-option--active' : ''}`} onClick={() => toggle(o)}>{o}</View>
            ))}
          </View>
        </View>
      )}
      <View className='section'>
        <Textarea className='evaluation-comment' value={comment} maxlength={MAX_COMMENT} autoHeight
          placeholder={ratingId ? '追评（选填）' : '说说您的感受（选填）'} onInput={(e) => setComment(e.detail.value)} />
        <Text className='muted'>{comment.length}/{MAX_COMMENT}</Text>
      </View>
      {error && <View className='section evaluation-error'>{error}</View>}
      <View className='section'>
        <View className={`btn btn--primary btn--block evaluation-submit${busy ? ' btn--disabled' : ''}`} onClick={submit}>提交评价</View>
        {/* A 追评 rates the handling of a ticket already closed: it opens no new 回访. */}
        <View className='muted'>{ratingId ? '追评提交后不能修改。' : '评价提交后不能修改；“不满意”“非常不满意”将转办理单位回访整改。'}</View>
      </View>
    </PageShell>
  )
}
