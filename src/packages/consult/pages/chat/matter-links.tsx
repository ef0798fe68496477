import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ConsultMatterLink } from '@core/api'

/** 相关办事指南: catalogue matters that fit a question no FAQ answered; a tap opens the matter's 办事指南. */
export function MatterLinks({ links }: { links: ConsultMatterLink[] }) {
  return (
    <View className='consult-related consult-matter-links'>
      <Text className='muted consult-related__title'>相关办事指南</Text>
      {links.map((l) => (
        <View key={l.id} className='consult-card consult-card--guide' hoverClass='consult-card--pressed' onClick={() => Taro.navigateTo({ url: l.guideLink })}>
          <Text className='consult-card__kind'>办事指南</Text>
          <Text className='consult-card__title'>{l.name}</Text>
          <Text className='row__chevron'>›</Text>
        </View>
      ))}
    </View>
  )
}
