import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConsultAnswer, ConsultChatMessage } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { callCloud } from '@/services/cloud-client'
import { useLocalIdentity } from '@/hooks/use-local-identity'
import { cx } from '@/utils/class-names'
import { guideUrl } from '@/utils/routes'
import { askHuman } from '../../services/handoff'
import { RecordAction, RecordCards } from './record-cards'
import { MatterFactsCard } from './matter-facts'
import { MatterLinks } from './matter-links'
import { RateOfferCard } from './rate-offer-card'
import './index.scss'

export const MAX_CHARS = 2000
/** Staff replies show up while the page is open: history is polled this often. */
const POLL_MS = 5000

const go = (url: string) => Taro.navigateTo({ url })

function RichCard({ answer }: { answer: ConsultAnswer }) {
  const r = answer.reply
  if (!r || r.type === 'text') return null
  if (r.type === 'image') return <Image className='consult-card__image' src={r.url} mode='widthFix' />
  if (r.type === 'link') {
    return (
      <View className='consult-card' hoverClass='consult-card--pressed' onClick={() => {
        if (process.env.TARO_ENV === 'h5') window.open(r.url, '_blank')
        else Taro.setClipboardData({ data: r.url }).then(() => Taro.showToast({ title: '链接已复制，请在浏览器打开', icon: 'none' }))
      }}>
        <Text className='consult-card__kind'>链接</Text>
        <Text className='consult-card__title'>{r.title}</Text>
        <Text className='row__chevron'>›</Text>
      </View>
    )
  }
  const url = r.target === 'guide' ? guideUrl(r.matterId) : `/packages/affairs/pages/apply/index?matterId=${encodeURIComponent(r.matterId)}`
  return (
    <View className={cx('consult-card', `consult-card--${r.target}`)} hoverClass='consult-card--pressed' onClick={() => go(url)}>
      <Text className='consult-card__kind'>{r.target === 'guide' ? '办事指南' : '在线申办'}</Text>
      <Text className='consult-card__title'>{r.title}</Text>
      <Text className='row__chevron'>›</Text>
    </View>
  )
}

/**
 * The bot's text carries the city's facts as a last 【本市…】 line for text-only channels (客服消息,
 * 服务号); here the 本市 card shows them, so the line is left out of the bubble.
 */
const bubbleText = (m: ConsultChatMessage) => (m.answer?.matter ? m.text.replace(/\n【本市[^\n]*$/, '') : m.text)

function Bubble({ m, onAsk, onFeedback }: { m: ConsultChatMessage; onAsk: (q: string) => void; onFeedback: (id: string, helpful: boolean) => void }) {
  if (m.role === 'citizen') {
    return <View className='consult-msg consult-msg--citizen'><View className='consult-bubble consult-bubble--citizen'>{m.text}</View></View>
  }
  const staff = m.role === 'staff'
  return (
    <View className={cx('consult-msg', staff ? 'consult-msg--staff' : 'consult-msg--bot', m.type && `consult-msg--${m.type}`)}>
      <Text className='consult-msg__who'>{staff ? `工作人员${m.staffName ? ` ${m.staffName}` : ''}` : '智能客服'}</Text>
      <View className='consult-bubble'>
        <Text className='consult-bubble__text'>{bubbleText(m)}</Text>
        {m.answer && <RichCard answer={m.answer} />}
        {m.answer?.cards && <RecordCards cards={m.answer.cards} />}
        {m.answer?.action && <RecordAction action={m.answer.action} />}
        {m.answer?.matter && <MatterFactsCard facts={m.answer.matter} />}
        {m.rateOffer && <RateOfferCard offer={m.rateOffer} />}
        {m.type === 'suggestions' && m.suggestions && m.suggestions.length > 0 && (
          <View className='chips consult-suggestions'>
            {m.suggestions.map((s) => (
              <View key={s.id} className='chip consult-suggestion' hoverClass='chip--active' onClick={() => onAsk(s.question)}>{s.question}</View>
            ))}
          </View>
        )}
        {m.type !== 'suggestions' && m.suggestions && m.suggestions.length > 0 && (
          <View className='consult-related'>
            <Text className='muted consult-related__title'>{m.type === 'answer' ? '您可能还想问' : '您也可以先看看'}</Text>
            <View className='chips'>
              {m.suggestions.map((s) => (
                <View key={s.id} className='chip consult-suggestion consult-related__chip' hoverClass='chip--active' onClick={() => onAsk(s.question)}>{s.question}</View>
              ))}
            </View>
          </View>
        )}
        {/* After 您是不是想问's chips: the question's own entries first, then the catalogue's guide. */}
        {m.matters && m.matters.length > 0 && <MatterLinks links={m.matters} />}
        {m.type === 'answer' && (
          <View className='consult-feedback'>
            {m.helpful === undefined ? (
              <>
                <View className='btn consult-feedback__btn' onClick={() => onFeedback(m.id, true)}>有帮助</View>
                <View className='btn consult-feedback__btn' onClick={() => onFeedback(m.id, false)}>没帮助</View>
              </>
            ) : (
              <Text className='muted consult-feedback__done'>{m.helpful ? '感谢您的反馈：有帮助' : '感谢反馈，可点“转人工”请工作人员解答'}</Text>
            )}
          </View>
        )}
      </View>
    </View>
  )
}

