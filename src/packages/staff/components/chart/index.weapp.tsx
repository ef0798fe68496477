import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { Canvas } from '@antv/f2'
import { chartElement, chartHeight, describe, px2hd, type ChartSpec } from './spec'

export type { ChartSpec, ChartPoint, ChartKind } from './spec'

let serial = 0

interface CanvasNode {
  width: number
  height: number
  getContext: (type: '2d') => CanvasRenderingContext2D
  createImage: () => unknown
  requestAnimationFrame: (fn: () => void) => number
  cancelAnimationFrame: (id: number) => void
}

/**
 * weapp: F2 draws on a `<canvas type="2d">` node found by a selector query once the page has
 * laid it out. The node's pixel size is set for the screen's pixel ratio; F2 works in CSS px.
 */
export function ChartView({ spec, className }: { spec: ChartSpec; className?: string }) {
  const id = useRef(`staff-chart-${++serial}`).current
  const chart = useRef<Canvas | null>(null)
  const height = chartHeight(spec)
  const specKey = JSON.stringify(spec)

  useEffect(() => {
    let cancelled = false
    const draw = (node: CanvasNode, width: number) => {
      const pixelRatio = Taro.getWindowInfo().pixelRatio
      node.width = width * pixelRatio
      node.height = height * pixelRatio
      chart.current?.destroy()
      chart.current = new Canvas({
        context: node.getContext('2d'), pixelRatio, px2hd, width, height, animate: false,
        createImage: () => node.createImage() as HTMLImageElement,
        requestAnimationFrame: (fn: () => void) => node.requestAnimationFrame(fn),
        cancelAnimationFrame: (handle: number) => node.cancelAnimationFrame(handle),
        children: chartElement(JSON.parse(specKey) as ChartSpec),
      })
      void chart.current.render()
    }
    // The node exists once Taro's setData has reached the view layer: ask again briefly if not yet.
    const find = (attempt: number) => {
      let query: ReturnType<ReturnType<typeof Taro.createSelectorQuery>['select']> | undefined
      try {
        query = Taro.createSelectorQuery().select(`#${id}`)
      } catch {
        query = undefined
      }
      // No selector queries (a simulator): the chart's description stays, nothing is drawn.
      if (!query) return
      query.fields({ node: true, size: true }).exec((res) => {
        if (cancelled) return
        const found = res?.[0] as { node?: CanvasNode; width?: number } | undefined
        if (found?.node && found.width) draw(found.node, found.width)
        else if (attempt < 5) setTimeout(() => find(attempt + 1), 50)
      })
    }
    Taro.nextTick(() => find(0))
    return () => { cancelled = true }
  }, [id, specKey, height])

  useEffect(() => () => chart.current?.destroy(), [])

  return (
    <View className={className} aria-label={describe(spec)}>
      <TaroCanvas type='2d' id={id} style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}
