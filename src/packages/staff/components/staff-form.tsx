import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NamedCount, StaffMember } from '@core/api'
import { callCloud, type ClientFail } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'
import { ChoiceChips, splitCodes, ToggleChips } from './chips'
import { TextField } from './text-field'

export const ROLE_OPTIONS: { value: StaffMember['role']; label: string }[] = [
  { value: 'staff', label: '工作人员' },
  { value: 'admin', label: '管理员' },
]

const ACTIVE_OPTIONS = [
  { value: true, label: '在岗' },
  { value: false, label: '停用' },
]

export const EMPTY_STAFF: StaffMember = { openid: '', name: '', role: 'staff', departments: [], active: true }

/**
 * Add or edit one staff record. Known departments are offered as chips; codes the catalogue
 * does not list yet (a new bureau) can still be typed. The server validates everything again.
 */
export function StaffForm({ initial, isNew, departments, onSaved, onCancel }: {
  initial: StaffMember
  isNew: boolean
  departments: NamedCount[]
  onSaved: (saved: StaffMember) => void
  onCancel: () => void
}) {
  const known = new Set(departments.map((d) => d.id))
  const [draft, setDraft] = useState<StaffMember>(initial)
  const [extraCodes, setExtraCodes] = useState(initial.departments.filter((c) => !known.has(c)).join('，'))
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<ClientFail>()

  const patch = (p: Partial<StaffMember>) => setDraft((d) => ({ ...d, ...p }))

  const save = async () => {
    if (saving) return
    const chosen = draft.departments.filter((c) => known.has(c))
    const member: StaffMember = { ...draft, openid: draft.openid.trim(), name: draft.name.trim(), departments: [...new Set([...chosen, ...splitCodes(extraCodes)])] }
    setSaving(true)
    setError(undefined)
    const res = await callCloud('account', 'setStaff', member)
    setSaving(false)
    if (res.ok) onSaved(res.data)
    else setError(res)
  }

  return (
    <View className='section staff-form'>
      <View className='section__title'>{isNew ? '添加工作人员' : `编辑：${initial.name}`}</View>
      <View className='field'>
        <Text className='field__label'>微信用户标识</Text>
        {isNew ? (
          <Input className='field__input' value={draft.openid} placeholder='建议改用邀请码，无需填写用户标识' onInput={(e) => patch({ openid: e.detail.value })} />
        ) : (
          <Text className='staff-form__openid' userSelect>{draft.openid}</Text>
        )}
      </View>
      <TextField label='姓名' value={draft.name} maxlength={20} placeholder='真实姓名' onInput={(name) => patch({ name })} />
      <View className='field'>
        <Text className='field__label'>角色</Text>
        <ChoiceChips options={ROLE_OPTIONS} value={draft.role} onChange={(role) => patch({ role })} />
      </View>
      <View className='field'>
        <Text className='field__label'>所属部门（可多选）</Text>
        <ToggleChips options={departments.map((d) => ({ value: d.id, label: d.name }))} value={draft.departments} onChange={(ds) => patch({ departments: ds })} />
        <Input className='field__input' value={extraCodes} placeholder='目录中没有的部门：填写部门代码，用逗号分隔' onInput={(e) => setExtraCodes(e.detail.value)} />
      </View>
      <View className='field'>
        <Text className='field__label'>状态</Text>
        <ChoiceChips options={ACTIVE_OPTIONS} value={draft.active} onChange={(active) => patch({ active })} />
      </View>
      {error && <View className='error-text staff-form__error'>{error.message}</View>}
      <View className='staff-form__actions'>
        <View className='btn' onClick={onCancel}>取消</View>
        <View className={cx('btn btn--primary', saving && 'btn--disabled')} onClick={save}>
          {saving ? '保存中…' : '保存'}
        </View>
      </View>
    </View>
  )
}
