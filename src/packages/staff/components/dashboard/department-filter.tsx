import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { DepartmentOption } from '@core/api'
import { ChoiceChips } from '../chips'

/** Up to this many departments are offered as chips at once; more (admins: every department) fold away. */
const INLINE_MAX = 3

/** 全部部门 or one department. An admin's dozen departments stay folded so the figures come first. */
export function DepartmentFilter({ departments, value, onChange }: {
  departments: readonly DepartmentOption[]
  value: string
  onChange: (id: string) => void
}) {
  const [open, setOpen] = useState(false)
  const options = [{ value: '', label: '全部部门' }, ...departments.map((d) => ({ value: d.id, label: d.name }))]
  const choose = (id: string) => {
    setOpen(false)
    onChange(id)
  }
  if (departments.length <= INLINE_MAX || open) {
    return (
      <View className='dash-depts'>
        <ChoiceChips options={options} value={value} onChange={choose} />
      </View>
    )
  }
  const current = options.find((o) => o.value === value)?.label ?? '全部部门'
  return (
    <View className='dash-depts dash-depts--folded' onClick={() => setOpen(true)}>
      <Text className='muted'>部门：</Text>
      <Text className='dash-depts__current'>{current}</Text>
      <Text className='link dash-depts__change'>更改</Text>
    </View>
  )
}
