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

export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}
