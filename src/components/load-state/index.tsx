import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ClientFail } from '@/services/cloud-client'
import './index.scss'

interface Props {
  error?: ClientFail
  /** Whether there is a result to show (possibly stale while a new one loads). */
  hasData: boolean
  onRetry?: () => void
  isEmpty?: boolean
  /** Shown when loaded but there is nothing to list. */
  empty?: ReactNode
  children?: ReactNode
}

/** Error (with the server's Chinese message) / loading / empty / content, decided in one place. */
export function LoadState({ error, hasData, onRetry, isEmpty, empty, children }: Props) {
  if (error && !hasData) {
    return (
      <View className='load-state load-state--error'>
        <Text className='load-state__title'>加载失败</Text>
        <Text className='load-state__message'>{error.message}</Text>
        {onRetry && (
          <View className='btn btn--primary load-state__retry' onClick={onRetry}>
            重试
          </View>
        )}
      </View>
    )
  }
  if (!hasData) {
    return (
      <View className='load-state'>
        <Text className='load-state__message'>加载中…</Text>
      </View>
    )
  }
  if (isEmpty) return <View className='load-state'>{empty}</View>
  return <>{children}</>
}
