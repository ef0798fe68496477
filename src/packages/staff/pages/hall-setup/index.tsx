import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HallAdminView } from '@core/api'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { RoleGate } from '../../components/role-gate'
import { HallEditor } from '../../components/hall-editor'
import '../hall-day/index.scss'

type Group = HallAdminView['groups'][number]

function periodsText(g: Group): string {
  const mon = g.template?.weekly['1'] ?? []
  return mon.length ? mon.map((p) => `${p.from}-${p.to}`).join('，') : '未设置'
}

function TemplateEditor({ hall, group, onSaved }: { hall: HallAdminView; group: Group; onSaved: () => void }) {
  const [minutes, setMinutes] = useState(String(group.template?.slotMinutes ?? 30))
  const [capacity, setCapacity] = useState(String(group.template?.capacity ?? 2))
  const [error, setError] = useState('')
  const saveCall = useCloudMutation('booking', 'saveTemplate')
  const save = async () => {
    const res = await saveCall.run({ hallId: hall.hallId, group: group.id, slotMinutes: Number(minutes), capacity: Number(capacity) })
    if (!res) return
    if (res.ok) {
      setError('')
      Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
    } else setError(res.message)
  }
  return (
    <View className='row'>
      <View className='row__main'>
        <View className='row__title'>{group.name}{group.location ? ` · ${group.location}` : ''}</View>
        <View className='row__desc'>办理事项 {group.matterIds.length} 项 · 工作日时段 {periodsText(group)}</View>
        <View className='hall-day__row'>
          <Input className='field__input' type='number' value={minutes} onInput={(e) => setMinutes(e.detail.value)} />
          <Text>分钟/时段</Text>
        </View>
        <View className='hall-day__row'>
          <Input className='field__input' type='number' value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
          <Text>人/时段</Text>
        </View>
        {error && <View className='hall-day__error'>{error}</View>}
        <View className={saveCall.busy ? 'btn btn--primary btn--disabled' : 'btn btn--primary'} onClick={save}>保存模板</View>
      </View>
    </View>
  )
}

function HallSetup({ isAdmin }: { isAdmin: boolean }) {
  const halls = useCloudQuery('booking', 'myHalls', {})
  // '' = a new hall; a hall id = that hall's editor; undefined = none open.
  const [editing, setEditing] = useState<string>()
  const saved = () => {
    setEditing(undefined)
    Taro.showToast({ title: '大厅已保存', icon: 'success' })
    halls.reload()
  }
  return (
    <>
      {isAdmin && (editing === ''
        ? <HallEditor onSaved={saved} onCancel={() => setEditing(undefined)} />
        : <View className='section'><View className='btn btn--primary btn--block hall-setup__new' onClick={() => setEditing('')}>＋ 新建服务大厅</View></View>)}
      <LoadState error={halls.error} hasData={!!halls.data} onRetry={halls.reload} isEmpty={halls.data?.length === 0}
        empty={<Text className='muted'>{isAdmin ? '还没有服务大厅：点击“新建服务大厅”添加。' : '您还没有被分配到服务大厅，请联系管理员。'}</Text>}>
        {(halls.data ?? []).map((h) => (editing === h.hallId
          ? <HallEditor key={h.hallId} initial={h} onSaved={saved} onCancel={() => setEditing(undefined)} />
          : (
            <View key={h.hallId} className={`section hall-setup__hall hall-setup__hall--${h.hallId}`}>
              <View className='section__title'>{h.name}{h.active ? '' : '（暂停预约）'}</View>
              <View className='muted'>{h.address} · {h.hours}</View>
              <View className='link hall-setup__edit' onClick={() => setEditing(h.hallId)}>编辑大厅信息、窗口与办理事项 ›</View>
              <View className='muted'>修改模板只影响尚未生成的时段；已有预约或调整过的时段保持原容量，可在“大厅预约”中单独调整。</View>
              {h.groups.map((g) => <TemplateEditor key={g.id} hall={h} group={g} onSaved={halls.reload} />)}
            </View>
          )))}
      </LoadState>
    </>
  )
}

export default function HallSetupPage() {
  return (
    <PageShell className='hall-setup'>
      <RoleGate min='staff'>{(who) => <HallSetup isAdmin={who.role === 'admin'} />}</RoleGate>
    </PageShell>
  )
}
