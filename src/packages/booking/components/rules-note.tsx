import { View } from '@tarojs/components'
import { useCloudQuery } from '@/hooks/use-cloud-query'

/** Every limit in plain Chinese, straight from the rules the server enforces. */
export function RulesNote() {
  const rules = useCloudQuery('booking', 'rules', {})
  if (!rules.data) return null
  return (
    <View className='section booking-rules'>
      <View className='section__title'>预约须知</View>
      {rules.data.texts.map((t, i) => (
        <View key={i} className='booking-rules__item'>
          {i + 1}. {t}
        </View>
      ))}
    </View>
  )
}
