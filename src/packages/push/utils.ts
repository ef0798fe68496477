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

/**
 * The link with `share=<token>`, a share's tracking parameter (not `from`: a pushed message's link
 * already uses `from=push`), replacing one the link already carries.
 */
export function withShareToken(link: string, token: string): string {
  const cleaned = link.replace(/([?&])share=[^&#]*(&?)/, (_m, lead: string, tail: string) => (tail ? lead : '')).replace(/[?&]$/, '')
  return `${cleaned}${cleaned.includes('?') ? '&' : '?'}share=${encodeURIComponent(token)}`
}
