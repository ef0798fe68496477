import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { issuerAmong, materialsToAsk } from '@core/affairs/bundle'
import { validateForm, type FieldError, type FormValue } from '@core/matter/form'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useWhoAmI } from '@/hooks/use-whoami'
import { callCloud } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'
import { readParam } from '@/utils/routes'
import { FormFields } from '../../components/form-fields'
import { MaterialPicker, type AttachedFile } from '../../components/material-picker'
import { AFFAIRS_ROUTES, newRequestId } from '../../utils'
import '../../affairs.scss'

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

/**
 * 一件事一次办: one combined form and one combined material list for a life event (each field and
 * each material asked once); submitting creates one application per chosen matter in one bundle.
 */
export default function Bundle() {
  const { params } = useRouter()
  const lifeEvent = readParam(params.lifeEvent)
  const def = useCloudQuery('affairs', 'bundleForm', { lifeEvent }, { enabled: !!lifeEvent })
  const me = useWhoAmI()
  const [skip, setSkip] = useState<string[]>([])
  const [values, setValues] = useState<Record<string, FormValue>>({})
  const [files, setFiles] = useState<AttachedFile[]>([])
  const [errors, setErrors] = useState<FieldError[]>([])
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const [draftInfo, setDraftInfo] = useState('')
  const requestId = useRef(newRequestId())
  const d = def.data
  const chosen = d ? d.matters.filter((m) => !skip.includes(m.id)) : []
  const chosenIds = chosen.map((m) => m.id)
  const fieldKeys = new Set(chosen.flatMap((m) => m.fieldKeys))
  // Each material once; none that a chosen matter of this bundle issues itself.
  const asked = d ? materialsToAsk(d, chosenIds) : []
  const materialIds = new Set(asked.map((m) => m.id))
  const issued = d ? d.materials.flatMap((m) => { const by = issuerAmong(m, chosenIds); return by ? [{ name: m.name, by: by.matterName }] : [] }) : []
  const fields = d ? d.fields.filter((f) => fieldKeys.has(f.key)) : []

  // A saved draft comes back: values, files and which matters were left out.
  useEffect(() => {
    if (!lifeEvent || !d) return
    callCloud('affairs', 'getDraft', { lifeEvent }).then((res) => {
      if (!res.ok || !res.data) return
      const kept = res.data.matterIds ?? []
      setValues(res.data.form)
      setFiles(res.data.materials.map((m) => ({ ...m })))
      if (kept.length) setSkip(d.matters.map((m) => m.id).filter((id) => !kept.includes(id)))
      setDraftInfo('已恢复上次保存的草稿')
    })
  }, [lifeEvent, d])

  const saveDraft = async () => {
    const res = await callCloud('affairs', 'saveDraft', {
      lifeEvent, matterIds: chosenIds, form: values, materials: files.map(({ materialId, fileID }) => ({ materialId, fileID })),
    })
    setDraftInfo(res.ok ? '草稿已保存，可稍后继续填写' : res.message)
  }

  const set = (key: string, v: FormValue | undefined) => {
    setValues((old) => { const n = { ...old }; if (v === undefined || v === '') delete n[key]; else n[key] = v; return n })
    setErrors((e) => e.filter((x) => x.key !== key))
  }

  const submit = async () => {
    if (!d || busy) return
    if (!chosen.length) { setMessage('请至少选择一个事项'); return }
    const form = Object.fromEntries(Object.entries(values).filter(([k]) => fieldKeys.has(k)))
    const check = validateForm({ fields }, form, today())
    setErrors(check.errors)
    if (check.errors.length) { setMessage(`请修改标红的${check.errors.length}处内容`); return }
    setBusy(true)
    setMessage('')
    const res = await callCloud('affairs', 'submitBundle', {
      lifeEvent, requestId: requestId.current, matterIds: chosen.map((m) => m.id), form,
      materials: files.filter((f) => materialIds.has(f.materialId)).map(({ materialId, fileID }) => ({ materialId, fileID })),
    })
    setBusy(false)
    if (!res.ok) { setMessage(res.message); return }
    Taro.showToast({ title: `已提交${res.data.applications.length}个事项`, icon: 'success' })
    Taro.redirectTo({ url: AFFAIRS_ROUTES.mine })
  }

  return (
    <PageShell className='affairs-bundle'>
      <LoadState error={def.error} hasData={!!d} onRetry={def.reload}>
        {d && (
          <>
            <View className='section'>
              <Text className='affairs-title'>{d.name}</Text>
              <View className='muted'>一次填写、一次提交，以下事项分别由各部门办理，可在“我的办件”中整体和分项查看进度。</View>
              <View className='chips bundle-matters'>
                {d.matters.map((m) => (
                  <View key={m.id} className={cx('chip', 'bundle-matter', !skip.includes(m.id) && 'chip--active')}
                    onClick={() => setSkip((s) => (s.includes(m.id) ? s.filter((x) => x !== m.id) : [...s, m.id]))}>
                    {m.name}（{m.departmentName}）
                  </View>
                ))}
              </View>
            </View>
            <View className='section'>
              <View className='section__title'>填写信息（共{fields.length}项，只需填写一次）</View>
              <FormFields fields={fields} values={values} errors={errors} onChange={set} />
            </View>
            <View className='section'>
              <View className='section__title'>上传材料（图片或PDF，单个不超过10MB）</View>
              {issued.map((m) => (
                <View key={m.name} className='muted bundle-issued'>{m.name}：由本次一并办理的“{m.by}”出具，无需上传</View>
              ))}
              {asked.map((m) => (
                <MaterialPicker key={m.id} materialId={m.id} name={m.name} necessity={m.necessity} openid={me.data?.openid ?? ''}
                  files={files.filter((f) => f.materialId === m.id)}
                  onChange={(list) => setFiles((all) => [...all.filter((f) => f.materialId !== m.id), ...list])} />
              ))}
            </View>
            {message && <View className='section error-text affairs-message'>{message}</View>}
            {draftInfo && <View className='section muted bundle-draft-info'>{draftInfo}</View>}
            <View className='section affairs-actions'>
              <View className='btn bundle-save-draft' onClick={saveDraft}>保存草稿</View>
              <View className='btn btn--primary bundle-submit' onClick={submit}>{busy ? '提交中…' : `一次提交${chosen.length}个事项`}</View>
            </View>
          </>
        )}
      </LoadState>
    </PageShell>
  )
}
