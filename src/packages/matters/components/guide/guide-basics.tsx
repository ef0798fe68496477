import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { GuideSection, Field } from './guide-section'

const yesNo = (v: boolean) => (v ? '支持' : '不支持')

/** Identity and legal owner of the matter: the 事项要素 a clerk or lawyer looks for. */
export function GuideBasics({ matter }: { matter: Matter }) {
  const c = matter.channels
  return (
    <GuideSection name='guide-basics' title='基本信息'>
      <View className='guide-basics__summary'>{matter.summary}</View>
      <Field label='事项类型'>{matter.type}</Field>
      <Field label='事项状态'>{matter.status}</Field>
      <Field label='版本'>{matter.version}</Field>
      <Field label='基本编码'>
        <Text userSelect>{matter.basicCode}</Text>
      </Field>
      <Field label='实施编码'>
        <Text userSelect>{matter.implementationCode}</Text>
      </Field>
      <Field label='实施主体'>{matter.department.name}</Field>
      <Field label='统一社会信用代码'>
        <Text userSelect>{matter.department.creditCode}</Text>
      </Field>
      <Field label='联办机构'>{matter.jointAgencies.length ? matter.jointAgencies.join('、') : '无'}</Field>
      <Field label='服务对象'>{matter.audiences.join('、')}</Field>
      <Field label='到现场次数'>{c.onsiteVisits === 0 ? '0次（跑零次）' : `${c.onsiteVisits}次`}</Field>
      <Field label='掌上办理'>{yesNo(c.mobile)}</Field>
      <Field label='网上预约'>{yesNo(c.appointment)}</Field>
      <Field label='结果邮寄'>{yesNo(c.postal)}</Field>
      <Field label='通办范围'>{c.scope}</Field>
    </GuideSection>
  )
}
