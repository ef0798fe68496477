import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { guideUrl, readParam } from '@/utils/routes'
import { GuideView } from '../../components/guide/guide-view'
import { BookingEntry } from '../../components/booking-entry'
import { ApplyButton } from '../../components/guide/apply-button'
import { RatingSummary } from '@/components/rating-summary'

export default function Guide() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const guide = useCloudQuery('matters', 'get', { id }, { enabled: !!id })
  const matter = guide.data

  useEffect(() => {
    if (matter) Taro.setNavigationBarTitle({ title: matter.name })
  }, [matter])
  useShareAppMessage(() => ({ title: matter ? `${matter.name}办事指南` : '办事指南', path: guideUrl(id) }))

  const missingId = id ? undefined : ({ ok: false, code: 'INVALID_INPUT', message: '链接缺少事项编号，请从首页或搜索进入' } as const)
  return (
    <PageShell className='guide-page'>
      <LoadState error={missingId ?? guide.error} hasData={!!matter} onRetry={missingId ? undefined : guide.reload}
        invalidMessage={missingId ? missingId.message : '事项链接有误，请从首页或搜索进入'}
      >
        {matter && <><ApplyButton matter={matter} /><BookingEntry matter={matter} /><RatingSummary matterId={matter._id} /><GuideView matter={matter} /></>}
      </LoadState>
    </PageShell>
  )
}
