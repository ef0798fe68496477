import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import type { Audience, TemplateInfo } from '@core/push/api-types'
import { CATEGORY_LABELS } from '@core/push/templates'
import { FIELD_HINTS } from '@core/push/fields'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { campaignUrl } from '../../../push/utils'
import '../../../push/push.scss'

type AudienceKind = 'templateSubscribers' | 'categorySubscribers' | 'oaFollowers' | 'matterApplicants'
const AUDIENCE_LABELS: Record<AudienceKind, string> = {
  templateSubscribers: '该模板的订阅用户', categorySubscribers: '该类别的订阅用户', matterApplicants: '某事项的申请人', oaFollowers: '公众号关注者',
}

function toIsoTime(v: string): string {
  // Staff type Beijing time; the function formats it in WeChat's style.
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(v.trim())
  return m ? `${m[1]}T${m[2]}:00+08:00` : v
}

function Compose() {
  const tq = useCloudQuery('push', 'templates', {})
  const notices = useCloudQuery('push', 'notices', { limit: 10 })
  const templates = tq.data ?? []
  const [key, setKey] = useState<string>('emergencyAlert')
  const t: TemplateInfo | undefined = templates.find((x) => x.key === key)
  const [data, setData] = useState<Record<string, string>>({})
  const [audienceKind, setAudienceKind] = useState<AudienceKind>('templateSubscribers')
  const [matterId, setMatterId] = useState('')
  const [noticeId, setNoticeId] = useState('')
  const [sendAt, setSendAt] = useState('')
  const [emergency, setEmergency] = useState(false)
  const [preview, setPreview] = useState<{ recipients: number; needsApproval: boolean; lines: { label: string; value: string }[]; title: string } | undefined>()
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useEffect(() => setEmergency(t?.category === 'emergency'), [t?.category])

  const audience: Audience | undefined = useMemo(() => {
    if (!t) return undefined
    if (audienceKind === 'templateSubscribers') return { type: 'templateSubscribers', templateId: t.templateId }
    if (audienceKind === 'categorySubscribers') return { type: 'categorySubscribers', category: t.category }
    if (audienceKind === 'matterApplicants') return { type: 'matterApplicants', matterId: matterId.trim() }
    return { type: 'oaFollowers' }
  }, [t, audienceKind, matterId])
  const page = noticeId ? `packages/push/pages/notice/index?id=${noticeId}` : 'pages/index/index'
  const payload = useMemo(() => {
    if (!t) return undefined
    const out: Record<string, string> = {}
    for (const f of t.fields) if (data[f.key]) out[f.key] = f.type === 'time' ? toIsoTime(data[f.key]) : data[f.key]
    return out
  }, [t, data])

  // Live validation and the exact recipient count, from the function itself.
  useEffect(() => {
    if (!t || !audience || !payload) return undefined
    const timer = setTimeout(async () => {
      const res = await callCloud('push', 'previewCampaign', { templateId: t.templateId, data: payload, page, audience })
      if (res.ok) {
        setPreview({ recipients: res.data.recipients, needsApproval: res.data.needsApproval, ...res.data.preview })
        setError('')
      } else {
        setPreview(undefined)
        setError(res.message)
      }
    }, 300)
    return () => clearTimeout(timer)
  }, [t, audience, payload, page])

  const submit = async () => {
    if (!t || !audience || !payload || busy) return
    setBusy(true)
    const res = await callCloud('push', 'createCampaign', {
      templateId: t.templateId, data: payload, page, audience, priority: emergency ? 'emergency' : 'normal',
      ...(sendAt ? { sendAt: toIsoTime(sendAt) } : {}), ...(noticeId ? { noticeId } : {}),
    })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    Taro.showToast({ title: res.data.status === 'pendingApproval' ? '已提交审核' : '已创建', icon: 'success' })
    Taro.redirectTo({ url: campaignUrl(res.data.id) })
  }

  return (
    <>
      <View className='section'>
        <View className='section__title'>消息模板</View>
        <View className='chips'>
          {templates.filter((x) => x.category === 'policy' || x.category === 'emergency').map((x) => (
            <View key={x.key} className={cx('chip', `compose-template--${x.key}`, x.key === key && 'chip--active')} onClick={() => { setKey(x.key); setData({}) }}>{x.title}</View>
          ))}
        </View>
        {t && <View className='muted'>{CATEGORY_LABELS[t.category]} · {t.kind === 'long' ? '长期订阅' : '一次性订阅'}</View>}
      </View>
      {t && (
        <View className='section'>
          <View className='section__title'>消息内容</View>
          {t.fields.map((f) => (
            <View key={f.key} className='compose-field'>
              <Text className='muted'>{f.label}（{FIELD_HINTS[f.type]}）</Text>
              <Input className={`input compose-field__input compose-field--${f.key}`} value={data[f.key] ?? ''} placeholder={f.label}
                onInput={(e) => setData((d) => ({ ...d, [f.key]: e.detail.value }))} />
            </View>
          ))}
        </View>
      )}
      <View className='section'>
        <View className='section__title'>跳转页面</View>
        <View className='chips'>
          <View className={cx('chip', !noticeId && 'chip--active')} onClick={() => setNoticeId('')}>首页</View>
          {(notices.data ?? []).map((n) => (
            <View key={n.id} className={cx('chip', noticeId === n.id && 'chip--active')} onClick={() => setNoticeId(n.id)}>公告：{n.title.slice(0, 10)}</View>
          ))}
        </View>
      </View>
      <View className='section'>
        <View className='section__title'>发送对象</View>
        <View className='chips'>
          {(Object.keys(AUDIENCE_LABELS) as AudienceKind[]).map((k) => (
            <View key={k} className={cx('chip', `compose-audience--${k}`, audienceKind === k && 'chip--active')} onClick={() => setAudienceKind(k)}>{AUDIENCE_LABELS[k]}</View>
          ))}
        </View>
        {audienceKind === 'matterApplicants' && <Input className='input' value={matterId} placeholder='事项实施编码' onInput={(e) => setMatterId(e.detail.value)} />}
        <View className='compose-recipients'>收件人数：<Text className='compose-recipients__n'>{preview ? preview.recipients : '—'}</Text>{preview?.needsApproval ? '（本次人数连同您24小时内未经审批的群发超过审核阈值，需另一位审核人批准）' : ''}</View>
      </View>
      <View className='section'>
        <View className='section__title'>发送设置</View>
        <View className='push-ledger__row'>
          <Text>紧急（优先于其他群发）</Text>
          <View className={cx('push-toggle', emergency && 'push-toggle--on', 'compose-emergency')} onClick={() => setEmergency((e) => !e)}>{emergency ? '紧急' : '普通'}</View>
        </View>
        <Text className='muted'>定时发送（留空为立即发送，北京时间，如 2025-07-01 08:00）</Text>
        <Input className='input compose-send-at' value={sendAt} placeholder='立即发送' onInput={(e) => setSendAt(e.detail.value)} />
      </View>
      {preview && (
        <View className='section'>
          <View className='section__title'>预览</View>
          <View className='wx-msg compose-preview'>
            <Text className='wx-msg__title'>{preview.title}</Text>
            {preview.lines.map((l) => (
              <View key={l.label} className='wx-msg__line'><Text className='wx-msg__label'>{l.label}</Text><Text>{l.value}</Text></View>
            ))}
          </View>
        </View>
      )}
      {error && <View className='section error-text compose-error'>{error}</View>}
      <View className='section'>
        <View className={cx('btn btn--primary btn--block compose-submit', (!preview || busy) && 'btn--disabled')} onClick={submit}>{busy ? '提交中…' : preview?.needsApproval ? '提交审核' : sendAt ? '定时发送' : '立即发送'}</View>
      </View>
    </>
  )
}

export default function ComposePage() {
  return (
    <PageShell className='staff-compose'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'push') ? <Compose /> : <View className='section'>您没有群发消息的权限（需“消息推送”授权）。</View>)}</RoleGate>
    </PageShell>
  )
}
