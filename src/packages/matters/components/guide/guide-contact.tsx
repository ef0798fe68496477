import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { ContactPhone } from '@/components/contact-phone'
import { GuideSection, Field } from './guide-section'
import { CopyText } from './copy-text'

/** Where to go and whom to call; phones dial on tap (native component on weapp). */
export function GuideContact({ matter }: { matter: Matter }) {
  const c = matter.contact
  return (
    <GuideSection name='guide-contact' title='办理地点与咨询'>
      {c.locations.map((l, i) => (
        <View key={i} className='guide-location'>
          <Text className='guide-location__name'>{l.name}</Text>
          <Field label='地址'>
            <CopyText text={l.address} what='地址' />
          </Field>
          <Field label='办公时间'>{l.hours}</Field>
        </View>
      ))}
      <View className='guide-contact__phones'>
        <ContactPhone label='咨询电话' phone={c.consultPhone} />
        <ContactPhone label='投诉电话' phone={c.complaintPhone} />
      </View>
    </GuideSection>
  )
}
