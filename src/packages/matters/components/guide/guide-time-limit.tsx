import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { percent, workingDays } from '@/utils/matter-format'
import { GuideSection, Field } from './guide-section'

export function GuideTimeLimit({ matter }: { matter: Matter }) {
  const t = matter.timeLimit
  const instant = t.caseKind === '即办件'
  const saved = t.statutoryDays - t.promisedDays
  return (
    <GuideSection name='guide-time-limit' title='办理时限'>
      <Field label='办件类型'>{t.caseKind}</Field>
      <Field label='法定办结时限'>{workingDays(t.statutoryDays)}</Field>
      <Field label='承诺办结时限'>
        <Text className='guide-time-limit__promise'>{instant ? '即办件，材料齐全当场办结' : workingDays(t.promisedDays)}</Text>
      </Field>
      {saved > 0 && t.statutoryDays > 0 && (
        <View className='guide-time-limit__saved badge badge--success'>
          比法定时限缩短{saved}个工作日（压缩{percent(saved, t.statutoryDays)}）
        </View>
      )}
      {t.note && <View className='muted guide-time-limit__note'>{t.note}</View>}
      <View className='muted guide-time-limit__rule'>工作日不含法定节假日，自受理次日起计算；听证、检验检测、专家评审等时间不计入。</View>
    </GuideSection>
  )
}
