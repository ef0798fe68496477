import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { Collapsible } from '@/components/collapsible'
import { GuideSection, Field } from './guide-section'

/** 设定依据 (collapsed: long legal text) and the citizen's remedies. */
export function GuideLegal({ matter }: { matter: Matter }) {
  return (
    <>
      <GuideSection name='guide-legal-basis' title='设定依据'>
        {matter.legalBasis.map((b, i) => (
          <Collapsible key={i} title={<Text className='guide-legal__law'>《{b.law.replace(/^《|》$/g, '')}》</Text>}>
            {b.clause}
          </Collapsible>
        ))}
      </GuideSection>
      <GuideSection name='guide-remedy' title='救济途径'>
        <Field label='行政复议'>{matter.remedy.reconsideration}</Field>
        <Field label='行政诉讼'>{matter.remedy.litigation}</Field>
      </GuideSection>
    </>
  )
}
