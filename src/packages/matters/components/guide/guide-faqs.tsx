import { View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { Collapsible } from '@/components/collapsible'
import { GuideSection } from './guide-section'

export function GuideFaqs({ matter }: { matter: Matter }) {
  return (
    <GuideSection name='guide-faqs' title='常见问题'>
      {matter.faqs.length === 0 ? (
        <View className='muted'>暂无常见问题，可拨打上方咨询电话</View>
      ) : (
        matter.faqs.map((f, i) => (
          <Collapsible key={i} className='guide-faq' title={`问：${f.question}`}>
            答：{f.answer}
          </Collapsible>
        ))
      )}
    </GuideSection>
  )
}
