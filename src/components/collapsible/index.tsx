import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { cx } from '@/utils/class-names'
import './index.scss'

/** A titled block that opens on tap; the state is written out (展开/收起), not just an arrow. */
export function Collapsible({ title, defaultOpen = false, className, children }: {
  title: ReactNode
  defaultOpen?: boolean
  className?: string
  children?: ReactNode
}) {
  const [open, setOpen] = useState(defaultOpen)
  return (
    <View className={cx('collapsible', open && 'collapsible--open', className)}>
      <View className='collapsible__head' onClick={() => setOpen(!open)}>
        <View className='collapsible__title'>{title}</View>
        <Text className='collapsible__toggle'>{open ? '收起 ▲' : '展开 ▼'}</Text>
      </View>
      {open && <View className='collapsible__body'>{children}</View>}
    </View>
  )
}
