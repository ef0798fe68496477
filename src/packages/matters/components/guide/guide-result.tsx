import type { Matter } from '@core/matter/schema'
import { GuideSection, Field } from './guide-section'
import { CopyText } from './copy-text'

export function GuideResult({ matter }: { matter: Matter }) {
  const r = matter.result
  return (
    <GuideSection name='guide-result' title='办理结果'>
      <Field label='结果名称'>{r.name}</Field>
      <Field label='结果样本'>{r.sample ? <CopyText text={r.sample} what='样本地址' /> : '暂无样本'}</Field>
    </GuideSection>
  )
}
