import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Reload when the user comes back to a page (tab switch, navigateBack) but not on its first
 * show — the initial query is already in flight then.
 */
export function useReloadOnReturn(reload: () => void): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })
}
