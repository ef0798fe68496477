import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { identityLabel, isLocalPreview } from '@/services/identity'
import { useLocalIdentity } from '@/hooks/use-local-identity'
import { ROUTES } from '@/utils/routes'
import './index.scss'

/** A reminder that this is the offline preview and whom it impersonates; absent in WeChat. */
export function IdentityBanner() {
  const [identity] = useLocalIdentity()
  if (!isLocalPreview) return null
  return (
    <View className='identity-banner' onClick={() => Taro.switchTab({ url: ROUTES.mine })}>
      <Text className='identity-banner__text'>本地预览 · 当前身份：{identityLabel(identity)}</Text>
      <Text className='identity-banner__action link'>切换身份 ›</Text>
    </View>
  )
}
