import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { TemplateKey } from '@core/push/templates'
import { requestSubscribe } from '@/services/subscribe'

/**
 * A success-moment invitation to subscribe: the tap opens WeChat's dialog (on h5 its
 * imitation). One-time subscriptions allow one message each, so citizens may tap again.
 */
export function SubscribePrompt({ keys, title, desc, className }: { keys: TemplateKey[]; title: string; desc?: string; className?: string }) {
  const [state, setState] = useState<{ text: string; done: boolean }>({ text: '', done: false })
  const [busy, setBusy] = useState(false)
  const tap = async () => {
    if (busy) return
    setBusy(true)
    const res = await requestSubscribe(keys)
    setBusy(false)
    if (!res.ok) setState({ text: res.message, done: false })
    else setState({ text: res.accepted ? `已订阅${res.accepted}类通知，办理有进展时将通过微信通知您` : '您未允许发送通知，可随时再次订阅', done: res.accepted > 0 })
  }
  return (
    <View className={`section subscribe-prompt ${className ?? ''}`}>
      {desc && <View className='muted'>{desc}</View>}
      <View className='btn btn--primary btn--block subscribe-prompt__btn' onClick={tap}>{busy ? '请稍候…' : state.done ? `再次${title}` : title}</View>
      {state.text && <Text className='subscribe-prompt__state muted'>{state.text}</Text>}
    </View>
  )
}
