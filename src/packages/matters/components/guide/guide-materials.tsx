import { Text, View } from '@tarojs/components'
import type { Matter } from '@core/matter/schema'
import { copiesLabel } from '@/utils/matter-format'
import { cx } from '@/utils/class-names'
import { GuideSection, Field } from './guide-section'
import { CopyText } from './copy-text'

type Material = Matter['materials'][number]

const NECESSITY_BADGE: Record<Material['necessity'], { text: string; tone: string }> = {
  必要: { text: '必要', tone: 'badge--accent' },
  非必要: { text: '非必要', tone: '' },
  容缺: { text: '容缺（可后补）', tone: 'badge--warning' },
}

function MaterialItem({ m, index }: { m: Material; index: number }) {
  const need = NECESSITY_BADGE[m.necessity]
  return (
    <View className='guide-material'>
      <View className='guide-material__head'>
        <Text className='guide-material__no'>{index + 1}</Text>
        <Text className='guide-material__name'>{m.name}</Text>
      </View>
      <View className='badges'>
        <Text className={cx('badge', need.tone)}>{need.text}</Text>
        {m.forms.map((f) => (
          <Text key={f} className='badge'>{f}</Text>
        ))}
        <Text className='badge guide-material__copies'>{copiesLabel(m.originals, m.copies)}</Text>
      </View>
      <Field label='来源渠道'>{m.source}</Field>
      {m.notes && <Field label='填报须知'>{m.notes}</Field>}
      {m.blankForm && (
        <Field label='空表'>
          <CopyText text={m.blankForm} what='空表地址' />
        </Field>
      )}
      {m.sample && (
        <Field label='样表'>
          <CopyText text={m.sample} what='样表地址' />
        </Field>
      )}
    </View>
  )
}

export function GuideMaterials({ matter }: { matter: Matter }) {
  const list = matter.materials
  const required = list.filter((m) => m.necessity === '必要').length
  return (
    <GuideSection
      name='guide-materials'
      title='申请材料'
      extra={list.length > 0 && <Text className='section__more'>共{list.length}项，必要{required}项</Text>}
    >
      {list.length === 0 ? (
        <View className='muted'>本事项无需提交申请材料</View>
      ) : (
        list.map((m, i) => <MaterialItem key={`${i}-${m.name}`} m={m} index={i} />)
      )}
    </GuideSection>
  )
}
