import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { identityLabel, isLocalPreview } from '@/services/identity'
import { useLocalIdentities, useLocalIdentity } from '@/hooks/use-local-identity'
import { cx } from '@/utils/class-names'
import './index.scss'

/** 切换身份 for the local preview: every query re-runs as the chosen person. The list comes from the gateway. */
export function IdentitySwitcher() {
  const [current, setIdentity] = useLocalIdentity()
  const [state, retry] = useLocalIdentities()
  if (!isLocalPreview) return null
  return (
    <View className='section identity-switcher'>
      <View className='section__title'>
        <Text>切换身份</Text>
        <Text className='badge badge--warning'>仅本地预览</Text>
      </View>
      {state.status === 'loading' && <View className='row'><Text className='row__desc'>正在加载可切换的身份…</Text></View>}
      {state.status === 'failed' && (
        <View className='row identity-switcher__failed' onClick={retry}>
          <View className='row__main'>
            <Text className='row__title'>当前身份：{identityLabel(current)}</Text>
            <View className='row__desc'>身份列表加载失败，请确认本地预览仍在运行</View>
          </View>
          <Text className='row__extra link'>重试</Text>
        </View>
      )}
      {state.status === 'ready' &&
        state.identities.map((item) => {
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
