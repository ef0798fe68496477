import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { InboxRecordView } from '@core/api'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { yuan } from '@/services/payment'
import { readParam } from '@/utils/routes'
import { RoleGate } from '../../components/role-gate'
import './consult-record.scss'

const KINDS = { application: { what: '办件', no: '办件编号', unit: '办理部门', when: '提交时间' }, booking: { what: '预约', no: '预约编号', unit: '服务大厅', when: '预约时段' } } as const

const kindOf = (raw: string): InboxRecordView['kind'] | null => (raw === 'application' || raw === 'booking' ? raw : null)

function Kv({ k, v, className }: { k: string; v: string; className?: string }) {
  return <View className={`kv ${className ?? ''}`}><Text className='kv__key'>{k}</Text><Text className='kv__value'>{v}</Text></View>
}

/** What the agent reads out to the citizen: status, dates, the steps so far and what comes next. */
export function RecordSummary({ record }: { record: InboxRecordView }) {
  const words = KINDS[record.kind]
  return (
    <>
      <View className='section'>
        <View className='consult-record__head'>
          <Text className='consult-record__title'>{record.matterName}</Text>
          <Text className='badge consult-record__status'>{record.status}</Text>
        </View>
        <Kv k={words.no} v={record.no} />
        <Kv k={words.unit} v={record.unit} />
        {record.address && <Kv k='地址' v={record.address} />}
        <Kv k={words.when} v={record.when} />
        {record.due && <Kv k='承诺办结日期' v={record.due} className='consult-record__due' />}
        {record.clockPaused && <Kv k='办理时限' v={record.clock ?? '暂停计时（补正或挂起期间不计入时限）'} />}
        {record.applicant && <Kv k='申请人' v={record.applicant} />}
        {record.unpaid && <Kv k='待缴费用' v={`${yuan(record.unpaid.amountFen)}（${record.unpaid.status}）`} className='consult-record__unpaid' />}
        <View className='consult-record__next'>下一步：{record.nextStep}</View>
      </View>
      <View className='section'>
        <View className='section__title'>办理记录</View>
        {record.steps.length === 0 && <View className='muted'>暂无记录</View>}
        {[...record.steps].reverse().map((s, i) => (
          <View key={i} className='consult-record__step'>
            <View><Text className='consult-record__step-name'>{s.step}</Text>{s.by && <Text className='muted'> · {s.by}</Text>}</View>
            <View className='muted'>{s.at}</View>
            {s.comment && <View>意见：{s.comment}</View>}
          </View>
        ))}
      </View>
      <View className='section muted consult-record__note'>
        仅供答复群众咨询：此处只显示进度摘要，个人信息已隐藏，不含申请材料；每次查看都会记录。
      </View>
      {record.staffLink && (
        <View className='btn btn--block consult-record__open' onClick={() => Taro.navigateTo({ url: record.staffLink! })}>在工作台打开</View>
      )}
    </>
  )
}

function Record() {
  const { params } = useRouter()
  const questionId = readParam(params.questionId)
  const kind = kindOf(readParam(params.kind))
  const id = readParam(params.id)
  const valid = !!questionId && !!kind && !!id
  const q = useCloudQuery('consult', 'inboxRecord', { questionId, kind: kind ?? 'application', id }, { enabled: valid })
  if (!valid) return <View className='section'>链接不完整，请从咨询收件箱重新打开。</View>
  return (
    <LoadState error={q.error} hasData={!!q.data} onRetry={q.reload}>
      {q.data && <RecordSummary record={q.data} />}
    </LoadState>
  )
}

export default function ConsultRecordPage() {
  return (
    <PageShell className='consult-record'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'consult')
        ? <Record />
        : <View className='section'>该页面仅限具有咨询坐席权限的工作人员使用。</View>)}</RoleGate>
    </PageShell>
  )
}
