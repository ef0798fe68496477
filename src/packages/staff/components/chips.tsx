import { View } from '@tarojs/components'
import { cx } from '@/utils/class-names'

interface Option<T> {
  value: T
  label: string
}

/** One of several (○/● radio look): roles, status, expiry. */
export function ChoiceChips<T extends string | number | boolean>({ options, value, onChange }: {
  options: readonly Option<T>[]
  value: T
  onChange: (v: T) => void
}) {
  return (
    <View className='chips'>
      {options.map((o) => (
        <View key={String(o.value)} className={cx('chip', value === o.value && 'chip--active')} onClick={() => onChange(o.value)}>
          {value === o.value ? '● ' : '○ '}{o.label}
        </View>
      ))}
    </View>
  )
}

/** Any number of several (✓ when on): departments, grants. */
export function ToggleChips<T extends string>({ options, value, onChange }: {
  options: readonly Option<T>[]
  value: readonly T[]
  onChange: (v: T[]) => void
}) {
  return (
    <View className='chips'>
      {options.map((o) => {
        const on = value.includes(o.value)
        return (
          <View key={o.value} className={cx('chip', on && 'chip--active')} onClick={() => onChange(on ? value.filter((x) => x !== o.value) : [...value, o.value])}>
            {on ? '✓ ' : ''}{o.label}
          </View>
        )
      })}
    </View>
  )
}

/** Codes typed as a list: any of spaces, commas (both widths), 、 and semicolons separate them. */
export const splitCodes = (s: string) => s.split(/[\s,，、;；]+/).map((c) => c.trim()).filter(Boolean)
