import { View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { GuideSection, Field } from './guide-section'

export function GuideConditions({ matter }: { matter: Matter }) {
  return (
    <GuideSection name='guide-conditions' title='受理条件'>
      {matter.acceptanceConditions.map((c, i) => (
        <View key={i} className='guide-numbered'>
          <View className='guide-numbered__no'>{i + 1}</View>
          <View className='guide-numbered__text'>{c}</View>
        </View>
      ))}
      <Field label='数量限制'>{matter.quantityLimit}</Field>
    </GuideSection>
  )
}
