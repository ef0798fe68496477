import { Text, View } from '@tarojs/components'
import type { ImportReport } from '@core/matter/import'
import { cx } from '@/utils/class-names'
import './import-report-view.scss'

/** Long reports are cut so the page stays responsive; the head of the list is what gets fixed first. */
const MAX_ROWS_SHOWN = 200

/** How many problems the file has: the server lists the first 200 and counts them all. */
const problemCount = (r: ImportReport) => Math.max(r.errorsTotal ?? 0, r.errors.length)

function summary(r: ImportReport): { tone: 'ok' | 'bad'; text: string } {
  if (r.errors.length > 0) {
    // total is 0 when the file itself was rejected (bad header, not JSON): no rows to count.
    const counted = r.total > 0 ? `（共${r.total}条，${r.valid}条无误）` : ''
    return { tone: 'bad', text: `发现${problemCount(r)}个问题${counted}。请修改后重新预检，本次未写入任何数据。` }
  }
  if (r.applied) return { tone: 'ok', text: `导入成功：新增${r.created}条，更新${r.updated}条。` }
  return { tone: 'ok', text: `预检通过：共${r.total}条，导入后将新增${r.created}条、更新${r.updated}条。` }
}

/** The inline label is hidden in the table layout and shown when 长辈版 stacks the cells. */
function Cell({ kind, label, value }: { kind: string; label: string; value: string }) {
  return (
    <Text className={`import-errors__cell import-errors__cell--${kind}`}>
      <Text className='import-errors__label'>{label}：</Text>
      {value}
    </Text>
  )
}

export function ImportReportView({ report }: { report: ImportReport }) {
  const s = summary(report)
  const shown = report.errors.slice(0, MAX_ROWS_SHOWN)
  return (
    <View className='section import-report'>
      <View className='section__title'>{report.applied ? '导入结果' : '预检结果'}</View>
      <View className={cx('import-report__summary', `import-report__summary--${s.tone}`)}>
        <Text className='import-report__mark'>{s.tone === 'ok' ? '✓ 通过' : '✗ 未通过'}</Text>
        <Text>{s.text}</Text>
      </View>
      {!report.errors.length && (
        <View className='import-report__counts'>
          <View className='import-report__count'>
            <Text className='import-report__count-value'>{report.created}</Text>
            <Text className='muted'>新增</Text>
          </View>
          <View className='import-report__count'>
            <Text className='import-report__count-value'>{report.updated}</Text>
            <Text className='muted'>更新</Text>
          </View>
          <View className='import-report__count'>
            <Text className='import-report__count-value'>{report.total}</Text>
            <Text className='muted'>合计</Text>
          </View>
        </View>
      )}
      {shown.length > 0 && (
        <View className='import-errors'>
          <View className='import-errors__row import-errors__row--head'>
            <Text className='import-errors__cell import-errors__cell--row'>行号</Text>
            <Text className='import-errors__cell import-errors__cell--code'>实施编码</Text>
            <Text className='import-errors__cell import-errors__cell--field'>字段</Text>
            <Text className='import-errors__cell import-errors__cell--message'>问题</Text>
          </View>
          {shown.map((e, i) => (
            <View key={i} className='import-errors__row'>
              <Cell kind='row' label='行号' value={e.row > 0 ? `第${e.row}行` : '整个文件'} />
              <Cell kind='code' label='实施编码' value={e.implementationCode || '—'} />
              <Cell kind='field' label='字段' value={e.field} />
              <Cell kind='message' label='问题' value={e.message} />
            </View>
          ))}
          {problemCount(report) > shown.length && (
            <View className='muted import-errors__more'>仅显示前{shown.length}个问题，共{problemCount(report)}个</View>
          )}
        </View>
      )}
    </View>
  )
}
