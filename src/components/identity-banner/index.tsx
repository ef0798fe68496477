import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { identityLabel, isLocalPreview } from '@/services/identity'
import { useLocalIdentities, useLocalIdentity } from '@/hooks/use-local-identity'
import { ROUTES } from '@/utils/routes'
import './index.scss'

/** A reminder that this is the offline preview and whom it impersonates; absent in WeChat. */
export function IdentityBanner() {
  const [identity] = useLocalIdentity()
  const [state] = useLocalIdentities()
  if (!isLocalPreview) return null
  const list = state.status === 'ready' ? state.identities : undefined
  return (
    <View className='identity-banner' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>
      <Text className='identity-banner__text'>本地预览 · 当前身份：{identityLabel(identity, list)}</Text>
      <Text className='identity-banner__action link'>切换身份 ›</Text>
    </View>
  )
}
