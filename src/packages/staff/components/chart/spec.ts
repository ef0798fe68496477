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
/**
 * `px` strings in chart styles are 750-wide design pixels, half a CSS pixel each. F2's default
 * conversion reads the page's root font size instead, which Taro's H5 sets to its own rem base
 * (text came out at 4.8 CSS px there): both adapters pass this one so the two platforms agree.
 */
export const px2hd = (px: number) => px / 2

/** 24px (design) = 12 CSS px: legible on a phone. */
const AXIS_STYLE = { label: { fontSize: '24px', fill: '#4E5969' } }
/** Light to mid blues, bottom step first (the data is reversed): dark step names stay legible on each. */
const FUNNEL_COLOURS = ['#D3E3FD', '#C2D7FB', '#A8C7FA', '#8AB4F8', '#6A9DEB']

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
  // A transposed (horizontal) chart draws the first point at the bottom: reverse so the list reads top-down.
  const data = (spec.kind === 'line' ? spec.points : [...spec.points].reverse()).map((p) => ({ ...p }))
  if (spec.kind === 'funnel') {
    return el(Chart, { data, coord: { transposed: true }, scale: { value: { min: 0 } } },
      el(Interval, {
        x: 'label', y: 'value', adjust: 'symmetric', shape: 'funnel',
        // F2 draws the last step as its bar: a full band keeps it as tall as the others.
        sizeRatio: 1,
        color: { field: 'label', range: FUNNEL_COLOURS },
        showLabel: true,
        // Inside each step, so the widest one's text is never cut at the canvas edge.
        labelCfg: { guide: (d: ChartPoint) => ({ text: `${d.label} ${d.value}`, fill: '#1D2129', fontSize: '24px' }) },
      }))
  }
  if (spec.kind === 'bar') {
    // Counts (件, 次) have no halves: whole-number ticks when every value is whole.
    const whole = unit !== '%' && spec.points.every((p) => Number.isInteger(p.value))
    const top = Math.max(0, ...spec.points.map((p) => p.value))
    const ticks = whole ? { tickInterval: Math.max(1, Math.ceil(top / 4)) } : {}
    return el(Chart, { data, coord: { transposed: true }, scale: { value: { min: 0, nice: true, ...ticks } } },
      el(Axis, { field: 'label', style: AXIS_STYLE }),
      el(Axis, { field: 'value', formatter: (v: number) => `${v}${unit}`, style: AXIS_STYLE }),
      el(Interval, { x: 'label', y: 'value', color: BLUE, showLabel: false }))
  }
  // Percentages live in 0–100 (a nice scale would run to 105%); other values start at 0 so a small change does not look like a plunge.
  const value = unit === '%' ? { min: 0, max: 100, tickCount: 5 } : { min: 0, nice: true }
  return el(Chart, { data, scale: { value, label: { tickCount: 5 } } },
    el(Axis, { field: 'label', style: AXIS_STYLE }),
    el(Axis, { field: 'value', formatter: (v: number) => `${v}${unit}`, style: AXIS_STYLE }),
    el(Line, { x: 'label', y: 'value', color: BLUE }),
    el(Point, { x: 'label', y: 'value', color: BLUE }))
}
