import type { PublicityRow, Ratio } from '@core/evaluation/api'
import type { ResultOf } from '@core/api'

type BoardRow = ResultOf<'metrics', 'publicBoard'>['rows'][number]

/** One unit in one month: the public board's service figures beside the 差评 handling figures. */
export interface PublicRow {
  month: string
  unitName: string
  goodRate: Ratio
  onTimeRate?: Ratio
  zeroVisitRate?: Ratio
  ratings?: number
  badCount?: number
  rectifiedRate?: Ratio
  rectifyOnTimeRate?: Ratio
  excluded?: number
}

/**
 * Joins metrics.publicBoard (好评率, 按时办结率, 跑零次率 per department) with
 * evaluation.publicity (差评数, 整改率 per department or hall) on month and unit name, newest
 * month first. 好评率 comes from the board when it has the unit (the same figure the 效能看板 uses).
 */
export function mergePublicRows(board: BoardRow[], publicity: PublicityRow[]): PublicRow[] {
  const rows = new Map<string, PublicRow>()
  const key = (month: string, unit: string) => `${month}|${unit}`
  for (const b of board) {
    rows.set(key(b.month, b.departmentName), { month: b.month, unitName: b.departmentName, goodRate: b.goodRate, onTimeRate: b.onTimeRate, zeroVisitRate: b.zeroVisitRate })
  }
  for (const p of publicity) {
    const k = key(p.month, p.unitName)
    const bad = { ratings: p.ratings, badCount: p.badCount, rectifiedRate: p.rectifiedRate, rectifyOnTimeRate: p.onTimeRate, excluded: p.excluded }
    const existing = rows.get(k)
    rows.set(k, existing ? { ...existing, ...bad } : { month: p.month, unitName: p.unitName, goodRate: p.goodRate, ...bad })
  }
  return [...rows.values()].sort((a, b) => b.month.localeCompare(a.month) || a.unitName.localeCompare(b.unitName, 'zh'))
}
