import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ContactPhoneProps } from './types'
import './index.scss'

/** h5 cannot run native components; Taro.makePhoneCall opens a tel: link in the browser. */
export function ContactPhone({ phone, label }: ContactPhoneProps) {
  return (
    <View className='contact-phone' hoverClass='contact-phone--pressed' onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
      <View className='contact-phone__text'>
        <Text className='contact-phone__label'>{label}</Text>
        <Text className='contact-phone__number'>{phone}</Text>
      </View>
      <Text className='contact-phone__action'>拨打</Text>
    </View>
  )
}
