import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { TemplateInfo } from '@core/push/api-types'
import { PageShell } from '@/components/page-shell'
import { useLocalIdentity } from '@/hooks/use-local-identity'
import { callCloud } from '@/services/cloud-client'
import { isLocalPreview } from '@/services/identity'
import { loadLocalInbox, type SinkRecord } from '@/services/local-inbox'
import { loadTemplates } from '@/services/subscribe'
import { formatTime } from '../../utils'
import '../../push.scss'

/** `pushId` from a message's page (the dispatcher's tracking parameter). */
function pushIdOf(page: string): string {
  const m = /[?&]pushId=([^&]+)/.exec(page)
  if (!m) return ''
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

/**
 * 微信消息 (local preview only): the subscription messages this identity "received in WeChat",
 * read from the local cloud's sink, shown as WeChat's 服务通知 shows them.
 */
export default function Inbox() {
  const [identity] = useLocalIdentity()
  const [items, setItems] = useState<SinkRecord[] | undefined>()
  const [templates, setTemplates] = useState<TemplateInfo[]>([])
  const [error, setError] = useState('')
  const load = useCallback(async () => {
    setError('')
    try {
      const [body, ts] = await Promise.all([loadLocalInbox(identity), loadTemplates()])
      setTemplates(ts ?? [])
      setItems(body.filter((r) => r.api === 'subscribeMessage.send').reverse())
    } catch {
      setError('读取消息失败，请稍后重试')
    }
  }, [identity])
  useEffect(() => {
    if (isLocalPreview) void load()
  }, [load])

  if (!isLocalPreview) {
    return <PageShell className='push-inbox'><View className='section muted'>微信消息仅在本地预览中显示；在微信中请查看“服务通知”。</View></PageShell>
  }
  const open = (r: SinkRecord) => {
    const page = r.payload.page ?? 'pages/index/index'
    const pushId = pushIdOf(page)
    if (pushId) void callCloud('push', 'open', { pushId })
    const url = `/${page.replace(/^\//, '')}`
    if (/^\/pages\/(index|mine)\/index/.test(url)) Taro.switchTab({ url: url.split('?')[0] })
    else Taro.navigateTo({ url })
  }
  return (
    <PageShell className='push-inbox'>
      <View className='section'>
        <View className='section__title'>微信消息 · 服务通知</View>
        <View className='muted'>本地预览：当前身份在微信中会收到的订阅消息。</View>
        <View className='btn push-inbox__reload' onClick={load}>刷新</View>
      </View>
      {error && <View className='section error-text'>{error}</View>}
      {items && items.length === 0 && <View className='section muted push-inbox__empty'>暂无消息</View>}
      {items?.map((r, i) => {
        const t = templates.find((x) => x.templateId === r.payload.templateId)
        const data = r.payload.data ?? {}
        return (
          <View key={`${r.at}-${i}`} className='push-inbox__item'>
            <View className='wx-msg__time'>{formatTime(r.at)}</View>
            <View className='wx-msg'>
              <Text className='wx-msg__title'>{t?.title ?? r.payload.templateId}</Text>
              {(t?.fields ?? Object.keys(data).map((key) => ({ key, label: key }))).filter((f) => data[f.key]).map((f) => (
                <View key={f.key} className='wx-msg__line'>
                  <Text className='wx-msg__label'>{f.label}</Text>
                  <Text className='wx-msg__value'>{data[f.key]?.value}</Text>
                </View>
              ))}
              <View className='wx-msg__open' onClick={() => open(r)}>
                <Text>进入小程序查看</Text>
                <Text>›</Text>
              </View>
            </View>
          </View>
        )
      })}
    </PageShell>
  )
}
