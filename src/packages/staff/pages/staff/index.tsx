import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { StaffMember } from '@core/api'
import { maskOpenid } from '@core/mask'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useDepartments } from '@/utils/departments'
import { ROUTES } from '@/utils/routes'
import { ROLE_LABELS } from '@/hooks/use-whoami'
import { RoleGate } from '../../components/role-gate'
import { StaffForm } from '../../components/staff-form'
import './index.scss'

function StaffManager() {
  const staff = useCloudQuery('account', 'listStaff', {})
  // Department names for the chips and the list come from the catalogue.
  const depts = useDepartments()
  const departments = depts.list
  const deptName = depts.name
  const [editing, setEditing] = useState<{ member: StaffMember; isNew: boolean }>()

  const saved = (m: StaffMember) => {
    setEditing(undefined)
    Taro.showToast({ title: `已保存${m.name}`, icon: 'success' })
    staff.reload()
  }

  if (editing) {
    return (
      <StaffForm
        key={editing.member.openid || 'new'}
        initial={editing.member}
        isNew={editing.isNew}
        departments={departments}
        onSaved={saved}
        onCancel={() => setEditing(undefined)}
      />
    )
  }

  const list = staff.data ?? []
  return (
    <>
      <View className='staff__actions'>
        {/* New staff bind themselves with a one-time invitation: nobody types an openid. */}
        <View className='btn btn--primary btn--block' onClick={() => Taro.navigateTo({ url: ROUTES.staffInvite })}>
          ＋ 邀请工作人员（邀请码 / 二维码）
        </View>
      </View>
      <View className='section'>
        <View className='section__title'>
          工作人员
          <Text className='section__more'>{staff.data ? `共${list.length}人` : ''}</Text>
        </View>
        <LoadState error={staff.error} hasData={!!staff.data} onRetry={staff.reload} isEmpty={list.length === 0} empty={<Text className='muted'>还没有工作人员，点击上方按钮生成邀请码</Text>}>
          {list.map((m) => (
            <View key={m.openid} className='row' hoverClass='row--pressed' onClick={() => setEditing({ member: m, isNew: false })}>
              <View className='row__main'>
                <View className='staff__name'>
                  <Text className='row__title'>{m.name}</Text>
                  <Text className='badge'>{ROLE_LABELS[m.role]}</Text>
                  <Text className={m.active ? 'badge badge--success' : 'badge badge--accent'}>{m.active ? '在岗' : '已停用'}</Text>
                </View>
                <View className='row__desc'>{m.departments.length ? m.departments.map(deptName).join('、') : '未分配部门'}</View>
                <View className='row__desc staff__openid'>用户标识 {maskOpenid(m.openid)}</View>
              </View>
              <Text className='row__extra link'>编辑</Text>
            </View>
          ))}
        </LoadState>
      </View>
    </>
  )
}

export default function StaffPage() {
  return (
    <PageShell className='staff'>
      <RoleGate min='admin'>{() => <StaffManager />}</RoleGate>
    </PageShell>
  )
}
