import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { validateForm, type FieldError, type FormValue } from '@core/matter/form'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useWhoAmI } from '@/hooks/use-whoami'
import { callCloud } from '@/services/cloud-client'
import { readParam } from '@/utils/routes'
import { FormFields } from '../../components/form-fields'
import { MaterialPicker, type AttachedFile } from '../../components/material-picker'
import { detailUrl, newRequestId } from '../../utils'
import '../../affairs.scss'

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

  useEffect(() => {
    if (!matterId) return
    callCloud('affairs', 'getDraft', { matterId }).then((res) => {
      if (res.ok && res.data) {
        setValues(res.data.form)
        setFiles(res.data.materials.map((m) => ({ ...m })))
        setDraftInfo('已恢复上次保存的草稿')
      }
    })
  }, [matterId])

  const set = (key: string, v: FormValue | undefined) => {
    setValues((old) => {
      const next = { ...old }
      if (v === undefined || v === '') delete next[key]
      else next[key] = v
      return next
    })
    setErrors((e) => e.filter((x) => x.key !== key))
  }

  const saveDraft = async () => {
    const res = await callCloud('affairs', 'saveDraft', { matterId, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })) })
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
    const res = await callCloud('affairs', 'submit', {
      matterId, requestId: requestId.current, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })),
    })
    setBusy(false)
    if (!res.ok) {
      setMessage(res.message)
      return
    }
    Taro.showToast({ title: '提交成功', icon: 'success' })
    // The detail page shows the success view with the subscription invitation (a tap is needed).
    Taro.redirectTo({ url: `${detailUrl(res.data.id)}&submitted=1` })
  }

  const openid = me.data?.openid ?? ''
  return (
    <PageShell className='affairs-apply'>
      <LoadState error={guide.error} hasData={!!matter} onRetry={guide.reload}>
        {matter && (
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
                  onChange={(list) => setFiles((all) => [...all.filter((f) => f.materialId !== m.id), ...list])} />
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
