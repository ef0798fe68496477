// Type face of the platform files: Taro picks index.weapp.tsx (canvas 2d node) or index.h5.tsx (a DOM canvas).
import type { ChartSpec } from './spec'

export type { ChartSpec, ChartPoint, ChartKind } from './spec'

/** One chart (line, bar or funnel) drawn with F2 on the platform's canvas; re-drawn when the spec changes. */
export declare function ChartView(props: { spec: ChartSpec; className?: string }): JSX.Element
