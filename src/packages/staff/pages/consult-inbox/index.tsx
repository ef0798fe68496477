import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { InboxItem, ParamsOf } from '@core/api'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useReloadOnReturn } from '@/hooks/use-reload-on-return'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { cx } from '@/utils/class-names'
import { shanghaiDateTime } from '@core/shanghai-time'
import { RoleGate } from '../../components/role-gate'
import { HANDOFF_REASONS, HandoffContextView } from './handoff-context'
import './consult.scss'

/** The answer is sent only when rewritten: unchanged, the stored reply is the answer (and is checked as such). */
function rewritten(answer: string, reply: string | undefined): { answer?: string } {
  const typed = answer.trim()
  return typed && typed !== (reply ?? '').trim() ? { answer: typed } : {}
}

const CHANNELS: Record<InboxItem['channel'], string> = { app: '小程序咨询', kf: '客服消息', oa: '服务号' }

function Learn({ item, onDone }: { item: InboxItem; onDone: () => void }) {
  const kb = useCloudQuery('consult', 'knowledge', {})
  const [mode, setMode] = useState<'newFaq' | 'similar'>('newFaq')
  const [question, setQuestion] = useState(item.question.slice(0, 200))
  const [answer, setAnswer] = useState(item.reply ?? '')
  const [category, setCategory] = useState('其他')
  const [q, setQ] = useState('')
  const [msg, setMsg] = useState('')
  const faqs = (kb.data?.kb.faqs ?? []).filter((f) => !q || f.question.includes(q) || f.category.includes(q)).slice(0, 8)
  const categories = Array.from(new Set((kb.data?.kb.faqs ?? []).map((f) => f.category)))
  const learnCall = useCloudMutation('consult', 'learn')
  const save = async (params: ParamsOf<'consult', 'learn'>) => {
    setMsg('')
    const res = await learnCall.run(params)
    if (!res) return
    // Learned meanwhile (another tab, another editor): say so and reload, the item then shows it.
    if (!res.ok && res.code === 'CONFLICT') { Taro.showToast({ title: res.message, icon: 'none' }); onDone(); return }
    if (!res.ok) { setMsg(res.message); return }
    Taro.showToast({ title: '已加入知识库', icon: 'success' })
    onDone()
  }
  return (
    <View className='consult-learn'>
      <View className='chips'>
        <View className={cx('chip', mode === 'newFaq' && 'chip--active')} onClick={() => setMode('newFaq')}>新增为问答</View>
        <View className={cx('chip', mode === 'similar' && 'chip--active')} onClick={() => setMode('similar')}>作为已有问答的相似问法</View>
      </View>
      {mode === 'newFaq' ? (
        <>
          <View className='field__label'>标准问题</View>
          <Input className='field__input consult-learn__question' value={question} maxlength={200} onInput={(e) => setQuestion(e.detail.value)} />
          <View className='field__label'>分类</View>
          <View className='chips'>
            {(categories.length ? categories : ['其他']).map((c) => (
              <View key={c} className={cx('chip', category === c && 'chip--active')} onClick={() => setCategory(c)}>{c}</View>
            ))}
          </View>
          <View className='field__label'>答案（默认为您的答复；含群众个人信息的，请改写为通用答案）</View>
          <Textarea className='field__textarea consult-learn__answer' value={answer} maxlength={2000} onInput={(e) => setAnswer(e.detail.value)} />
          <View className='btn btn--primary btn--block consult-learn__save' onClick={() => save({ questionId: item.id, mode: 'newFaq', category, question: question.trim() || undefined, ...rewritten(answer, item.reply) })}>保存为新问答</View>
        </>
      ) : (
        <>
          <Input className='field__input' placeholder='搜索已有问答' value={q} onInput={(e) => setQ(e.detail.value)} />
          {faqs.map((f) => (
            <View key={f.id} className='row consult-learn__faq' hoverClass='row--pressed' onClick={() => save({ questionId: item.id, mode: 'similar', faqId: f.id })}>
              <View className='row__main'><Text className='row__title'>{f.question}</Text><View className='row__desc'>{f.category} · {f.id}</View></View>
              <Text className='row__extra link'>加为相似问法</Text>
            </View>
          ))}
        </>
      )}
      {msg && <View className='consult-error'>{msg}</View>}
    </View>
  )
}

