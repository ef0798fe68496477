import { Picker, Text, View } from '@tarojs/components'
import type { DashboardParams } from '@core/api'
import { ChoiceChips } from '../chips'
import { RANGE_LABELS, presetRange, type RangePreset } from '../../utils/metrics-view'

const PRESETS = (Object.keys(RANGE_LABELS) as RangePreset[]).map((value) => ({ value, label: RANGE_LABELS[value] }))

export interface RangeChoice { preset: RangePreset; from: string; to: string }

/** 近7天 / 近30天 / 本月 / 自定义 (two date pickers; the end may not precede the start). */
export function RangeBar({ value, today, onChange }: { value: RangeChoice; today: string; onChange: (v: RangeChoice) => void }) {
  const choose = (preset: RangePreset) => {
    if (preset === 'custom') onChange({ ...value, preset })
    else onChange({ preset, ...presetRange(preset, today) })
  }
  const setEnd = (end: keyof Pick<DashboardParams, 'from' | 'to'>, date: string) => {
    if (!date) return
    const next = { ...value, [end]: date }
    // Picking a start after the end (or the reverse) moves the other end along rather than refusing.
    if (next.from > next.to) {
      if (end === 'from') next.to = date
      else next.from = date
    }
    onChange(next)
  }
  return (
    <View className='dash-range'>
      <ChoiceChips options={PRESETS} value={value.preset} onChange={choose} />
      {value.preset === 'custom' && (
        <View className='dash-range__custom'>
          <Picker mode='date' value={value.from} end={today} onChange={(e) => setEnd('from', String(e.detail.value))}>
            <Text className='dash-range__date'>{value.from}</Text>
          </Picker>
          <Text className='muted'>至</Text>
          <Picker mode='date' value={value.to} end={today} onChange={(e) => setEnd('to', String(e.detail.value))}>
            <Text className='dash-range__date'>{value.to}</Text>
          </Picker>
        </View>
      )}
      <View className='muted dash-range__note'>{value.from} 至 {value.to}（北京时间，含当天实时数据）</View>
    </View>
  )
}
