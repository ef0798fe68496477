import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { DashboardParams, Indicator, IndicatorKey } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { ChartView } from '../../components/chart'
import { RangeBar, type RangeChoice } from '../../components/dashboard/range-bar'
import { IndicatorCards } from '../../components/dashboard/indicator-cards'
import { NoticeStats } from '../../components/dashboard/notice-stats'
import { DepartmentFilter } from '../../components/dashboard/department-filter'
import { StatusVolumeView } from '../../components/dashboard/status-volume'
import { groupByArea, periodLabel, plotUnit, plotValue, presetRange, shanghaiToday } from '../../utils/metrics-view'
import { indicatorUrl } from '../../utils/metrics-routes'
import { saveCsv } from '../../utils/save-csv'
import './index.scss'

/** The indicator the trend and comparison open on: the one the public cares about most. */
const DEFAULT_KEY: IndicatorKey = 'goodRate'

function Dashboard() {
  const today = shanghaiToday()
  const [range, setRange] = useState<RangeChoice>(() => ({ preset: '7d', ...presetRange('7d', today) }))
  const [departmentId, setDepartmentId] = useState('')
  const [key, setKey] = useState<IndicatorKey>(DEFAULT_KEY)
  const params: DashboardParams = { from: range.from, to: range.to, ...(departmentId ? { departmentId } : {}) }

  const dash = useCloudQuery('metrics', 'dashboard', params)
  const indicators = dash.data?.indicators ?? []
  const chosen = indicators.find((i) => i.key === key) ?? indicators[0]
  const trend = useCloudQuery('metrics', 'trend', { ...params, key: chosen?.key ?? key }, { enabled: !!chosen })
  const compare = useCloudQuery('metrics', 'compare', { from: range.from, to: range.to, key: chosen?.key ?? key }, { enabled: !!chosen })
  const funnel = useCloudQuery('metrics', 'funnel', params)
  const exporter = useCloudMutation('metrics', 'exportCsv')

  const open = (ind: Indicator) => Taro.navigateTo({ url: indicatorUrl(ind.key, params) })

  const exportCsv = async () => {
    const r = await exporter.run(params)
    if (!r) return
    if (!r.ok) {
      void Taro.showToast({ title: r.message, icon: 'none' })
      return
    }
    try {
      void Taro.showToast({ title: await saveCsv(r.data.fileName, r.data.csv), icon: 'none' })
    } catch {
      void Taro.showToast({ title: '导出失败，请稍后重试', icon: 'none' })
    }
  }

  const departments = dash.data?.departments ?? []
  const unit = chosen ? plotUnit(chosen) : ''
  const value = (num: number, den: number) => (chosen ? plotValue(chosen.unit ?? 'ratio', num, den) : null)

  return (
    <>
      <View className='section'>
        <RangeBar value={range} today={today} onChange={setRange} />
        {departments.length > 0 && <DepartmentFilter departments={departments} value={departmentId} onChange={setDepartmentId} />}
        <View className={cx('btn btn--block dash-export', exporter.busy && 'btn--disabled')} onClick={exportCsv}>{exporter.busy ? '正在导出…' : '导出CSV'}</View>
      </View>

      <LoadState error={dash.error} hasData={!!dash.data} onRetry={dash.reload} isEmpty={indicators.length === 0}
        empty={<View className='section muted'>所选时间内还没有统计数据。</View>}>
        <IndicatorCards indicators={indicators} onOpen={open} />
        {!!dash.data?.statusVolume?.length && <StatusVolumeView volume={dash.data.statusVolume} />}

        {chosen && (
          <View className='section dash-trend'>
            <View className='section__title'>趋势：{chosen.name}</View>
            <ScrollView scrollX className='dash-keys'>
              <View className='dash-keys__row'>
                {groupByArea(indicators).flatMap((g) => g.items).map((i) => (
                  <View key={i.key} className={cx('chip', i.key === chosen.key && 'chip--active')} onClick={() => setKey(i.key)}>{i.name}</View>
                ))}
              </View>
            </ScrollView>
            <LoadState error={trend.error} hasData={!!trend.data} onRetry={trend.reload} isEmpty={!trend.data?.points.length}
              empty={<Text className='muted'>暂无趋势数据</Text>}>
              <ChartView spec={{
                kind: 'line', unit,
                points: (trend.data?.points ?? []).flatMap((p) => {
                  const v = value(p.num, p.den)
                  return v === null ? [] : [{ label: periodLabel(p.period), value: v }]
                }),
              }} />
              {trend.data?.granularity === 'month' && <View className='muted'>时间跨度较长，按月显示</View>}
            </LoadState>
          </View>
        )}

        {chosen && (
          <View className='section dash-compare'>
            <View className='section__title'>部门对比：{chosen.name}</View>
            <LoadState error={compare.error} hasData={!!compare.data} onRetry={compare.reload} isEmpty={!compare.data?.rows.length}
              empty={<Text className='muted'>暂无部门数据</Text>}>
              <ChartView spec={{
                kind: 'bar', unit,
                points: (compare.data?.rows ?? []).flatMap((r) => {
                  const v = value(r.num, r.den)
                  return v === null ? [] : [{ label: r.name, value: v }]
                }),
              }} />
            </LoadState>
          </View>
        )}
      </LoadState>

      <View className='section dash-funnel'>
        <View className='section__title'>差评处理漏斗</View>
        <LoadState error={funnel.error} hasData={!!funnel.data} onRetry={funnel.reload} isEmpty={!funnel.data?.steps.some((s) => s.count > 0)}
          empty={<Text className='muted'>所选时间内没有差评。</Text>}>
          <ChartView spec={{ kind: 'funnel', points: (funnel.data?.steps ?? []).map((s) => ({ label: s.name, value: s.count })) }} />
        </LoadState>
      </View>

      <NoticeStats from={range.from} to={range.to} />
    </>
  )
}

/** 效能看板: staff see their departments, admins every department (the metrics function decides). */
export default function DashboardPage() {
  return (
    <PageShell className='dashboard'>
      <RoleGate min='staff'>{() => <Dashboard />}</RoleGate>
    </PageShell>
  )
}
