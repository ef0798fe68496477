import Taro from '@tarojs/taro'
import { persistedSetting } from '@/services/persisted-setting'
import { useSetting } from '@/hooks/use-setting'

/**
 * 长辈版. Until the user chooses, follow WeChat's own font setting: someone who already enlarged
 * text in WeChat (关怀模式 ≈ 23.8px, standard 17px) most likely wants the large UI here too.
 */
function systemPrefersLargeText(): boolean {
  try {
    // Typed loosely in Taro's d.ts; present on weapp, absent on h5.
    const info = Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined
    const size = info?.fontSizeSetting
    return typeof size === 'number' && size >= 20
  } catch {
    return false
  }
}

export const elderMode = persistedSetting<boolean>(
  'smartgov:elder-mode',
  (raw) => (typeof raw === 'boolean' ? raw : undefined),
  systemPrefersLargeText,
)

export function useElderMode() {
  const [elder, setElder] = useSetting(elderMode)
  return { elder, setElder, toggle: () => setElder(!elder) }
}
