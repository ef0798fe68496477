import { Text, View } from '@tarojs/components'
import type { Indicator } from '@core/api'
import { groupByArea, indicatorFigure } from '../../utils/metrics-view'

/** Indicator cards grouped by area; tapping one opens its definition and the records behind it. */
export function IndicatorCards({ indicators, onOpen }: { indicators: readonly Indicator[]; onOpen: (ind: Indicator) => void }) {
  return (
    <>
      {groupByArea(indicators).map((g) => (
        <View key={g.area} className='section dash-area'>
          <View className='section__title'>{g.label}</View>
          <View className='dash-cards'>
            {g.items.map((ind) => {
              const f = indicatorFigure(ind)
              return (
                <View key={ind.key} className='dash-card' hoverClass='dash-card--pressed' onClick={() => onOpen(ind)}>
                  <Text className='dash-card__name'>{ind.name}</Text>
                  <Text className='dash-card__value'>{f.value}</Text>
                  {f.detail && <Text className='dash-card__detail'>{f.detail}</Text>}
                </View>
              )
            })}
          </View>
        </View>
      ))}
    </>
  )
}
