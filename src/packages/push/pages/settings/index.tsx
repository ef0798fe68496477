import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { PushSettingsView, TemplateInfo } from '@core/push/api-types'
import type { Category } from '@core/push/templates'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import { loadTemplates, requestSubscribe } from '@/services/subscribe'
import '../../push.scss'

const LAST_LABEL = { reject: '上次未允许', ban: '已拒绝（需在微信设置中开启）', filter: '被微信过滤' } as const

/** 消息订阅: per category on/off (emergencies on by default), and the ledger per template. */
export default function PushSettings() {
  const q = useCloudQuery('push', 'settings', {})
  const [view, setView] = useState<PushSettingsView | undefined>()
  const [templates, setTemplates] = useState<TemplateInfo[]>([])
  const [message, setMessage] = useState('')
  useEffect(() => setView(q.data), [q.data])
  useEffect(() => {
    void loadTemplates().then((t) => setTemplates(t ?? []))
  }, [])

  const toggle = async (category: Category, on: boolean) => {
    if (category === 'emergency' && !on) {
      const { confirm } = await Taro.showModal({ title: '关闭突发事件提醒', content: '关闭后将收不到自然灾害、公共安全等紧急通知，确定关闭？' })
      if (!confirm) return
    }
    const res = await callCloud('push', 'setCategory', { category, on })
    if (res.ok) setView(res.data)
    else setMessage(res.message)
  }
  const subscribe = async (category: Category) => {
    const keys = templates.filter((t) => t.category === category).map((t) => t.key)
    const res = await requestSubscribe(keys)
    setMessage(res.ok ? `已记录：允许${res.accepted}项` : res.message)
    q.reload()
  }

  return (
    <PageShell className='push-settings'>
      <LoadState error={q.error} hasData={!!view} onRetry={q.reload}>
        {view && view.categories.map((c) => {
          const ofCat = templates.filter((t) => t.category === c.category)
          return (
            <View key={c.category} className={`section push-settings__cat push-settings__cat--${c.category}`}>
              <View className='push-ledger__row'>
                <Text className='section__title'>{c.label}</Text>
                <View className={`push-toggle${c.on ? ' push-toggle--on' : ''} push-settings__toggle`} onClick={() => toggle(c.category, !c.on)}>{c.on ? '接收' : '不接收'}</View>
              </View>
              {ofCat.map((t) => {
                const l = view.subscriptions.find((s) => s.templateId === t.templateId)
                return (
                  <View key={t.templateId} className='push-ledger__row push-settings__tmpl'>
                    <Text>{t.title}</Text>
                    <Text className='muted'>
                      {t.kind === 'long' ? (l?.long ? '长期订阅' : '未订阅') : `剩余${l?.quota ?? 0}次`}
                      {l?.last ? ` · ${LAST_LABEL[l.last.result]}` : ''}
                    </Text>
                  </View>
                )
              })}
              {ofCat.length > 0 && <View className='btn push-settings__subscribe' onClick={() => subscribe(c.category)}>订阅{c.label}</View>}
            </View>
          )
        })}
      </LoadState>
      {message && <View className='section muted push-settings__message'>{message}</View>}
      <View className='section muted'>一次性订阅每允许一次可收到一条通知；长期订阅可持续接收。关闭某类通知后不再向您发送该类消息。</View>
    </PageShell>
  )
}
