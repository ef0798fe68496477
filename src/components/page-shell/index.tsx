import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'
import { useElderMode } from '@/theme/elder-mode'
import { cx } from '@/utils/class-names'
import { ROUTES } from '@/utils/routes'
import { SubscribeDialog } from '@/components/subscribe-dialog'
import './index.scss'

/**
 * In WeChat the capsule's home button (shown on a page opened from a share or a code) and the
 * navigation bar's back arrow cover this; a browser has neither, so h5 pages get a visible bar.
 */
const SHOW_HOME_BAR = process.env.TARO_ENV === 'h5'

/**
 * Root of every page. 长辈版 is one class here: app.scss swaps every size/colour variable
 * under `.page-shell.elder`, so no component needs to know about elder mode. Non-tab pages
 * (everything but 首页 and 我的) show a 返回首页 bar on h5.
 */
export function PageShell({ className, tab, children }: { className?: string; tab?: boolean; children?: ReactNode }) {
  const { elder } = useElderMode()
  useEffect(() => {
    // The h5 tab bar sits outside the page; it follows 长辈版 through <html>.
    if (SHOW_HOME_BAR && typeof document !== 'undefined') document.documentElement.classList.toggle('smartgov-elder', elder)
  }, [elder])
  return (
    <View className={cx('page-shell', elder && 'elder', className)}>
      {SHOW_HOME_BAR && !tab && (
        <View className='home-bar'>
          <View className='home-bar__button' hoverClass='home-bar__button--pressed' onClick={() => Taro.switchTab({ url: ROUTES.home })}>
            <Text className='home-bar__icon'>⌂</Text>
            <Text>返回首页</Text>
          </View>
        </View>
      )}
      {children}
      {SHOW_HOME_BAR && <SubscribeDialog />}
    </View>
  )
}