export default function Chat() {
  const [identity] = useLocalIdentity()
  const [messages, setMessages] = useState<ConsultChatMessage[]>([])
  const [conversationId, setConversationId] = useState<string>()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')
  const [loaded, setLoaded] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval>>()
  const convRef = useRef<string>()
  convRef.current = conversationId

  const refresh = useCallback(async () => {
    const res = await callCloud('consult', 'history', convRef.current ? { conversationId: convRef.current } : {})
    setLoaded(true)
    if (!res.ok) return
    if (res.data.conversationId) setConversationId(res.data.conversationId)
    setMessages(res.data.messages)
  }, [])

  // A different (local preview) identity has a different conversation.
  useEffect(() => { convRef.current = undefined; setConversationId(undefined); setMessages([]); refresh() }, [identity, refresh])

  const startPolling = useCallback(() => {
    if (timer.current) clearInterval(timer.current)
    timer.current = setInterval(refresh, POLL_MS)
  }, [refresh])
  const stopPolling = useCallback(() => { if (timer.current) clearInterval(timer.current); timer.current = undefined }, [])
  useDidShow(() => { refresh(); startPolling() })
  useDidHide(stopPolling)
  useEffect(() => { startPolling(); return stopPolling }, [startPolling, stopPolling])

  // A new message or notice is at the list's end: bring it into view above the composer.
  useEffect(() => {
    if (messages.length || notice) Taro.pageScrollTo({ scrollTop: 99999, duration: 0 }).catch(() => undefined)
  }, [messages.length, notice])

  const send = async (question: string, handoff = false) => {
    if (busy) return
    setBusy(true)
    setNotice('')
    const res = await callCloud('consult', 'ask', { text: question, ...(convRef.current ? { conversationId: convRef.current } : {}), ...(handoff ? { handoff: true } : {}) })
    setBusy(false)
    if (!res.ok) { setNotice(res.message); return }
    if (!res.data.messageId) { setNotice(res.data.message); return }
    setText('')
    setConversationId(res.data.conversationId)
    convRef.current = res.data.conversationId
    await refresh()
  }

  // A reply that was only a number (回复序号) stands for the question it picked: that is what a person gets.
  const lastAsked = [...messages].reverse().find((m) => m.role === 'citizen')
  const lastQuestion = lastAsked?.picked?.question ?? lastAsked?.text

  const toHuman = () => {
    const q = text.trim() || lastQuestion
    if (!q) { setNotice('请先在下方输入您的问题，再点“转人工”'); return }
    // Subscription consent must be asked from the tap itself (WeChat rule).
    askHuman()
    send(q, true)
  }

  const onFeedback = async (id: string, helpful: boolean) => {
    const res = await callCloud('consult', 'feedback', { messageId: id, helpful })
    if (!res.ok) { Taro.showToast({ title: res.message, icon: 'none' }); return }
    setMessages((ms) => ms.map((m) => (m.id === id ? { ...m, helpful } : m)))
  }

  return (
    <PageShell className='consult'>
      <View className='section consult-intro'>
        <Text className='section__title'>智能咨询</Text>
        <View className='muted'>直接说您要办的事，例如“社保卡丢了咋办”。答不上来的问题可点“转人工”，工作人员会在这里回复您。</View>
      </View>
      <View className='consult-list'>
        {loaded && messages.length === 0 && <View className='muted consult-empty'>还没有咨询记录，请在下方输入问题</View>}
        {messages.map((m) => <Bubble key={m.id} m={m} onAsk={(q) => send(q)} onFeedback={onFeedback} />)}
        {notice && <View className='consult-notice'>{notice}</View>}
      </View>
      <View className='consult-composer'>
        <Textarea
          className='consult-input'
          value={text}
          maxlength={MAX_CHARS}
          autoHeight
          placeholder='请输入您的问题'
          onInput={(e) => setText(e.detail.value)}
        />
        <View className='consult-composer__bar'>
          <Text className={cx('muted', 'consult-count', text.length >= MAX_CHARS && 'consult-count--full')}>{text.length}/{MAX_CHARS}</Text>
          <View className='btn consult-human' onClick={toHuman}>转人工</View>
          <View className={cx('btn', 'btn--primary', 'consult-send', (busy || !text.trim()) && 'btn--disabled')} onClick={() => { if (text.trim()) send(text) }}>发送</View>
        </View>
      </View>
    </PageShell>
  )
}
