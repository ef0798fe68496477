import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { IndicatorKey } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { readParam } from '@/utils/routes'
import { cx } from '@/utils/class-names'
import { RoleGate } from '../../components/role-gate'
import { AREA_LABELS, presetRange, shanghaiToday } from '../../utils/metrics-view'
import '../dashboard/index.scss'

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const UNIT_TEXT = { ratio: '分子 ÷ 分母，以百分比显示', average: '分子 ÷ 分母（平均值）', count: '计数', percentile: '分位数' } as const

/** One indicator: its written definition (分子/分母/说明) and the records behind it, a page at a time. */
function IndicatorDetail() {
  const { params } = useRouter()
  const key = readParam(params.key) as IndicatorKey
  const fallback = presetRange('7d', shanghaiToday())
  const from = DATE_RE.test(readParam(params.from)) ? readParam(params.from) : fallback.from
  const to = DATE_RE.test(readParam(params.to)) ? readParam(params.to) : fallback.to
  const departmentId = readParam(params.departmentId)
  const [page, setPage] = useState(1)

  const defs = useCloudQuery('metrics', 'definitions', {})
  const records = useCloudQuery('metrics', 'records', { from, to, key, page, ...(departmentId ? { departmentId } : {}) }, { enabled: !!key })
  const def = defs.data?.find((d) => d.key === key) ?? records.data?.definition
  const r = records.data
  const pages = r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1

  return (
    <>
      <View className='section ind-def'>
        <LoadState error={def ? undefined : defs.error} hasData={!!def} onRetry={defs.reload}>
          {def && (
            <>
              <Text className='ind-def__name'>{def.name}</Text>
              <View className='muted'>{AREA_LABELS[def.area]} · {UNIT_TEXT[def.unit]}{def.unitLabel ? `（${def.unitLabel}）` : ''}</View>
              <View className='ind-def__line'><Text className='ind-def__label'>分子</Text><Text>{def.numerator}</Text></View>
              <View className='ind-def__line'><Text className='ind-def__label'>分母</Text><Text>{def.denominator}</Text></View>
              {def.note && <View className='ind-def__line'><Text className='ind-def__label'>说明</Text><Text>{def.note}</Text></View>}
            </>
          )}
        </LoadState>
      </View>

      <View className='section ind-records'>
        <View className='section__title'>
          明细记录
          <Text className='section__more'>{from} 至 {to}{r ? ` · 共${r.total}条` : ''}</Text>
        </View>
        {r?.listedFrom && <View className='muted ind-listed-from'>时间跨度较长，仅列出 {r.listedFrom} 起的记录</View>}
        <LoadState error={records.error} hasData={!!r} onRetry={records.reload} isEmpty={!r?.items.length}
          empty={<Text className='muted'>所选时间内没有记录。</Text>}>
          {r?.items.map((it) => (
            <View key={it.id} className='row ind-record' hoverClass={it.link ? 'row--pressed' : 'none'}
              onClick={() => { if (it.link) void Taro.navigateTo({ url: it.link }) }}>
              <View className='row__main'>
                <Text className='row__title'>{it.title}</Text>
                <View className='row__desc'>{[it.date, it.departmentName, it.detail].filter(Boolean).join(' · ')}</View>
              </View>
              <Text className={cx('badge', it.inNumerator && 'badge--success')}>{it.inNumerator ? '计入分子' : '仅计分母'}</Text>
              {it.link && <Text className='row__chevron'>›</Text>}
            </View>
          ))}
          {pages > 1 && (
            <View className='ind-pager'>
              <View className={cx('btn', page <= 1 && 'btn--disabled')} onClick={() => page > 1 && setPage(page - 1)}>上一页</View>
              <Text className='muted'>第 {page} / {pages} 页</Text>
              <View className={cx('btn', page >= pages && 'btn--disabled')} onClick={() => page < pages && setPage(page + 1)}>下一页</View>
            </View>
          )}
        </LoadState>
      </View>
    </>
  )
}

export default function IndicatorPage() {
  return (
    <PageShell className='indicator'>
      <RoleGate min='staff'>{() => <IndicatorDetail />}</RoleGate>
    </PageShell>
  )
}
