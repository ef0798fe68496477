import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Invitation, InvitationStatus } from '@core/api'
import { GRANT_LABELS, STAFF_GRANTS, type StaffGrant } from '@core/policy'
import { DEFAULT_EXPIRY_HOURS, STATUS_LABELS } from '@core/account/invitation'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { QrCode } from '@/components/qr-code'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { callCloud, type ClientFail } from '@/services/cloud-client'
import { useDepartments } from '@/utils/departments'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { InvitationGrantView, formatTime } from '../../components/invitation-grant'
import { ChoiceChips, splitCodes, ToggleChips } from '../../components/chips'
import { ROLE_OPTIONS } from '../../components/staff-form'
import './index.scss'

const EXPIRY_OPTIONS = [
  { value: 24, label: '1天' },
  { value: DEFAULT_EXPIRY_HOURS, label: '3天' },
  { value: 168, label: '7天' },
]

const STATUS_BADGE: Record<InvitationStatus, string> = {
  open: 'badge',
  used: 'badge badge--success',
  revoked: 'badge badge--accent',
  expired: 'badge badge--warning',
}

function CreateForm({ onCreated }: { onCreated: (inv: Invitation) => void }) {
  const depts = useDepartments()
  const [role, setRole] = useState<'staff' | 'admin'>('staff')
  const [departments, setDepartments] = useState<string[]>([])
  const [halls, setHalls] = useState('')
  const [grants, setGrants] = useState<StaffGrant[]>([])
  const [hours, setHours] = useState(DEFAULT_EXPIRY_HOURS)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ClientFail>()

  const submit = async () => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    const res = await callCloud('account', 'createInvitation', {
      role, departments, halls: splitCodes(halls), grants: role === 'staff' ? grants : [], expiresInHours: hours,
    })
    setBusy(false)
    if (res.ok) onCreated(res.data)
    else setError(res)
  }

  return (
    <View className='section invite-form'>
      <View className='section__title'>生成邀请码</View>
      <View className='field'>
        <Text className='field__label'>角色</Text>
        <ChoiceChips options={ROLE_OPTIONS} value={role} onChange={setRole} />
      </View>
      <View className='field'>
        <Text className='field__label'>所属部门（可多选）</Text>
        <ToggleChips options={depts.list.map((d) => ({ value: d.id, label: d.name }))} value={departments} onChange={setDepartments} />
      </View>
      <View className='field'>
        <Text className='field__label'>服务大厅（可不填，多个用逗号分隔）</Text>
        <Input className='field__input' value={halls} placeholder='大厅代码，如 city-hall' onInput={(e) => setHalls(e.detail.value)} />
      </View>
      {role === 'staff' && (
        <View className='field'>
          <Text className='field__label'>额外授权（可不选）</Text>
          <ToggleChips options={STAFF_GRANTS.map((g) => ({ value: g, label: GRANT_LABELS[g] }))} value={grants} onChange={setGrants} />
        </View>
      )}
      <View className='field'>
        <Text className='field__label'>有效期</Text>
        <ChoiceChips options={EXPIRY_OPTIONS} value={hours} onChange={setHours} />
      </View>
      {error && <View className='error-text invite-form__error'>{error.message}</View>}
      <View className={cx('btn btn--primary btn--block', busy && 'btn--disabled')} onClick={submit}>
        {busy ? '生成中…' : '生成邀请码'}
      </View>
    </View>
  )
}

function Created({ inv, deptNames, onDone }: { inv: Invitation; deptNames: (c: readonly string[]) => string; onDone: () => void }) {
  return (
    <View className='section invite-created'>
      <View className='section__title'>邀请码已生成</View>
      <View className='invite-created__code'><Text userSelect>{inv.code}</Text></View>
      <QrCode text={inv.path} label={`邀请码${inv.code}的二维码`} />
      <View className='muted invite-created__hint'>
        请对方在微信中打开本小程序，进入“我的 → 我有邀请码”，输入上面的邀请码或扫描二维码，核对后确认绑定。
        邀请码只能使用一次，{formatTime(inv.expiresAt)} 前有效。
      </View>
      <InvitationGrantView grant={inv} deptNames={deptNames} />
      <View className='invite-created__actions'>
        <View className='btn' onClick={() => Taro.setClipboardData({ data: inv.code })}>复制邀请码</View>
        <View className='btn btn--primary' onClick={onDone}>完成</View>
      </View>
    </View>
  )
}

function InvitationRow({ inv, deptNames, onChanged }: { inv: Invitation; deptNames: (c: readonly string[]) => string; onChanged: () => void }) {
  const revoke = async () => {
    const bound = inv.status === 'used'
    const { confirm } = await Taro.showModal({
      title: bound ? '停用该工作人员' : '撤销邀请码',
      content: bound ? `将撤销此邀请并停用${inv.boundName ?? ''}的工作人员身份，确定吗？` : '撤销后该邀请码不能再使用，确定吗？',
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    const res = await callCloud('account', 'revokeInvitation', { code: inv.code })
    Taro.showToast({ title: res.ok ? (bound ? '已停用' : '已撤销') : res.message, icon: res.ok ? 'success' : 'none' })
    onChanged()
  }
  const canRevoke = inv.status === 'open' || (inv.status === 'used' && inv.boundActive)
  return (
    <View className='row invitation'>
      <View className='row__main'>
        <View className='invitation__head'>
          <Text className='row__title invitation__code'>{inv.code}</Text>
          <Text className={STATUS_BADGE[inv.status]}>{STATUS_LABELS[inv.status]}</Text>
        </View>
        <View className='row__desc'>{inv.role === 'admin' ? '管理员' : '工作人员'} · {inv.departments.length ? deptNames(inv.departments) : '全部部门'}</View>
        {inv.boundName ? (
          <View className='row__desc invitation__bound'>
            绑定人：{inv.boundName}（用户标识 {inv.boundOpenidMasked}）{inv.usedAt ? ` · ${formatTime(inv.usedAt)}` : ''}
            {inv.boundActive === false ? ' · 已停用' : ''}
          </View>
        ) : (
          <View className='row__desc'>有效期至 {formatTime(inv.expiresAt)}</View>
        )}
      </View>
      {canRevoke && (
        <View className='btn btn--danger invitation__revoke' onClick={revoke}>{inv.status === 'used' ? '停用' : '撤销'}</View>
      )}
    </View>
  )
}

function InviteManager() {
  const list = useCloudQuery('account', 'listInvitations', {})
  const depts = useDepartments()
  const [created, setCreated] = useState<Invitation>()
  const items = list.data ?? []
  return (
    <>
      {created ? (
        <Created inv={created} deptNames={depts.names} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateForm onCreated={(inv) => { setCreated(inv); list.reload() }} />
      )}
      <View className='section'>
        <View className='section__title'>
          邀请记录
          <Text className='section__more'>{list.data ? `共${items.length}条` : ''}</Text>
        </View>
        <LoadState error={list.error} hasData={!!list.data} onRetry={list.reload} isEmpty={items.length === 0} empty={<Text className='muted'>还没有邀请记录</Text>}>
          {items.map((inv) => <InvitationRow key={inv.code} inv={inv} deptNames={depts.names} onChanged={list.reload} />)}
        </LoadState>
      </View>
    </>
  )
}

export default function InvitePage() {
  return (
    <PageShell className='invite'>
      <RoleGate min='admin'>{() => <InviteManager />}</RoleGate>
    </PageShell>
  )
}
