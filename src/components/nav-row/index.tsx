import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

interface Props {
  title: ReactNode
  desc?: ReactNode
  /** Shown before the chevron (a count, a status). */
  extra?: ReactNode
  extraClassName?: string
  /** Extra classes after `row` (tests and page styles select on them). */
  className?: string
  onClick: () => void
}

/** A tappable list row that leads somewhere: title, description, optional extra, chevron. Styles in app.scss (.row). */
export function NavRow({ title, desc, extra, extraClassName, className, onClick }: Props) {
  return (
    <View className={className ? `row ${className}` : 'row'} hoverClass='row--pressed' onClick={onClick}>
      <View className='row__main'>
        <Text className='row__title'>{title}</Text>
        {desc !== undefined && <View className='row__desc'>{desc}</View>}
      </View>
      {extra !== undefined && <Text className={extraClassName ? `row__extra ${extraClassName}` : 'row__extra'}>{extra}</Text>}
      <Text className='row__chevron'>›</Text>
    </View>
  )
}
