import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { workingDays } from '@/utils/matter-format'
import { GuideSection } from './guide-section'

/** 办理流程 as a numbered timeline; a step with no day count happens on the spot. */
export function GuideSteps({ matter }: { matter: Matter }) {
  return (
    <GuideSection name='guide-steps' title='办理流程'>
      {matter.steps.map((s, i) => (
        <View key={i} className='guide-step'>
          <View className='guide-step__no'>{i + 1}</View>
          <View className='guide-step__body'>
            <View className='guide-step__head'>
              <Text className='guide-step__name'>{s.name}</Text>
              <Text className='guide-step__days'>{s.days ? workingDays(s.days) : '当场'}</Text>
            </View>
            {s.description && <View className='guide-step__desc'>{s.description}</View>}
          </View>
        </View>
      ))}
    </GuideSection>
  )
}
