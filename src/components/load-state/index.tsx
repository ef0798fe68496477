import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ClientFail } from '@/services/cloud-client'
import { ROUTES } from '@/utils/routes'
import './index.scss'

interface Props {
  error?: ClientFail
  /** Whether there is a result to show (possibly stale while a new one loads). */
  hasData: boolean
  onRetry?: () => void
  isEmpty?: boolean
  /** Shown when loaded but there is nothing to list. */
  empty?: ReactNode
  /** What to say for a malformed link instead of the validator's wording. */
  invalidMessage?: string
  children?: ReactNode
}

/** Failures that asking again cannot fix: the link is wrong or the thing is gone. */
const NOT_RETRYABLE = new Set<ClientFail['code']>(['NOT_FOUND', 'INVALID_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED'])

export const BAD_LINK_MESSAGE = '链接有误或已失效，请返回首页重新查找'

/**
 * Error / loading / empty / content, decided in one place. A bad link or a missing record gets
 * a calm not-found page with a way home and no 重试 (it would fail the same way); a network or
 * server failure gets 重试.
 */
export function LoadState({ error, hasData, onRetry, isEmpty, empty, invalidMessage, children }: Props) {
  if (error && !hasData) {
    if (NOT_RETRYABLE.has(error.code)) {
      const title = error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT' ? '没有找到相关内容' : '暂时无法访问'
      // Validator text names fields and formats; a citizen following a link needs none of it.
      const message = error.code === 'INVALID_INPUT' ? invalidMessage ?? BAD_LINK_MESSAGE : error.message
      return (
        <View className='load-state load-state--not-found'>
          <Text className='load-state__icon'>?</Text>
          <Text className='load-state__title load-state__title--calm'>{title}</Text>
          <Text className='load-state__message'>{message}</Text>
          <View className='btn btn--primary load-state__home' onClick={() => Taro.switchTab({ url: ROUTES.home })}>
            返回首页
          </View>
        </View>
      )
    }
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
