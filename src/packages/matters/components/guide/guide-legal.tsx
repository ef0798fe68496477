import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { groupLegalBasis } from '@core/matter/legal-basis'
import { Collapsible } from '@/components/collapsible'
import { GuideSection, Field } from './guide-section'

/** 设定依据 (collapsed: long legal text; one entry per law, its articles inside) and the citizen's remedies. */
export function GuideLegal({ matter }: { matter: Matter }) {
  return (
    <>
      <GuideSection name='guide-legal-basis' title='设定依据'>
        {groupLegalBasis(matter.legalBasis).map((g) => (
          <Collapsible key={g.law} className='guide-legal__group' title={<Text className='guide-legal__law'>{g.law}</Text>}>
            {g.clauses.map((clause, i) => (
              <View key={i} className='guide-legal__clause'>{clause}</View>
            ))}
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
