import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ConsultAction, RecordCard } from '@core/api'

/** The personal assistant's answer: one card per application or booking of the caller's own. */
export function RecordCards({ cards }: { cards: RecordCard[] }) {
  return (
    <>
      {cards.map((c) => (
        <View key={`${c.kind}-${c.id}`} className='consult-record' hoverClass='consult-card--pressed' onClick={() => Taro.navigateTo({ url: c.link })}>
          <View className='consult-record__head'>
            <Text className='consult-card__kind'>{c.kind === 'booking' ? '我的预约' : '我的办件'}</Text>
            <Text className='consult-card__title'>{c.title}</Text>
            <Text className='badge'>{c.status}</Text>
          </View>
          <Text className='consult-record__line'>{`下一步：${c.nextStep}`}</Text>
          {c.clock && <Text className='consult-record__line'>{`办理时限 ${c.clock}`}</Text>}
          {c.due && <Text className='consult-record__line'>{c.kind === 'booking' ? `预约时间 ${c.due}` : `承诺办结 ${c.due}`}</Text>}
          <Text className='consult-record__line muted'>{`编号 ${c.no} · 查看详情 ›`}</Text>
        </View>
      ))}
    </>
  )
}

/** Where to go next when the assistant found nothing of the caller's (去预约 / 去办事). */
export function RecordAction({ action }: { action: ConsultAction }) {
  return <View className='btn btn--primary consult-action' onClick={() => Taro.navigateTo({ url: action.link })}>{action.label}</View>
}
