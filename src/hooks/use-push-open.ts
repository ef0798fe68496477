import { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { callCloud } from '@/services/cloud-client'
import { readParam } from '@/utils/routes'

const recorded = new Set<string>()

/**
 * A page opened from a subscription message carries `from=push&pushId=…` (the dispatcher adds
 * it); the open is recorded once (the push function also de-duplicates).
 */
export function usePushOpen(): void {
  const { params } = useRouter()
  const pushId = params.from === 'push' ? readParam(params.pushId) : ''
  useEffect(() => {
    if (!pushId || recorded.has(pushId)) return
    recorded.add(pushId)
    void callCloud('push', 'open', { pushId })
  }, [pushId])
}
