/**
 * What the chart adapter draws, independent of platform: one series of labelled values, drawn
 * as a trend line, comparison bars or a funnel. The F2 element tree is built here once; the
 * weapp and H5 adapters only supply the canvas.
 */
import { Axis, Chart, Interval, Line, Point, jsx } from '@antv/f2'

/**
 * F2's element factory, loosely typed: its typings want each component's full props generic,
 * which the plain props objects below (checked by F2 at render) cannot name without JSX.
 */
const el = jsx as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown

export type ChartKind = 'line' | 'bar' | 'funnel'

export interface ChartPoint { label: string; value: number }

export interface ChartSpec {
  kind: ChartKind
  points: ChartPoint[]
  /** Shown after values (%, 工作日 …). */
  unit?: string
}

const BLUE = '#0B57D0'
/** F2 reads `px` strings at 750-wide design size (half in CSS px): 24px ≈ 12 CSS px, legible on a phone. */
const AXIS_STYLE = { label: { fontSize: '24px', fill: '#4E5969' } }
const FUNNEL_COLOURS = ['#0B57D0', '#3B7BE0', '#6A9DEB', '#98BEF3', '#C4DAF9']

/** One sentence saying what the picture shows, for screen readers (and tests). */
export function describe(spec: ChartSpec): string {
  const unit = spec.unit ?? ''
  return spec.points.map((p) => `${p.label} ${p.value}${unit}`).join('，')
}

/** The chart's height in CSS px for this many points (bars grow with departments). */
export function chartHeight(spec: ChartSpec): number {
  if (spec.kind === 'bar') return Math.max(160, 36 * spec.points.length + 40)
  if (spec.kind === 'funnel') return 44 * Math.max(spec.points.length, 1) + 20
  return 220
}

/** The F2 <Chart> for a spec (F2's own element factory: this project's JSX is React's). */
export function chartElement(spec: ChartSpec) {
  const unit = spec.unit ?? ''
  const data = spec.points.map((p) => ({ ...p }))
  if (spec.kind === 'funnel') {
    return el(Chart, { data, coord: { transposed: true }, scale: { value: { min: 0 } } },
      el(Interval, {
        x: 'label', y: 'value', adjust: 'symmetric', shape: 'funnel',
        color: { field: 'label', range: FUNNEL_COLOURS },
        showLabel: true,
        labelCfg: {
          offsetX: 8,
          label: (d: ChartPoint) => ({ text: `${d.label} ${d.value}`, fill: '#4E5969', fontSize: '24px' }),
        },
      }))
  }
  if (spec.kind === 'bar') {
    return el(Chart, { data, coord: { transposed: true }, scale: { value: { min: 0, nice: true } } },
      el(Axis, { field: 'label', style: AXIS_STYLE }),
      el(Axis, { field: 'value', formatter: (v: number) => `${v}${unit}`, style: AXIS_STYLE }),
      el(Interval, { x: 'label', y: 'value', color: BLUE, showLabel: false }))
  }
  return el(Chart, { data, scale: { value: { nice: true }, label: { tickCount: 5 } } },
    el(Axis, { field: 'label', style: AXIS_STYLE }),
    el(Axis, { field: 'value', formatter: (v: number) => `${v}${unit}`, style: AXIS_STYLE }),
    el(Line, { x: 'label', y: 'value', color: BLUE }),
    el(Point, { x: 'label', y: 'value', color: BLUE }))
}
