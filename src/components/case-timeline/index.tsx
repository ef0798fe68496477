import { Text, View } from '@tarojs/components'
import { ACTION_LABELS, STATUS_LABELS, type TimelineEntry } from '@core/affairs/model'
import { shanghaiDateTime } from '@core/shanghai-time'

/** Every step of a case: who (申请人 or a department, never a staff openid), when, what, comment. */
export function CaseTimeline({ entries, materials = [], fields = [] }: {
  entries: TimelineEntry[]
  /** The matter's materials and fields, so 补正 steps name them instead of showing ids. */
  materials?: { id: string; name: string }[]
  fields?: { key: string; label: string }[]
}) {
  const materialName = (id: string) => materials.find((m) => m.id === id)?.name ?? id
  const fieldLabel = (key: string) => fields.find((f) => f.key === key)?.label ?? key
  return (
    <View className='case-timeline'>
      {[...entries].reverse().map((e) => (
        <View key={e.seq} className='case-timeline__item' style={{ padding: '12px 0', borderBottom: '1px solid var(--color-border)' }}>
          <View><Text className='case-timeline__what' style={{ fontWeight: 600 }}>{ACTION_LABELS[e.action]}</Text><Text className='muted'>（{STATUS_LABELS[e.status]}）</Text></View>
          <View className='muted'>{e.by} · {shanghaiDateTime(e.at)}</View>
          {e.comment && <View className='case-timeline__comment'>意见：{e.comment}</View>}
          {e.materials?.length ? <View className='case-timeline__comment'>需补正材料：{e.materials.map(materialName).join('、')}</View> : null}
          {e.fields?.length ? <View className='case-timeline__comment'>需补正信息：{e.fields.map(fieldLabel).join('、')}</View> : null}
          {e.result && <View className='case-timeline__comment'>办理结果：{e.result.decision}{e.result.expressNo ? `，快递单号${e.result.expressNo}` : ''}</View>}
        </View>
      ))}
    </View>
  )
}
