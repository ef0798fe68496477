import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { SubscribeResult } from '@core/push/ledger'
import { answerDialog, onDialogRequest, type DialogRequest } from '@/services/subscribe'
import './index.scss'

/**
 * The H5 imitation of WeChat's subscription dialog: each template's title with a switch,
 * 允许 / 取消, and "总是保持以上选择，不再询问". Mounted once per page by PageShell (h5 only);
 * opened by `requestSubscribe`. On weapp WeChat shows its own dialog and this renders nothing.
 */
export function SubscribeDialog() {
  const [req, setReq] = useState<DialogRequest | null>(null)
  const [on, setOn] = useState<Record<string, boolean>>({})
  const [always, setAlways] = useState(false)
  useEffect(() => onDialogRequest((r) => {
    setReq(r)
    setAlways(false)
    setOn(Object.fromEntries((r?.templates ?? []).map((t) => [t.templateId, true])))
  }), [])
  if (!req) return null
  const answer = (allow: boolean) => {
    const results: Record<string, SubscribeResult> = {}
    for (const t of req.templates) results[t.templateId] = allow && on[t.templateId] ? 'accept' : 'reject'
    answerDialog({ results, always })
  }
  return (
    <View className='subscribe-dialog' role='dialog' aria-label='订阅消息'>
      <View className='subscribe-dialog__panel'>
        <View className='subscribe-dialog__head'>示例市智慧政务 申请</View>
        <View className='subscribe-dialog__lead'>发送以下消息</View>
        {req.templates.map((t) => (
          <View key={t.templateId} className='subscribe-dialog__item' onClick={() => setOn((o) => ({ ...o, [t.templateId]: !o[t.templateId] }))}>
            <Text className='subscribe-dialog__title'>{t.title}</Text>
            <Text className={`subscribe-dialog__switch${on[t.templateId] ? ' subscribe-dialog__switch--on' : ''}`}>{on[t.templateId] ? '开' : '关'}</Text>
          </View>
        ))}
        <View className='subscribe-dialog__always' onClick={() => setAlways((a) => !a)}>
          <Text className={`subscribe-dialog__box${always ? ' subscribe-dialog__box--on' : ''}`}>{always ? '✓' : ''}</Text>
          <Text>总是保持以上选择，不再询问</Text>
        </View>
        <View className='subscribe-dialog__actions'>
          <View className='subscribe-dialog__btn subscribe-dialog__cancel' onClick={() => answer(false)}>取消</View>
          <View className='subscribe-dialog__btn subscribe-dialog__allow' onClick={() => answer(true)}>允许</View>
        </View>
      </View>
    </View>
  )
}
