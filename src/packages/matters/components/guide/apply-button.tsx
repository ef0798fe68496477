import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'

/** 在线申办 on a guide whose 网办深度 is Ⅲ or Ⅳ. */
export function ApplyButton({ matter }: { matter: Matter }) {
  if (matter.channels.onlineDepth < 3 || matter.status !== '在用') return null
  return (
    <View className='section'>
      <View className='btn btn--primary btn--block guide-apply' onClick={() => Taro.navigateTo({ url: `/packages/affairs/pages/apply/index?matterId=${encodeURIComponent(matter._id)}` })}>
        <Text>在线申办</Text>
      </View>
    </View>
  )
}
