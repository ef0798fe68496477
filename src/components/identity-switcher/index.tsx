import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LOCAL_IDENTITIES, isLocalPreview } from '@/services/identity'
import { useLocalIdentity } from '@/hooks/use-local-identity'
import { cx } from '@/utils/class-names'
import './index.scss'

/** 切换身份 for the local preview: every query re-runs as the chosen person. */
export function IdentitySwitcher() {
  const [current, setIdentity] = useLocalIdentity()
  if (!isLocalPreview) return null
  return (
    <View className='section identity-switcher'>
      <View className='section__title'>
        <Text>切换身份</Text>
        <Text className='badge badge--warning'>仅本地预览</Text>
      </View>
      {LOCAL_IDENTITIES.map((item) => {
        const active = item.openid === current
        return (
          <View
            key={item.openid}
            className={cx('row identity-switcher__item', active && 'identity-switcher__item--active')}
            onClick={() => {
              if (active) return
              setIdentity(item.openid)
              Taro.showToast({ title: `已切换为${item.label}`, icon: 'none' })
            }}
          >
            <View className='row__main'>
              <Text className='row__title'>{item.label}</Text>
              <View className='row__desc'>{item.description}</View>
            </View>
            <Text className={cx('row__extra', active && 'identity-switcher__current')}>{active ? '✓ 当前身份' : '切换'}</Text>
          </View>
        )
      })}
    </View>
  )
}
