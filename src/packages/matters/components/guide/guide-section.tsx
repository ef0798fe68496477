import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A titled card whose id and class name match (e.g. `guide-materials`) for jump links and tests. */
export function GuideSection({ name, title, extra, children }: {
  name: string
  title: string
  extra?: ReactNode
  children?: ReactNode
}) {
  return (
    <View id={name} className={`section guide-section ${name}`}>
      <View className='section__title'>
        {title}
        {extra}
      </View>
      {children}
    </View>
  )
}

/** A label/value line; both halves are real text so screen readers and tests see them. */
export function Field({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <View className='kv'>
      <View className='kv__key'>{label}</View>
      <View className='kv__value'>{children}</View>
    </View>
  )
}
