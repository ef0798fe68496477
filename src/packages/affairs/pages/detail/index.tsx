import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { FieldError, FormValue } from '@core/matter/form'
import type { ApplicationView } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { CaseTimeline } from '@/components/case-timeline'
import { SubscribePrompt } from '@/components/subscribe-prompt'
import { CitizenBillCard, caseNextPay, openBillPage } from '@/components/case-bill'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { usePushOpen } from '@/hooks/use-push-open'
import { useWhoAmI } from '@/hooks/use-whoami'
import { callCloud } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'
import { readParam } from '@/utils/routes'
import { FormFields } from '../../components/form-fields'
import { MaterialPicker, type AttachedFile } from '../../components/material-picker'
import { daysLeftText, pausedClockText, STATUS_TONE } from '../../utils'
import { RateInvite } from '@/components/rate-invite'
import '../../affairs.scss'

function show(v: FormValue): string {
  return Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v)
}

function Supplement({ app, openid, onDone }: { app: ApplicationView; openid: string; onDone: () => void }) {
  const req = app.supplementRequest!
  const [values, setValues] = useState<Record<string, FormValue>>({})
  const [files, setFiles] = useState<AttachedFile[]>([])
  const [errors] = useState<FieldError[]>([])
  const [message, setMessage] = useState('')
  const fields = app.formFields.filter((f) => req.fields.includes(f.key))
  const send = async () => {
    const res = await callCloud('affairs', 'supplement', { id: app.id, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })) })
    if (res.ok) { Taro.showToast({ title: '已提交补正', icon: 'success' }); onDone() } else setMessage(res.message)
  }
  return (
    <View className='section affairs-supplement'>
      <View className='section__title'>补正材料</View>
      <View className='muted'>原因：{req.reason}</View>
      <FormFields fields={fields} values={values} errors={errors} onChange={(k, v) => setValues((o) => ({ ...o, [k]: v as FormValue }))} />
      {app.materialDefs.filter((d) => req.materials.includes(d.id)).map((d) => (
        <MaterialPicker key={d.id} materialId={d.id} name={d.name} necessity='必要' openid={openid}
          files={files.filter((f) => f.materialId === d.id)} onChange={(list) => setFiles((all) => [...all.filter((f) => f.materialId !== d.id), ...list])} />
      ))}
      {message && <View className='error-text'>{message}</View>}
      <View className='btn btn--primary btn--block affairs-supplement-submit' onClick={send}>提交补正</View>
    </View>
  )
}

export default function Detail() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const submitted = params.submitted === '1'
  usePushOpen()
  const q = useCloudQuery('affairs', 'get', { id }, { enabled: !!id })
  const me = useWhoAmI()
  const app = q.data
  const bill = useCloudQuery('pay', 'forCase', { applicationId: id }, { enabled: !!app && app.status !== 'submitted' }).data
  const payNext = app ? caseNextPay(app.status, bill) : null

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: '撤回申请', content: '撤回后需重新提交，确定撤回？' })
    if (!confirm) return
    const res = await callCloud('affairs', 'withdraw', { id })
    if (res.ok) q.reload()
    else Taro.showToast({ title: res.message, icon: 'none' })
  }

  return (
    <PageShell className='affairs-detail'>
      <LoadState error={q.error} hasData={!!app} onRetry={q.reload}>
        {app && (
          <>
            <View className='section'>
              <View className='affairs-head'>
                <Text className='affairs-title'>{app.matterName}</Text>
                <Text className={cx('badge', 'affairs-status', STATUS_TONE[app.status])}>{app.statusLabel}</Text>
              </View>
              <View className='kv'><Text className='kv__key'>办件编号</Text><Text className='kv__value'>{app.no}</Text></View>
              <View className='kv'><Text className='kv__key'>办理部门</Text><Text className='kv__value'>{app.departmentName}</Text></View>
              {app.clockPaused && <View className='kv'><Text className='kv__key'>办理时限</Text><Text className='kv__value affairs-due'>{pausedClockText(app.workdaysLeft)}</Text></View>}
              {app.dueDate && (
                <View className='kv'><Text className='kv__key'>承诺办结</Text><Text className='kv__value affairs-due'>{app.dueDate} {daysLeftText(app.workdaysLeft, app.clockPaused)}</Text></View>
              )}
              {payNext && bill ? (
                <View className='affairs-next affairs-next--pay'>下一步：{payNext} <Text className='link affairs-next__pay' onClick={() => openBillPage(bill.id)}>去缴费</Text></View>
              ) : <View className='affairs-next'>下一步：{app.nextStep}</View>}
            </View>
            {submitted && (
              <View className='section affairs-submitted'>
                <View className='section__title'>申请已提交</View>
                <View className='muted'>工作人员受理、要求补正或办结时，可通过微信服务通知告诉您。</View>
              </View>
            )}
            {(submitted || !['completed', 'rejected', 'withdrawn'].includes(app.status)) && (
              <SubscribePrompt keys={['caseProgress', 'caseSupplement', 'caseCompleted']} title='订阅办理进度通知'
                desc={submitted ? undefined : '订阅后，办件受理、补正、办结时通过微信通知您（每次订阅可收到一次通知）。'} />
            )}
            {app.status !== 'submitted' && <CitizenBillCard bill={bill} />}
            <RateInvite targetType='application' targetId={app.id} enabled={['completed', 'rejected'].includes(app.status)} />
            {app.status === 'supplement' && app.supplementRequest && me.data && <Supplement app={app} openid={me.data.openid} onDone={q.reload} />}
            {app.result && (
              <View className='section affairs-result'>
                <View className='section__title'>办理结果：{app.result.decision}</View>
                {app.result.expressNo && <View>快递单号：{app.result.expressNo}</View>}
                {(app.result as { url?: string }).url && <View className='link' onClick={() => Taro.setClipboardData({ data: (app.result as { url?: string }).url! })}>结果文书（点击复制下载链接）</View>}
              </View>
            )}
            <View className='section'>
              <View className='section__title'>办理进度</View>
              <CaseTimeline entries={app.timeline} materials={app.materialDefs} fields={app.formFields} />
            </View>
            <View className='section'>
              <View className='section__title'>申请信息</View>
              {app.formFields.filter((f) => app.form[f.key] !== undefined).map((f) => (
                <View key={f.key} className='kv'><Text className='kv__key'>{f.label}</Text><Text className='kv__value'>{show(app.form[f.key])}</Text></View>
              ))}
              <View className='affairs-thumbs'>
                {app.materials.map((m) => (
                  <View key={m.fileID} className='affairs-thumb'>
                    {m.mime === 'application/pdf' ? <View className='affairs-thumb__pdf'>PDF</View> : <Image className='affairs-thumb__img' src={m.url ?? ''} mode='aspectFill' />}
                    <Text className='affairs-thumb__label'>{m.name}</Text>
                  </View>
                ))}
              </View>
            </View>
            {app.allowedActions.includes('withdraw') && (
              <View className='section'><View className='btn btn--danger btn--block' onClick={withdraw}>撤回申请</View></View>
            )}
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
