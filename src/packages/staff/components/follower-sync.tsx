import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { callCloud } from '@/services/cloud-client'
import { cx } from '@/utils/class-names'

/**
 * Admin-triggered full sync of the 服务号 follower list (/cgi-bin/user/get): followers who came
 * before the message handler ran, or whose unsubscribe was missed, are brought up to date.
 */
export function FollowerSync() {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; text: string }>()
  const run = async () => {
    if (busy) return
    setBusy(true)
    setResult(undefined)
    const res = await callCloud('push', 'syncFollowers', {})
    setBusy(false)
    setResult(res.ok
      ? { ok: true, text: `同步完成：服务号共 ${res.data.total} 位关注者，本次核对 ${res.data.synced} 位，${res.data.unfollowed} 位已取消关注。` }
      : { ok: false, text: res.message })
  }
  return (
    <View className='section follower-sync'>
      <View className='section__title'>服务号关注者</View>
      <View className='muted'>关注、取消关注由服务号消息实时记录；首次接入或怀疑有遗漏时，可从微信拉取完整名单核对。群发“服务号关注者”人群以此为准。</View>
      <View className={cx('btn btn--block follower-sync__run', busy && 'btn--disabled')} onClick={run}>{busy ? '同步中…' : '同步服务号关注者名单'}</View>
      {result && <Text className={result.ok ? 'follower-sync__ok' : 'error-text follower-sync__error'}>{result.text}</Text>}
    </View>
  )
}
