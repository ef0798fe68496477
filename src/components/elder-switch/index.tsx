import { Text, View } from '@tarojs/components'
import { useElderMode } from '@/theme/elder-mode'
import { cx } from '@/utils/class-names'
import './index.scss'

/** The prominent 长辈版 toggle. State is spelled out in words, not shown by colour alone. */
export function ElderSwitch({ compact }: { compact?: boolean }) {
  const { elder, toggle } = useElderMode()
  return (
    <View className={cx('elder-switch', compact && 'elder-switch--compact', elder && 'elder-switch--on')} onClick={toggle} hoverClass='elder-switch--pressed'>
      <View className='elder-switch__text'>
        <Text className='elder-switch__title'>长辈版</Text>
        {!compact && <Text className='elder-switch__desc'>大字体 · 高对比 · 大按钮，看得清、点得准</Text>}
      </View>
      <View className='elder-switch__toggle'>
        <Text className='elder-switch__state'>{elder ? '已开启' : '已关闭'}</Text>
        <Text className='elder-switch__action'>{elder ? '点击关闭' : '点击开启'}</Text>
      </View>
    </View>
  )
}
