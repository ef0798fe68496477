import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { RateOffer } from '@core/api'

/** Under a complaint's handoff notice: the citizen's own case still open for rating (好差评), one tap to rate it. */
export function RateOfferCard({ offer }: { offer: RateOffer }) {
  return (
    <View className='consult-record consult-rate-offer' hoverClass='consult-card--pressed' onClick={() => Taro.navigateTo({ url: offer.link })}>
      <View className='consult-record__head'>
        <Text className='consult-card__kind'>好差评</Text>
        <Text className='consult-card__title'>{offer.title}</Text>
      </View>
      <Text className='consult-record__line'>{offer.text}</Text>
      <Text className='consult-record__line muted'>去评价 ›</Text>
    </View>
  )
}
