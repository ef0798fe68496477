import { Text, View } from '@tarojs/components'
import { percent, type Ratio } from '@core/evaluation/stats'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { mergePublicRows } from './rows'
import '../../evaluation.scss'

const MONTHS = 6

function Figure({ label, value, className }: { label: string; value: Ratio | number | undefined; className?: string }) {
  if (value === undefined) return null
  return (
    <View className='kv'>
      <Text className='kv__key'>{label}</Text>
      <Text className={`kv__value${className ? ` ${className}` : ''}`}>{typeof value === 'number' ? value : percent(value)}</Text>
    </View>
  )
}

/**
 * 评价公示 per department (hall) and month, the last six months. Public: no sign-in needed.
 * Service figures (好评率, 按时办结率, 跑零次率) come from metrics.publicBoard, the 差评 handling
 * figures from evaluation.publicity.
 */
export default function Publicity() {
  const board = useCloudQuery('metrics', 'publicBoard', { months: MONTHS })
  const publicity = useCloudQuery('evaluation', 'publicity', { months: MONTHS })
  const rows = mergePublicRows(board.data?.rows ?? [], publicity.data?.rows ?? [])
  const error = board.error ?? publicity.error
  const reload = () => { board.reload(); publicity.reload() }
  return (
    <PageShell className='evaluation-publicity'>
      <View className='section muted'>按月、按办理部门公示政务服务成效。好评率 = 非常满意、满意 ÷ 评价数；按时办结率 = 承诺时限内办结 ÷ 办结数；跑零次率 = 无需到现场的事项 ÷ 在用事项；差评整改率 = 已整改（含解释说明）÷ 差评工单；按期整改率 = 按期整改 ÷ 已整改。经申诉复核剔除的评价不计入，单列“已剔除”。</View>
      <LoadState error={error} hasData={!!board.data && !!publicity.data} onRetry={reload} isEmpty={rows.length === 0}
        empty={<View className='section muted'>近六个月暂无公示数据。</View>}>
        {rows.map((r) => (
          <View key={`${r.month}-${r.unitName}`} className='section evaluation-publicity__row'>
            <View className='section__title'>{r.month} · {r.unitName}</View>
            <Figure label='好评率' value={r.goodRate} className='evaluation-publicity__good' />
            <Figure label='按时办结率' value={r.onTimeRate} className='evaluation-publicity__on-time' />
            <Figure label='跑零次率' value={r.zeroVisitRate} className='evaluation-publicity__zero-visit' />
            <Figure label='评价数' value={r.ratings} />
            <Figure label='差评数' value={r.badCount} />
            <Figure label='差评整改率' value={r.rectifiedRate} />
            <Figure label='按期整改率' value={r.rectifyOnTimeRate} />
            {!!r.excluded && <Figure label='已剔除' value={r.excluded} />}
          </View>
        ))}
      </LoadState>
    </PageShell>
  )
}
