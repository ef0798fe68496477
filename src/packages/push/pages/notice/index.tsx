import { useRouter } from '@tarojs/taro'
import { Image, RichText, Text, View } from '@tarojs/components'
import { sanitizeRichText } from '@core/push/rich-text'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { usePushOpen } from '@/hooks/use-push-open'
import { readParam } from '@/utils/routes'
import { formatTime } from '../../utils'
import { NoticeEngagement } from '../../components/notice-engagement'
import '../../push.scss'

/** 通知公告 detail: title, rich text (sanitised again on display), images, 阅读/点赞/分享. */
export default function Notice() {
  const { params } = useRouter()
  const id = readParam(params.id)
  // The tracking token of the share this page was opened from, if any.
  const shareToken = readParam(params.share)
  usePushOpen()
  const q = useCloudQuery('push', 'notice', { id }, { enabled: !!id })
  const n = q.data
  return (
    <PageShell className='push-notice'>
      <LoadState error={q.error} hasData={!!n} onRetry={q.reload}>
        {n && (
          <View className='section'>
            <Text className='affairs-title push-notice__title'>{n.title}</Text>
            <View className='muted'>{n.publisher} · {formatTime(n.publishedAt)}</View>
            <RichText className='notice-body push-notice__body' nodes={sanitizeRichText(n.body)} />
            {n.images.map((src) => <Image key={src} className='notice-img' src={src} mode='widthFix' />)}
            <NoticeEngagement notice={n} from={shareToken} />
          </View>
        )}
      </LoadState>
    </PageShell>
  )
}
