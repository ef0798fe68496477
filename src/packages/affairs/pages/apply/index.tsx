import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { validateForm, type FieldError, type FormValue } from '@core/matter/form'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useWhoAmI } from '@/hooks/use-whoami'
import { callCloud } from '@/services/cloud-client'
import { guideUrl, readParam } from '@/utils/routes'
import { FormFields } from '../../components/form-fields'
import { MaterialPicker, type AttachedFile } from '../../components/material-picker'
import { guardLeave } from '../../components/leave-guard'
import { detailUrl, newRequestId } from '../../utils'
import '../../affairs.scss'

/** Quiet time after the last edit before the draft is saved by itself. */
const AUTOSAVE_MS = 1000
const LEAVE_MESSAGE = '填写的内容尚未保存，确定离开吗？'

const clock = () => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date())

/** Only 在用 matters of 网上办理深度 Ⅲ/Ⅳ can be applied for online (the server refuses the rest too). */
const applicableOnline = (m: { status: string; channels: { onlineDepth: number } }) => m.status === '在用' && m.channels.onlineDepth >= 3

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

export default function Apply() {
  const { params } = useRouter()
  const matterId = readParam(params.matterId)
  const guide = useCloudQuery('matters', 'get', { id: matterId }, { enabled: !!matterId })
  const me = useWhoAmI()
  const matter = guide.data
  const [values, setValues] = useState<Record<string, FormValue>>({})
  const [files, setFiles] = useState<AttachedFile[]>([])
  const [errors, setErrors] = useState<FieldError[]>([])
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const [draftInfo, setDraftInfo] = useState('')
  // One requestId per form session: a double tap or a retry can never create two applications.
  const requestId = useRef(newRequestId())
  // Edits not yet in the saved draft; `done` once submitted (the draft is gone, nothing to save).
  const [dirty, setDirty] = useState(false)
  const done = useRef(false)
  // Counts edits, so a save that finishes after a newer edit does not mark the form saved.
  const edits = useRef(0)
  const edited = () => {
    edits.current += 1
    setDirty(true)
  }
  const saveNow = async () => {
    const at = edits.current
    const res = await callCloud('affairs', 'saveDraft', latest.current())
    if (res.ok && at === edits.current) setDirty(false)
    return res
  }
  const online = !!matter && applicableOnline(matter)

  useEffect(() => {
    if (!matterId || !online) return
    callCloud('affairs', 'getDraft', { matterId }).then((res) => {
      if (res.ok && res.data) {
        setValues(res.data.form)
        setFiles(res.data.materials.map((m) => ({ materialId: m.materialId, fileID: m.fileID, preview: m.url })))
        setDraftInfo('已恢复上次保存的草稿')
      }
    })
  }, [matterId, online])

  const draftParams = () => ({ matterId, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })) })
  const latest = useRef(draftParams)
  latest.current = draftParams

  // Autosave: every edit is saved as the draft after a short pause; leaving before that asks first,
  // and leaving the page (back) saves what is still pending.
  useEffect(() => {
    guardLeave(dirty, LEAVE_MESSAGE)
    if (!dirty) return undefined
    const timer = setTimeout(async () => {
      if (done.current) return
      const res = await saveNow()
      if (!done.current) setDraftInfo(res.ok ? `已自动保存 ${clock()}` : res.message)
    }, AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [dirty, values, files])
  const dirtyRef = useRef(dirty)
  dirtyRef.current = dirty
  useEffect(() => () => {
    guardLeave(false, LEAVE_MESSAGE)
    if (dirtyRef.current && !done.current) void callCloud('affairs', 'saveDraft', latest.current())
  }, [])

  const set = (key: string, v: FormValue | undefined) => {
    edited()
    setValues((old) => {
      const next = { ...old }
      if (v === undefined || v === '') delete next[key]
      else next[key] = v
      return next
    })
    setErrors((e) => e.filter((x) => x.key !== key))
  }

  const saveDraft = async () => {
    const res = await saveNow()
    setDraftInfo(res.ok ? '草稿已保存，可稍后继续填写' : res.message)
  }

  const submit = async () => {
    if (!matter || busy) return
    const check = validateForm(matter.form, values, today())
    setErrors(check.errors)
    if (check.errors.length) {
      setMessage(`请修改标红的${check.errors.length}处内容`)
      return
    }
    setBusy(true)
    setMessage('')
    // No autosave while submitting: a draft written after the submit would outlive it.
    done.current = true
    const res = await callCloud('affairs', 'submit', {
      matterId, requestId: requestId.current, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })),
    })
    setBusy(false)
    if (!res.ok) {
      done.current = false
      setMessage(res.message)
      return
    }
    setDirty(false)
    Taro.showToast({ title: '提交成功', icon: 'success' })
    // The detail page shows the success view with the subscription invitation (a tap is needed).
    Taro.redirectTo({ url: `${detailUrl(res.data.id)}&submitted=1` })
  }

  const openid = me.data?.openid ?? ''
  return (
    <PageShell className='affairs-apply'>
      <LoadState error={guide.error} hasData={!!matter} onRetry={guide.reload}>
        {matter && !online && (
          <View className='section affairs-not-online'>
            <Text className='affairs-title'>{matter.name}</Text>
            <View className='affairs-message'>“{matter.name}”暂不支持在线申办，请按办事指南准备材料到窗口办理。</View>
            <View className='btn btn--primary' onClick={() => Taro.redirectTo({ url: guideUrl(matter._id) })}>查看办事指南</View>
          </View>
        )}
        {matter && online && (
          <>
            <View className='section'>
              <Text className='affairs-title'>{matter.name}</Text>
              <View className='muted'>{matter.department.name} · 承诺{matter.timeLimit.promisedDays === 0 ? '即办' : `${matter.timeLimit.promisedDays}个工作日办结`}</View>
              {draftInfo && <View className='muted affairs-draft-info'>{draftInfo}</View>}
            </View>
            <View className='section'>
              <View className='section__title'>填写信息</View>
              {matter.form.fields.length === 0 && <View className='muted'>本事项无需填写表单，上传材料即可。</View>}
              <FormFields fields={matter.form.fields} values={values} errors={errors} onChange={set} />
            </View>
            <View className='section'>
              <View className='section__title'>上传材料（图片或PDF，单个不超过10MB）</View>
              {matter.materials.map((m) => (
                <MaterialPicker key={m.id} materialId={m.id} name={m.name} necessity={m.necessity} openid={openid}
                  files={files.filter((f) => f.materialId === m.id)}
                  onChange={(list) => { edited(); setFiles((all) => [...all.filter((f) => f.materialId !== m.id), ...list]) }} />
              ))}
            </View>
            {message && <View className='section error-text affairs-message'>{message}</View>}
            <View className='section affairs-actions'>
              <View className='btn' onClick={saveDraft}>保存草稿</View>
              <View className='btn btn--primary affairs-submit' onClick={submit}>{busy ? '提交中…' : '提交申请'}</View>
            </View>
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
