/** Params schemas of the metrics function and the Chinese names of their fields. */
import { z } from '../../../core/zod-zh';
import type { IndicatorKey } from '../../../core/metrics/api';
import { INDICATOR_KEYS } from '../../../core/metrics/definitions';
import { calendarDate } from '../../shared/params';

const date = calendarDate();
const keys = INDICATOR_KEYS as [IndicatorKey, ...IndicatorKey[]];
const key = z.enum(keys);
const departmentId = z.string().trim().min(1).max(40);
const matterId = z.string().trim().min(1).max(64);

export const dashboardParams = z.object({ from: date, to: date, departmentId: departmentId.optional() }).strict();
export const keyedParams = dashboardParams.extend({ key }).strict();
/** Dashboard and trend may narrow to one matter; funnel, drill-down and CSV do not. */
export const matterDashboardParams = dashboardParams.extend({ matterId: matterId.optional() }).strict();
export const trendParams = keyedParams.extend({ matterId: matterId.optional() }).strict();
export const compareParams = z.object({ from: date, to: date, key, matterId: matterId.optional() }).strict();
export const recordsParams = keyedParams.extend({ page: z.number().int().min(1).max(500).optional() }).strict();
export const publicBoardParams = z.object({ months: z.number().int().min(1, '月数为1–12').max(12, '月数为1–12').optional() }).strict();
export const rollupParams = z.object({ date }).strict();

const LABELS: Record<string, string> = { from: '开始日期', to: '结束日期', departmentId: '部门', matterId: '事项', key: '指标', page: '页码', months: '月数', date: '日期' };

export function metricsLabel(path: (string | number)[]): string {
  const k = path.filter((p) => typeof p === 'string').pop();
  return (k && LABELS[k]) || path.join('.');
}
