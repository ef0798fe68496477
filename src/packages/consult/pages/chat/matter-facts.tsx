import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MatterFacts } from '@core/api'

/** The city's live facts of the matter an FAQ references, with its 办事指南 / 在线申办 / 预约 links. */
export function MatterFactsCard({ facts }: { facts: MatterFacts }) {
  const links: [string, string | undefined][] = [['办事指南', facts.links.guide], ['在线申办', facts.links.apply], ['预约', facts.links.book]]
  return (
    <View className='consult-record consult-facts'>
      <Text className='consult-card__title'>{`本市 · ${facts.name}`}</Text>
      <Text className='consult-record__line'>{`收费：${facts.fee}`}</Text>
      <Text className='consult-record__line'>{`承诺时限：${facts.promised}`}</Text>
      <Text className='consult-record__line'>{`地点：${facts.places.join('、')}`}</Text>
      <Text className='consult-record__line'>{`网上办理：${facts.onlineDepth}`}</Text>
      <View className='chips consult-facts__links'>
        {links.filter((l): l is [string, string] => !!l[1]).map(([label, url]) => (
          <View key={label} className='chip' hoverClass='chip--active' onClick={() => Taro.navigateTo({ url })}>{label}</View>
        ))}
      </View>
    </View>
  )
}
