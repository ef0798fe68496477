import Taro, { useRouter } from '@tarojs/taro'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { ACTION_LABELS, type StaffAction } from '@core/affairs/model'
import type { ApplicationView } from '@core/api'
import type { FormValue } from '@core/matter/form'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { CaseTimeline } from '@/components/case-timeline'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud } from '@/services/cloud-client'
import { uploadToCloud, userUploadPath } from '@/services/cloud-storage'
import { cx } from '@/utils/class-names'
import { readParam } from '@/utils/routes'
import { StaffBillPanel } from '@/components/case-bill'
import { RoleGate } from '../../components/role-gate'
import { pausedClockText } from '../../../affairs/utils'
import '../../../affairs/affairs.scss'

const show = (v: FormValue) => (Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v))

function Actions({ app, openid, onDone }: { app: ApplicationView; openid: string; onDone: (v: ApplicationView) => void }) {
  const [action, setAction] = useState<StaffAction>()
  const [comment, setComment] = useState('')
  const [materials, setMaterials] = useState<string[]>([])
  const [fields, setFields] = useState<string[]>([])
  const [decision, setDecision] = useState<'准予' | '不予'>('准予')
  const [expressNo, setExpressNo] = useState('')
  const [resultFile, setResultFile] = useState<string>()
  const [message, setMessage] = useState('')
  const actions = app.allowedActions.filter((a): a is StaffAction => a !== 'supplement' && a !== 'withdraw' && a !== 'submit')
  if (!actions.length) return null
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])

  const uploadResult = async () => {
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      const name = ((res.tempFiles?.[0] as { originalFileObj?: { name?: string } } | undefined)?.originalFileObj?.name) ?? 'result.jpg'
      const up = await uploadToCloud(res.tempFilePaths[0], userUploadPath(openid, name))
      if (!up.ok) throw new Error(up.message)
      setResultFile(up.fileID)
    } catch (e) {
      if ((e as Error)?.message) Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  const go = async () => {
    if (!action) return
    const res = await callCloud('affairs', 'act', {
      id: app.id, action, ...(comment ? { comment } : {}),
      ...(action === 'requestSupplement' ? { materials, fields } : {}),
      ...(action === 'complete' ? { result: { decision, ...(expressNo ? { expressNo } : {}), ...(resultFile ? { fileID: resultFile } : {}) } } : {}),
    })
    if (res.ok) {
      setAction(undefined); setComment(''); setMessage('')
      // A charged 即办件 stops at 受理 (a fixed fee is billed then; a variable one waits for the items in
      // the 缴费 panel below): say so, or 办结 would seem to have failed silently.
      const waitsForFee = action === 'complete' && res.data.status === 'accepted'
      Taro.showToast(waitsForFee ? { title: '已受理：请在缴费栏开具或确认缴费单，缴费或减免后办结', icon: 'none' } : { title: '已办理', icon: 'success' })
      onDone(res.data)
    } else setMessage(res.message)
  }

  return (
    <View className='section case-actions'>
      <View className='section__title'>办理</View>
      <View className='chips'>
        {actions.map((a) => (
          <View key={a} className={cx('chip', `case-action--${a}`, action === a && 'chip--active')} onClick={() => setAction(a)}>
            {a === 'complete' && app.status === 'submitted' ? '受理并办结（即办件）' : ACTION_LABELS[a]}
          </View>
        ))}
      </View>
      {action && (
        <>
          {action === 'requestSupplement' && (
            <>
              <View className='muted'>选择需补正的材料：</View>
              <View className='chips'>
                {app.materialDefs.map((d) => <View key={d.id} className={cx('chip', materials.includes(d.id) && 'chip--active')} onClick={() => setMaterials(toggle(materials, d.id))}>{d.name}</View>)}
              </View>
              <View className='muted'>选择需补正的信息：</View>
              <View className='chips'>
                {app.formFields.map((f) => <View key={f.key} className={cx('chip', fields.includes(f.key) && 'chip--active')} onClick={() => setFields(toggle(fields, f.key))}>{f.label}</View>)}
              </View>
            </>
          )}
          {action === 'complete' && (
            <>
              <View className='chips'>
                {(['准予', '不予'] as const).map((d) => <View key={d} className={cx('chip', decision === d && 'chip--active')} onClick={() => setDecision(d)}>{d}</View>)}
              </View>
              <View className='field'>
                <Text className='field__label'>快递单号（邮寄结果时填写）</Text>
                <Input className='field__input case-express' value={expressNo} onInput={(e) => setExpressNo(e.detail.value)} placeholder='如 SF1234567890' />
              </View>
              <View className='btn' onClick={uploadResult}>{resultFile ? '已上传结果文书（重新上传）' : '上传结果文书'}</View>
            </>
          )}
          <Textarea className='affairs-comment case-comment' value={comment} onInput={(e) => setComment(e.detail.value)}
            placeholder={action === 'reject' || action === 'requestSupplement' || action === 'suspend' ? '请填写理由（必填）' : '办理意见（选填）'} />
          {message && <View className='error-text case-error'>{message}</View>}
          <View className='btn btn--primary btn--block case-confirm' onClick={go}>确认{ACTION_LABELS[action]}</View>
        </>
      )}
    </View>
  )
}

