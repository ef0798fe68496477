import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '@/theme/elder-mode'
import { cx } from '@/utils/class-names'

/**
 * Root of every page. 长辈版 is one class here: app.scss swaps every size/colour variable
 * under `.page-shell.elder`, so no component needs to know about elder mode.
 */
export function PageShell({ className, children }: { className?: string; children?: ReactNode }) {
  const { elder } = useElderMode()
  return <View className={cx('page-shell', elder && 'elder', className)}>{children}</View>
}
