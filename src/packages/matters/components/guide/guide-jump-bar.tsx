import Taro from '@tarojs/taro'
import { ScrollView, View } from '@tarojs/components'

const JUMP_TARGETS = [
  { label: '材料', target: 'guide-materials' },
  { label: '流程', target: 'guide-steps' },
  { label: '时限', target: 'guide-time-limit' },
  { label: '收费', target: 'guide-fees' },
  { label: '地点', target: 'guide-contact' },
  { label: '问答', target: 'guide-faqs' },
] as const

/** Quick-jump chips that stay on top; the guide is long and most people come for one part of it. */
export function GuideJumpBar() {
  return (
    <View className='guide-jump-bar'>
      <ScrollView className='guide-jump-bar__scroll' scrollX>
        {JUMP_TARGETS.map((j) => (
          <View
            key={j.target}
            className='chip guide-jump-bar__chip'
            // Land below the sticky bar instead of under it.
            onClick={() => Taro.pageScrollTo({ selector: `#${j.target}`, duration: 300, offsetTop: -80 })}
          >
            {j.label}
          </View>
        ))}
      </ScrollView>
    </View>
  )
}