function Case({ openid }: { openid: string }) {
  const { params } = useRouter()
  const id = readParam(params.id)
  const q = useCloudQuery('affairs', 'get', { id }, { enabled: !!id })
  const [override, setOverride] = useState<ApplicationView>()
  const [revealed, setRevealed] = useState<Record<string, FormValue>>()
  const app = override ?? q.data
  const reveal = async () => {
    const res = await callCloud('affairs', 'reveal', { id })
    if (res.ok) setRevealed(res.data.form)
    else Taro.showToast({ title: res.message, icon: 'none' })
  }
  return (
    <LoadState error={q.error} hasData={!!app} onRetry={q.reload}>
      {app && (
        <>
          <View className='section'>
            <View className='affairs-head'><Text className='affairs-title'>{app.matterName}</Text><Text className='badge case-status'>{app.statusLabel}</Text></View>
            <View className='kv'><Text className='kv__key'>办件编号</Text><Text className='kv__value'>{app.no}</Text></View>
            {app.clockPaused && <View className='kv'><Text className='kv__key'>办理时限</Text><Text className='kv__value'>{pausedClockText(app.workdaysLeft)}</Text></View>}
            {app.dueDate && <View className='kv'><Text className='kv__key'>承诺办结</Text><Text className='kv__value'>{app.dueDate}（{app.clockPaused ? '暂停计时' : `剩余${app.workdaysLeft ?? 0}个工作日`}）</Text></View>}
            {app.statutoryDueDate && <View className='kv'><Text className='kv__key'>法定时限</Text><Text className='kv__value'>{app.statutoryDueDate}</Text></View>}
            {app.deadlineWarning && <View className='affairs-warning'>{app.deadlineWarning}</View>}
            <View className='affairs-next'>{app.nextStep}</View>
          </View>
          <View className='section'>
            <View className='section__title'>申请信息</View>
            {app.formFields.filter((f) => app.form[f.key] !== undefined).map((f) => (
              <View key={f.key} className='kv'><Text className='kv__key'>{f.label}</Text><Text className='kv__value'>{show(revealed?.[f.key] ?? app.form[f.key])}</Text></View>
            ))}
            {!revealed && <View className='btn case-reveal' onClick={reveal}>查看完整个人信息（将记录查看日志）</View>}
          </View>
          <View className='section'>
            <View className='section__title'>申请材料</View>
            <View className='affairs-thumbs'>
              {app.materials.map((m) => (
                <View key={`${m.materialId}:${m.fileID}`} className='affairs-thumb' onClick={() => m.mime !== 'application/pdf' && m.url ? Taro.previewImage({ urls: [m.url] }) : m.url && Taro.setClipboardData({ data: m.url })}>
                  {m.mime === 'application/pdf' ? <View className='affairs-thumb__pdf'>PDF</View> : <Image className='affairs-thumb__img' src={m.url ?? ''} mode='aspectFill' />}
                  <Text className='affairs-thumb__label'>{m.name}</Text>
                  {m.sha256 && <Text className='affairs-thumb__hash muted' aria-label={`SHA-256 ${m.sha256}`}>已封存 {m.sha256.slice(0, 8)}</Text>}
                </View>
              ))}
            </View>
            {app.deferredMaterials.length > 0 && <View className='muted'>容缺后补：{app.materialDefs.filter((d) => app.deferredMaterials.includes(d.id)).map((d) => d.name).join('、')}</View>}
          </View>
          <StaffBillPanel key={app.status} applicationId={app.id} matterId={app.matterId} billable={['accepted', 'suspended', 'supplement'].includes(app.status)} />
          <Actions app={app} openid={openid} onDone={setOverride} />
          <View className='section'>
            <View className='section__title'>办理记录</View>
            <CaseTimeline entries={app.timeline} materials={app.materialDefs} fields={app.formFields} />
          </View>
        </>
      )}
    </LoadState>
  )
}

export default function CasePage() {
  return (
    <PageShell className='staff-case'>
      <RoleGate min='staff'>{(me) => <Case openid={me.openid} />}</RoleGate>
    </PageShell>
  )
}
