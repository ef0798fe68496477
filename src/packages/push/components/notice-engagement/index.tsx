import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { NoticeView } from '@core/push/api-types'
import { callCloud } from '@/services/cloud-client'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { cx } from '@/utils/class-names'
import { noticeUrl, withShareToken } from '../../utils'

/** Share links exist only in WeChat; the browser preview copies a link that carries the same token. */
const CAN_SHARE = process.env.TARO_ENV === 'weapp'

/**
 * 阅读 / 点赞 / 分享 under a notice. The read is recorded once on open (with the share token the
 * link carried, so opens from a share count); the like toggles and shows the server's count.
 */
export function NoticeEngagement({ notice, from }: { notice: NoticeView; from: string }) {
  const [reads, setReads] = useState(notice.reads)
  const [like, setLike] = useState({ likes: notice.likes, liked: !!notice.liked })
  const toggle = useCloudMutation('push', 'noticeLike')
  const share = useCloudMutation('push', 'noticeShare')

  useEffect(() => {
    setLike({ likes: notice.likes, liked: !!notice.liked })
  }, [notice.likes, notice.liked])

  useEffect(() => {
    let live = true
    // A failed read record (not signed in, offline) must not disturb reading the notice.
    void callCloud('push', 'noticeRead', { id: notice.id, ...(from ? { from } : {}) }).then((r) => {
      if (live && r.ok) setReads(r.data.reads)
    })
    return () => { live = false }
  }, [notice.id, from])

  useShareAppMessage(() => {
    const plain = { title: notice.title, path: noticeUrl(notice.id) }
    // WeChat waits (up to 3 s) for this promise and shares its path; without it the plain path is shared.
    const promise = callCloud('push', 'noticeShare', { id: notice.id })
      .then((r) => (r.ok ? { title: notice.title, path: withShareToken(noticeUrl(notice.id), r.data.token) } : plain))
    return { ...plain, promise }
  })

  const onLike = async () => {
    const r = await toggle.run({ id: notice.id, like: !like.liked })
    if (!r) return
    if (r.ok) setLike(r.data)
    else void Taro.showToast({ title: r.message, icon: 'none' })
  }

  const copyLink = async () => {
    const r = await share.run({ id: notice.id })
    if (!r) return
    if (!r.ok) {
      void Taro.showToast({ title: r.message, icon: 'none' })
      return
    }
    const href = typeof window === 'undefined' ? noticeUrl(notice.id) : window.location.href
    await Taro.setClipboardData({ data: withShareToken(href, r.data.token) })
    void Taro.showToast({ title: '链接已复制', icon: 'none' })
  }

  return (
    <View className='notice-engagement'>
      <Text className='muted notice-engagement__reads'>阅读 {reads}</Text>
      <View
        className={cx('notice-engagement__like', like.liked && 'notice-engagement__like--on')}
        onClick={onLike}
        aria-label={like.liked ? '取消点赞' : '点赞'}
      >
        {like.liked ? '已赞' : '点赞'} {like.likes}
      </View>
      {CAN_SHARE
        ? <Text className='muted notice-engagement__shares'>分享 {notice.shares}（点右上角 ··· 转发）</Text>
        : <View className='notice-engagement__copy' onClick={copyLink}>复制链接</View>}
    </View>
  )
}