function Item({ item, canLearn, onChanged }: { item: InboxItem; canLearn: boolean; onChanged: () => void }) {
  const [text, setText] = useState('')
  const replyCall = useCloudMutation('consult', 'reply')
  const busy = replyCall.busy
  const [warning, setWarning] = useState(item.warning ?? '')
  const [msg, setMsg] = useState('')
  const [learning, setLearning] = useState(false)
  const [original, setOriginal] = useState<string>()
  const revealCall = useCloudMutation('consult', 'revealQuestion')
  const reveal = async () => {
    const res = await revealCall.run({ questionId: item.id }, {
      confirm: async () => (await Taro.showModal({ title: '查看原文', content: '原文含身份证号或手机号，查看将被记录。确定查看？' })).confirm,
    })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    setOriginal(res.data.question)
  }
  const send = async () => {
    if (!text.trim()) return
    const res = await replyCall.run({ questionId: item.id, text })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    if (res.data.warning) setWarning(res.data.warning)
    else Taro.showToast({ title: '已答复', icon: 'success' })
    onChanged()
  }
  return (
    <View className={cx('section', 'consult-item', `consult-item--${item.status}`)}>
      <View className='consult-item__meta'>
        <Text className='badge'>{CHANNELS[item.channel]}</Text>
        {item.reason && HANDOFF_REASONS[item.reason] && <Text className='badge'>{HANDOFF_REASONS[item.reason]}</Text>}
        {item.flagged && <Text className='badge badge--accent'>内容待复核</Text>}
        {item.learnedAs && <Text className='badge consult-item__learned'>已加入知识库</Text>}
        <Text className='muted'>{item.maskedOpenid} · {shanghaiDateTime(item.at)}</Text>
      </View>
      <View className='consult-item__question'>{original ?? item.question}</View>
      {item.personal && original === undefined && <View className='link consult-item__reveal' onClick={reveal}>含身份证号或手机号，已隐藏 · 查看原文（将记录）</View>}
      {item.context && <HandoffContextView context={item.context} />}
      {warning && <View className='consult-warning'>{warning}</View>}
      {item.status === 'open' ? (
        <>
          <Textarea className='field__textarea consult-reply' value={text} maxlength={2000} placeholder='输入答复，群众会在咨询对话中看到' onInput={(e) => setText(e.detail.value)} />
          <View className={cx('btn', 'btn--primary', 'btn--block', 'consult-reply__send', (busy || !text.trim()) && 'btn--disabled')} onClick={send}>发送答复</View>
        </>
      ) : (
        <>
          <View className='consult-item__reply'>答复（{item.answeredByName ?? '工作人员'}）：{item.reply}</View>
          {item.learnedAs ? <View className='muted'>学习为：{item.learnedAs}</View>
            : canLearn && (learning ? <Learn item={item} onDone={() => { setLearning(false); onChanged() }} />
              : <View className='btn btn--block consult-item__learn' onClick={() => setLearning(true)}>加入知识库（学习）</View>)}
        </>
      )}
      {msg && <View className='consult-error'>{msg}</View>}
    </View>
  )
}

function Inbox({ canLearn }: { canLearn: boolean }) {
  const [status, setStatus] = useState<'open' | 'answered'>('open')
  const q = useCloudQuery('consult', 'inbox', { status })
  useReloadOnReturn(q.reload)
  const list = q.data ?? []
  return (
    <>
      <View className='section chips'>
        <View className={cx('chip', status === 'open' && 'chip--active')} onClick={() => setStatus('open')}>待答复</View>
        <View className={cx('chip', status === 'answered' && 'chip--active')} onClick={() => setStatus('answered')}>已答复</View>
        <View className='chip' onClick={q.reload}>刷新</View>
      </View>
      <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload} isEmpty={list.length === 0} empty={<View className='section muted'>{status === 'open' ? '暂无待答复的提问' : '暂无已答复的提问'}</View>}>
        {list.map((i) => <Item key={`${i.id}-${i.status}`} item={i} canLearn={canLearn} onChanged={q.reload} />)}
      </LoadState>
    </>
  )
}

export default function ConsultInboxPage() {
  return (
    <PageShell className='consult-inbox'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'consult')
        ? <Inbox canLearn={hasGrant(me, 'knowledge')} />
        : <View className='section'>该功能仅限具有咨询坐席权限的工作人员使用。</View>)}</RoleGate>
    </PageShell>
  )
}
