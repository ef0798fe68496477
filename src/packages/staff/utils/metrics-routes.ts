import type { DashboardParams, IndicatorKey } from '@core/api'

export const INDICATOR_PAGE = '/packages/staff/pages/indicator/index'
export const DASHBOARD_PAGE = '/packages/staff/pages/dashboard/index'

/** The indicator page for the dashboard's current range and department. */
export function indicatorUrl(key: IndicatorKey, p: DashboardParams): string {
  const q = [`key=${key}`, `from=${p.from}`, `to=${p.to}`, ...(p.departmentId ? [`departmentId=${encodeURIComponent(p.departmentId)}`] : [])]
  return `${INDICATOR_PAGE}?${q.join('&')}`
}
