/**
 * How the 效能看板 shows the metrics contract: date ranges in Asia/Shanghai, an indicator's
 * num/den read per its `unit`, and the series the charts draw. Pure: no platform calls.
 */
import type { DashboardParams, Indicator, IndicatorArea, IndicatorUnit } from '@core/api'
import { shanghaiDate } from '@core/shanghai-time'

export type RangePreset = '7d' | '30d' | 'month' | 'custom'
export const RANGE_LABELS: Record<RangePreset, string> = { '7d': '近7天', '30d': '近30天', month: '本月', custom: '自定义' }

export const AREA_ORDER: readonly IndicatorArea[] = ['affairs', 'evaluation', 'booking', 'consult', 'push', 'matters']
export const AREA_LABELS: Record<IndicatorArea, string> = {
  matters: '事项', affairs: '办件', booking: '预约', consult: '咨询', push: '推送', evaluation: '好差评',
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Today in Beijing time, whatever zone the phone is in. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDate(now.toISOString())
}

/** The `from`/`to` (inclusive) a preset stands for, ending today. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): Pick<DashboardParams, 'from' | 'to'> {
  if (preset === 'month') return { from: `${today.slice(0, 8)}01`, to: today }
  return { from: addDays(today, preset === '7d' ? -6 : -29), to: today }
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** The value a chart plots for one num/den: a percentage for ratios, the average, or the count. */
export function plotValue(unit: IndicatorUnit, num: number, den: number): number | null {
  switch (unit) {
    case 'ratio': return den > 0 ? round1((num / den) * 100) : null
    case 'average': return den > 0 ? round1(num / den) : null
    default: return num
  }
}

/** The unit a chart's axis speaks in. */
export function plotUnit(ind: Pick<Indicator, 'unit' | 'unitLabel'>): string {
  return (ind.unit ?? 'ratio') === 'ratio' ? '%' : ind.unitLabel ?? ''
}

/** The big figure on a card and the small print under it (what it is out of). */
export function indicatorFigure(ind: Indicator): { value: string; detail: string } {
  const unit = ind.unit ?? 'ratio'
  const v = plotValue(unit, ind.num, ind.den)
  const label = ind.unitLabel ?? ''
  switch (unit) {
    case 'ratio': return { value: v === null ? '—' : `${v}%`, detail: `${ind.num} / ${ind.den}` }
    case 'average': return { value: v === null ? '—' : `${v}${label}`, detail: `共 ${ind.den} 件` }
    // No sample: there is no percentile to speak of (0秒 would read as instant delivery).
    case 'percentile': return { value: ind.den > 0 ? `${ind.num}${label || '秒'}` : '—', detail: `样本 ${ind.den}` }
    default: return { value: `${ind.num}${label}`, detail: ind.den > 1 ? `共 ${ind.den}${label}` : '' }
  }
}

/** Cards grouped by area, in a fixed order (an indicator without an area goes last, under 其他). */
export function groupByArea(indicators: readonly Indicator[]): { area: string; label: string; items: Indicator[] }[] {
  const groups = AREA_ORDER.map((area) => ({ area: area as string, label: AREA_LABELS[area], items: indicators.filter((i) => i.area === area) }))
  groups.push({ area: 'other', label: '其他', items: indicators.filter((i) => !i.area || !AREA_ORDER.includes(i.area)) })
  return groups.filter((g) => g.items.length > 0)
}

/** `2026-03-05` → `03-05`; a month period stays `2026-03`. */
export function periodLabel(period: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(period) ? period.slice(5) : period
}
