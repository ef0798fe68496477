import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

/**
 * Text with a 复制 action: addresses, form links and samples are copied rather than opened,
 * because the mini-program may not open arbitrary web links.
 */
export function CopyText({ text, what }: { text: string; what: string }) {
  return (
    <View className='copy-text'>
      <Text className='copy-text__value' userSelect>{text}</Text>
      <Text
        className='copy-text__action link'
        onClick={() => Taro.setClipboardData({ data: text, success: () => Taro.showToast({ title: `${what}已复制`, icon: 'none' }) })}
      >
        复制
      </Text>
    </View>
  )
}
