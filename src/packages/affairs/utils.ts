import type { ApplicationStatus } from '@core/affairs/model'

export const AFFAIRS_ROUTES = {
  apply: '/packages/affairs/pages/apply/index',
  mine: '/packages/affairs/pages/mine/index',
  detail: '/packages/affairs/pages/detail/index',
  bundle: '/packages/affairs/pages/bundle/index',
  staffQueue: '/packages/staff/pages/queue/index',
  staffCase: '/packages/staff/pages/case/index',
} as const

export const applyUrl = (matterId: string) => `${AFFAIRS_ROUTES.apply}?matterId=${encodeURIComponent(matterId)}`
export const bundleUrl = (lifeEvent: string) => `${AFFAIRS_ROUTES.bundle}?lifeEvent=${encodeURIComponent(lifeEvent)}`
export const detailUrl = (id: string) => `${AFFAIRS_ROUTES.detail}?id=${encodeURIComponent(id)}`
export const caseUrl = (id: string) => `${AFFAIRS_ROUTES.staffCase}?id=${encodeURIComponent(id)}`

/** Badge colour per status; the text always says it too. */
export const STATUS_TONE: Record<ApplicationStatus, string> = {
  draft: '', submitted: 'badge--warning', accepted: '', supplement: 'badge--accent', suspended: 'badge--warning',
  rejected: 'badge--accent', completed: 'badge--success', withdrawn: '',
}

export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/** Beijing time whatever the phone's zone (the one formatting helper). */
export { shanghaiDateTime as formatTime } from '@core/shanghai-time'

/** The same words the assistant's card uses (one rule in core). */
export { pausedClockText } from '@core/affairs/clock-view'

export function daysLeftText(left: number | undefined, paused?: boolean): string {
  if (left === undefined) return ''
  if (paused) return `暂停计时（剩余${Math.max(left, 0)}个工作日）`
  return left < 0 ? `已超期${-left}个工作日` : `剩余${left}个工作日`
}
