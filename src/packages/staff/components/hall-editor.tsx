import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HallAdminView, HallInput, SearchHit } from '@core/api'
import { callCloud } from '@/services/cloud-client'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { cx } from '@/utils/class-names'
import { ChoiceChips } from './chips'
import { TextField } from './text-field'

type Group = HallInput['groups'][number]

const ACTIVE_OPTIONS = [
  { value: true, label: '开放预约' },
  { value: false, label: '暂停预约' },
]

const EMPTY_GROUP: Group = { id: '', name: '', location: '', matterIds: [] }

/** Finds matters by the same search citizens use and adds them to one window. */
function MatterFinder({ served, onAdd }: { served: string[]; onAdd: (hit: SearchHit) => void }) {
  const [q, setQ] = useState('')
  const [hits, setHits] = useState<SearchHit[]>()
  const [error, setError] = useState('')
  const search = async () => {
    if (!q.trim()) return
    const res = await callCloud('matters', 'search', { q: q.trim(), limit: 8 })
    if (res.ok) { setHits(res.data.hits); setError('') } else setError(res.message)
  }
  return (
    <View className='hall-editor__finder'>
      <View className='hall-day__row'>
        <Input className='field__input hall-editor__search' value={q} placeholder='搜索事项名称或关键词，如：护照' confirmType='search'
          onInput={(e) => setQ(e.detail.value)} onConfirm={search} />
        <View className='btn hall-day__small hall-editor__search-go' onClick={search}>搜索</View>
      </View>
      {error && <View className='hall-day__error'>{error}</View>}
      {hits?.length === 0 && <View className='muted'>没有找到相关事项</View>}
      {hits?.map((h) => (
        <View key={h.id} className='row hall-editor__hit'>
          <View className='row__main'>
            <Text className='row__title'>{h.name}</Text>
            <View className='row__desc'>{h.departmentName} · {h.id}</View>
          </View>
          {served.includes(h.id)
            ? <Text className='row__extra'>已添加</Text>
            : <View className='btn hall-day__small hall-editor__add' onClick={() => onAdd(h)}>添加</View>}
        </View>
      ))}
    </View>
  )
}

/**
 * Create a 服务大厅 (admins) or edit one (admins and the hall's staff): name, address, hours,
 * open or paused, and its windows with the matters each serves. The server checks everything again.
 */
export function HallEditor({ initial, onSaved, onCancel }: {
  initial?: HallAdminView
  onSaved: (hall: HallAdminView) => void
  onCancel: () => void
}) {
  const [hall, setHall] = useState<HallInput>(() => initial
    ? { hallId: initial.hallId, name: initial.name, address: initial.address, hours: initial.hours, active: initial.active,
      groups: initial.groups.map(({ id, name, location, matterIds }) => ({ id, name, location: location ?? '', matterIds })) }
    : { hallId: '', name: '', address: '', hours: '周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）', active: true, groups: [{ ...EMPTY_GROUP }] })
  const [names, setNames] = useState<Record<string, string>>(initial?.matterNames ?? {})
  const saveCall = useCloudMutation('booking', 'saveHall')
  const saving = saveCall.busy
  const [error, setError] = useState('')

  const patch = (p: Partial<HallInput>) => setHall((h) => ({ ...h, ...p }))
  const patchGroup = (i: number, p: Partial<Group>) => setHall((h) => ({ ...h, groups: h.groups.map((g, j) => (j === i ? { ...g, ...p } : g)) }))

  const save = async () => {
    setError('')
    // The server's schema is strict: an empty 楼层区域 is left out, not sent as ''.
    const groups = hall.groups.map((g) => {
      const location = g.location?.trim()
      return { id: g.id.trim(), name: g.name.trim(), matterIds: g.matterIds, ...(location ? { location } : {}) }
    })
    const res = await saveCall.run({ ...hall, hallId: hall.hallId.trim(), groups })
    if (!res) return
    if (res.ok) onSaved(res.data)
    else setError(res.message)
  }

  return (
    <View className='section hall-editor'>
      <View className='section__title'>{initial ? `编辑：${initial.name}` : '新建服务大厅'}</View>
      <View className='field'>
        <Text className='field__label'>大厅代码（小写字母、数字和连字符，创建后不能修改）</Text>
        {initial
          ? <Text className='hall-editor__code' userSelect>{hall.hallId}</Text>
          : <Input className='field__input hall-editor__id' value={hall.hallId} placeholder='如 hall-east' onInput={(e) => patch({ hallId: e.detail.value })} />}
      </View>
      <TextField label='名称' className='hall-editor__name' value={hall.name} maxlength={60} placeholder='如 示例市东城区政务服务中心' onInput={(name) => patch({ name })} />
      <TextField label='地址' className='hall-editor__address' value={hall.address} maxlength={120} onInput={(address) => patch({ address })} />
      <TextField label='办公时间（向群众展示）' className='hall-editor__hours' value={hall.hours} maxlength={120} onInput={(hours) => patch({ hours })} />
      <View className='field'>
        <Text className='field__label'>状态</Text>
        <ChoiceChips options={ACTIVE_OPTIONS} value={hall.active} onChange={(active) => patch({ active })} />
      </View>

      {hall.groups.map((g, i) => (
        <View key={i} className={cx('hall-editor__group', `hall-editor__group--${i}`)}>
          <View className='section__title'>窗口 {i + 1}</View>
          <TextField label='窗口代码' className='hall-editor__group-id' value={g.id} placeholder='如 huzheng' onInput={(id) => patchGroup(i, { id })} />
          <TextField label='窗口名称' className='hall-editor__group-name' value={g.name} maxlength={40} placeholder='如 公安户政窗口' onInput={(name) => patchGroup(i, { name })} />
          <TextField label='楼层区域（可不填）' className='hall-editor__group-location' value={g.location ?? ''} maxlength={40} placeholder='如 二楼B区' onInput={(location) => patchGroup(i, { location })} />
          <View className='field'>
            <Text className='field__label'>办理事项（{g.matterIds.length}项，共用本窗口的时段名额）</Text>
            {g.matterIds.length === 0 && <View className='muted'>尚未添加事项：群众在这些事项的办事指南中才能看到本窗口</View>}
            <View className='chips'>
              {g.matterIds.map((id) => (
                <View key={id} className={cx('chip', 'chip--active', 'hall-editor__matter', !names[id] && 'hall-editor__matter--unknown')}
                  onClick={() => patchGroup(i, { matterIds: g.matterIds.filter((x) => x !== id) })}>
                  {names[id] ?? `${id}（目录中未找到）`} ✕
                </View>
              ))}
            </View>
            <MatterFinder served={g.matterIds} onAdd={(h) => {
              setNames((n) => ({ ...n, [h.id]: h.name }))
              patchGroup(i, { matterIds: [...g.matterIds, h.id] })
            }} />
          </View>
          {hall.groups.length > 1 && (
            <View className='btn hall-editor__remove-group' onClick={() => patch({ groups: hall.groups.filter((_, j) => j !== i) })}>删除此窗口</View>
          )}
        </View>
      ))}
      <View className='btn hall-editor__add-group' onClick={() => patch({ groups: [...hall.groups, { ...EMPTY_GROUP }] })}>＋ 添加窗口</View>

      {error && <View className='hall-day__error hall-editor__error'>{error}</View>}
      <View className='hall-editor__actions'>
        <View className='btn' onClick={onCancel}>取消</View>
        <View className={cx('btn btn--primary hall-editor__save', saving && 'btn--disabled')} onClick={save}>{saving ? '保存中…' : '保存大厅'}</View>
      </View>
    </View>
  )
}
