import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { GuideSection, Field } from './guide-section'

export function GuideFees({ matter }: { matter: Matter }) {
  const f = matter.fees
  return (
    <GuideSection name='guide-fees' title='收费标准'>
      {!f.charged ? (
        <View className='guide-fees__free badge badge--success'>不收费</View>
      ) : (
        <>
          {f.items.map((item, i) => (
            <View key={i} className='guide-fee'>
              <Text className='guide-fee__name'>{item.name}</Text>
              <Field label='收费标准'>{item.standard}</Field>
              <Field label='收费依据'>{item.basis}</Field>
              <Field label='可否减免'>{item.reducible ? '可减免' : '不可减免'}</Field>
            </View>
          ))}
          <Field label='网上支付'>{f.onlinePayment ? '支持网上支付' : '不支持网上支付，请到窗口缴费'}</Field>
        </>
      )}
    </GuideSection>
  )
}
