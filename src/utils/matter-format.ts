/** Wording shared by every place a matter is shown, so the 跑零次 / 即办 language never drifts. */
import { ONLINE_DEPTH_LABELS } from '@core/matter/taxonomy'

export function visitsLabel(onsiteVisits: number): string {
  return onsiteVisits === 0 ? '跑零次' : `最多跑${onsiteVisits}次`
}

/** Short form for lists: 即办 or 承诺N个工作日. */
export function promiseLabel(promisedDays: number, caseKind: string): string {
  return caseKind === '即办件' || promisedDays === 0 ? '即办' : `承诺${promisedDays}个工作日`
}

export function workingDays(days: number): string {
  return `${days}个工作日`
}

export function depthLabel(depth: 1 | 2 | 3 | 4): string {
  return ONLINE_DEPTH_LABELS[depth]
}

/** 原件1份 / 复印件2份, or a plain statement when no paper copy is needed. */
export function copiesLabel(originals: number, copies: number): string {
  const parts: string[] = []
  if (originals > 0) parts.push(`原件${originals}份`)
  if (copies > 0) parts.push(`复印件${copies}份`)
  return parts.length ? parts.join(' / ') : '无需提交纸质份数'
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—'
}
