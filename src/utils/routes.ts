import type { ListFilter } from '@core/api'

export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  search: '/packages/matters/pages/search/index',
  list: '/packages/matters/pages/list/index',
  guide: '/packages/matters/pages/guide/index',
  staffImport: '/packages/staff/pages/import/index',
  staffManage: '/packages/staff/pages/staff/index',
  myBookings: '/packages/booking/pages/mine/index',
  evaluation: '/packages/evaluation/pages/pending/index',
  hallDay: '/packages/staff/pages/hall-day/index',
  hallSetup: '/packages/staff/pages/hall-setup/index',
  staffInvite: '/packages/staff/pages/invite/index',
  staffJoin: '/packages/staff/pages/join/index',
  dashboard: '/packages/staff/pages/dashboard/index',
} as const

export const LIST_BYS: readonly ListFilter['by'][] = ['department', 'theme', 'lifeEvent']

export function listUrl(filter: ListFilter): string {
  return `${ROUTES.list}?by=${filter.by}&value=${encodeURIComponent(filter.value)}`
}

export function guideUrl(id: string): string {
  return `${ROUTES.guide}?id=${encodeURIComponent(id)}`
}

/**
 * Query values arrive still percent-encoded on weapp but already decoded on h5; decoding an
 * already-decoded value is harmless unless it holds a stray '%', which we then keep as is.
 */
export function readParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export function parseListFilter(params: Record<string, string | undefined>): ListFilter | undefined {
  const by = params.by as ListFilter['by']
  const value = readParam(params.value)
  return LIST_BYS.includes(by) && value ? { by, value } : undefined
}
