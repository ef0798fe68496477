export const PUSH_ROUTES = {
  inbox: '/packages/push/pages/inbox/index',
  settings: '/packages/push/pages/settings/index',
  notice: '/packages/push/pages/notice/index',
  compose: '/packages/staff/pages/compose/index',
  campaigns: '/packages/staff/pages/campaigns/index',
  campaign: '/packages/staff/pages/campaign/index',
  publishNotice: '/packages/staff/pages/notice-publish/index',
} as const

export const noticeUrl = (id: string) => `${PUSH_ROUTES.notice}?id=${encodeURIComponent(id)}`
export const campaignUrl = (id: string) => `${PUSH_ROUTES.campaign}?id=${encodeURIComponent(id)}`

/** Beijing time whatever the phone's zone (the one formatting helper). */
export { shanghaiDateTime as formatTime } from '@core/shanghai-time'
