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
      {/* A full-size tap target (≥ 44 px, ≥ 60 px in 长辈版), not a word-sized link. */}
      <View
        className='copy-text__action'
        hoverClass='copy-text__action--pressed'
        onClick={() => Taro.setClipboardData({ data: text, success: () => Taro.showToast({ title: `${what}已复制`, icon: 'none' }) })}
      >
        复制
      </View>
    </View>
  )
}
