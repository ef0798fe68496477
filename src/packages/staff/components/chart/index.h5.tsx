import { View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { Canvas } from '@antv/f2'
import { chartElement, chartHeight, describe, px2hd, type ChartSpec } from './spec'

export type { ChartSpec, ChartPoint, ChartKind } from './spec'

/**
 * H5: a plain DOM canvas (Taro's H5 renders React DOM), sized to its box and the screen's
 * pixel ratio. Where a canvas has no 2d context (very old browsers) the described values stay.
 */
export function ChartView({ spec, className }: { spec: ChartSpec; className?: string }) {
  const el = useRef<HTMLCanvasElement | null>(null)
  const chart = useRef<Canvas | null>(null)
  const height = chartHeight(spec)
  const specKey = JSON.stringify(spec)

  useEffect(() => {
    const canvas = el.current
    const context = canvas && typeof canvas.getContext === 'function' ? safeContext(canvas) : null
    if (!canvas || !context) return
    const width = canvas.parentElement?.clientWidth || 320
    const pixelRatio = window.devicePixelRatio || 1
    canvas.width = width * pixelRatio
    canvas.height = height * pixelRatio
    canvas.style.width = `${width}px`
    canvas.style.height = `${height}px`
    chart.current?.destroy()
    chart.current = new Canvas({ context, pixelRatio, px2hd, width, height, animate: false, children: chartElement(JSON.parse(specKey) as ChartSpec) })
    void chart.current.render()
  }, [specKey, height])

  useEffect(() => () => chart.current?.destroy(), [])

  return (
    <View className={className} aria-label={describe(spec)}>
      <canvas ref={el} style={{ width: '100%', height: `${height}px`, display: 'block' }} />
    </View>
  )
}

/** jsdom and some embedded browsers have no 2d context; they throw or answer null. */
function safeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d')
  } catch {
    return null
  }
}
