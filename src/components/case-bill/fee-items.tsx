/**
 * Staff bill a case whose guide's fee is not fixed (e.g. 签注 "一次有效15元/件，二次有效30元/件"):
 * lines picked from the guide's fee items (name and standard shown), the amount typed in 元 and sent
 * as integer 分. The server checks each amount against the standard (pay.bill); this form only
 * refuses what is not an amount at all, so staff see the guide's own wording on a mismatch.
 */
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { yuan } from '@/services/payment'

export interface GuideFeeItem { name: string; standard: string }
export interface FeeLineInput { name: string; amountFen: number }

interface Line { key: number; name: string; amount: string }

/** "15" / "15.5" / "15.50" 元 → 分; null when it is not a positive amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null
  const fen = Math.round(Number(t) * 100)
  return fen > 0 ? fen : null
}

export function FeeItemsForm({ fees, onSubmit }: { fees: GuideFeeItem[]; onSubmit: (items: FeeLineInput[]) => Promise<void> | void }) {
  const [lines, setLines] = useState<Line[]>([{ key: 1, name: fees[0]?.name ?? '', amount: '' }])
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const update = (key: number, patch: Partial<Line>) => setLines(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)))
  const add = () => setLines([...lines, { key: Math.max(0, ...lines.map((l) => l.key)) + 1, name: fees[0]?.name ?? '', amount: '' }])
  const remove = (key: number) => setLines(lines.filter((l) => l.key !== key))
  const fens = lines.map((l) => yuanToFen(l.amount))
  const total = fens.reduce<number>((s, f) => s + (f ?? 0), 0)

  const submit = async () => {
    const bad = fens.findIndex((f) => f === null)
    if (lines.length === 0) return setProblem('请至少填写一项收费')
    if (bad !== -1) return setProblem(`第${bad + 1}项的金额请填写元，最多两位小数`)
    setProblem('')
    setBusy(true)
    try {
      await onSubmit(lines.map((l, i) => ({ name: l.name, amountFen: fens[i] as number })))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='fee-items'>
      {lines.map((l, i) => (
        <View key={l.key} className='fee-items__line'>
          <View className='muted'>第{i + 1}项</View>
          <View className='chips'>
            {fees.map((f) => (
              <View key={f.name} className={`chip fee-items__item${l.name === f.name ? ' chip--active' : ''}`} onClick={() => update(l.key, { name: f.name })}>
                {f.name}（{f.standard}）
              </View>
            ))}
          </View>
          <Input className='field__input fee-items__amount' type='digit' value={l.amount} placeholder='金额（元）'
            onInput={(e) => update(l.key, { amount: e.detail.value })} />
          {lines.length > 1 && <View className='link fee-items__remove' onClick={() => remove(l.key)}>删除此项</View>}
        </View>
      ))}
      <View className='link fee-items__add' onClick={add}>＋ 添加收费项目</View>
      <View className='kv'><Text className='kv__key'>合计</Text><Text className='kv__value fee-items__total'>{yuan(total)}</Text></View>
      {problem && <View className='error-text'>{problem}</View>}
      <View className='btn btn--primary btn--block fee-items__submit' onClick={busy ? undefined : submit}>开具缴费单</View>
    </View>
  )
}
