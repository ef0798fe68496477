import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { Faq, Rule } from '@core/consult/kb'
import { hasGrant } from '@core/policy'
import { PageShell } from '@/components/page-shell'
import { LoadState } from '@/components/load-state'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useCloudMutation } from '@/hooks/use-cloud-mutation'
import { cx } from '@/utils/class-names'
import { shanghaiDateTime } from '@core/shanghai-time'
import { RoleGate } from '../../components/role-gate'
import { FaqMatter } from './faq-matter'
import '../consult-inbox/consult.scss'

type Tab = 'faq' | 'rule' | 'synonyms' | 'history'
const lines = (s: string) => s.split(/\n/).map((l) => l.trim()).filter(Boolean)
const words = (s: string) => s.split(/[,，、\s]+/).map((l) => l.trim()).filter(Boolean)

function Field({ label, value, onChange, multi, className }: { label: string; value: string; onChange: (v: string) => void; multi?: boolean; className?: string }) {
  return (
    <View className={cx('field', className)}>
      <View className='field__label'>{label}</View>
      {multi ? <Textarea className='field__textarea' value={value} maxlength={4000} onInput={(e) => onChange(e.detail.value)} />
        : <Input className='field__input' value={value} onInput={(e) => onChange(e.detail.value)} />}
    </View>
  )
}

function FaqEditor({ faq, onSaved, onCancel }: { faq: Faq; onSaved: () => void; onCancel: () => void }) {
  const [v, setV] = useState({ id: faq.id, question: faq.question, category: faq.category, similar: faq.similar.join('\n'), keywords: faq.keywords.join('，'), answer: faq.answer })
  const [msg, setMsg] = useState('')
  const saveCall = useCloudMutation('consult', 'saveEntry')
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }))
  const save = async () => {
    const entry: Faq = { ...faq, id: v.id.trim(), question: v.question.trim(), category: v.category.trim(), similar: lines(v.similar), keywords: words(v.keywords), answer: v.answer.trim() }
    const res = await saveCall.run({ kind: 'faq', entry })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    Taro.showToast({ title: `已保存（第${res.data.version}版）`, icon: 'success' })
    onSaved()
  }
  return (
    <View className='section kb-editor'>
      <Field label='编号（faq-开头）' value={v.id} onChange={set('id')} />
      <Field label='标准问题' value={v.question} onChange={set('question')} className='kb-editor__question' />
      <Field label='分类' value={v.category} onChange={set('category')} />
      <Field label='相似问法（每行一个）' value={v.similar} onChange={set('similar')} multi />
      <Field label='关键词（逗号分隔）' value={v.keywords} onChange={set('keywords')} />
      <Field label='答案' value={v.answer} onChange={set('answer')} multi className='kb-editor__answer' />
      {msg && <View className='consult-error'>{msg}</View>}
      <View className={cx('btn btn--primary btn--block kb-editor__save', saveCall.busy && 'btn--disabled')} onClick={save}>保存</View>
      <View className='btn btn--block kb-editor__cancel' onClick={onCancel}>取消</View>
    </View>
  )
}

function RuleEditor({ rule, onSaved, onCancel }: { rule: Rule; onSaved: () => void; onCancel: () => void }) {
  const [v, setV] = useState({ id: rule.id, keywords: rule.keywords.join('，'), match: rule.match, priority: String(rule.priority), content: rule.reply.content })
  const [msg, setMsg] = useState('')
  const saveCall = useCloudMutation('consult', 'saveEntry')
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }))
  const save = async () => {
    const entry: Rule = { ...rule, id: v.id.trim(), keywords: words(v.keywords), match: v.match, priority: Number(v.priority), reply: { ...rule.reply, content: v.content.trim() } }
    const res = await saveCall.run({ kind: 'rule', entry })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    Taro.showToast({ title: `已保存（第${res.data.version}版）`, icon: 'success' })
    onSaved()
  }
  return (
    <View className='section kb-editor'>
      <Field label='编号（rule-开头）' value={v.id} onChange={set('id')} />
      <Field label='关键词（逗号分隔）' value={v.keywords} onChange={set('keywords')} />
      <View className='field__label'>匹配方式</View>
      <View className='chips'>
        <View className={cx('chip', v.match === 'exact' && 'chip--active')} onClick={() => setV((o) => ({ ...o, match: 'exact' }))}>全匹配</View>
        <View className={cx('chip', v.match === 'contains' && 'chip--active')} onClick={() => setV((o) => ({ ...o, match: 'contains' }))}>包含</View>
      </View>
      <Field label='优先级（0–100，大者优先）' value={v.priority} onChange={set('priority')} />
      <Field label='回复内容' value={v.content} onChange={set('content')} multi />
      {msg && <View className='consult-error'>{msg}</View>}
      <View className={cx('btn btn--primary btn--block kb-editor__save', saveCall.busy && 'btn--disabled')} onClick={save}>保存</View>
      <View className='btn btn--block kb-editor__cancel' onClick={onCancel}>取消</View>
    </View>
  )
}

function Knowledge() {
  const kb = useCloudQuery('consult', 'knowledge', {})
  const hist = useCloudQuery('consult', 'kbHistory', {})
  const [tab, setTab] = useState<Tab>('faq')
  const [q, setQ] = useState('')
  const [editing, setEditing] = useState<{ faq?: Faq; rule?: Rule }>()
  const [synonyms, setSynonyms] = useState<string>()
  const [msg, setMsg] = useState('')
  const rollbackCall = useCloudMutation('consult', 'rollback')
  const synonymsCall = useCloudMutation('consult', 'saveEntry')
  const reload = () => { setEditing(undefined); kb.reload(); hist.reload() }
  const data = kb.data
  if (editing?.faq) return <FaqMatter faq={editing.faq}>{(faq) => <FaqEditor faq={faq} onSaved={reload} onCancel={() => setEditing(undefined)} />}</FaqMatter>
  if (editing?.rule) return <RuleEditor rule={editing.rule} onSaved={reload} onCancel={() => setEditing(undefined)} />
  const rollback = async () => {
    const confirm = async () => (await Taro.showModal({ title: '回滚', content: '撤销最近一次修改，恢复到上一版？（历史记录保留）' })).confirm
    const res = await rollbackCall.run({}, { confirm })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    Taro.showToast({ title: `已恢复第${res.data.restored}版`, icon: 'success' })
    reload()
  }
  const saveSynonyms = async () => {
    const groups = lines(synonyms ?? '').map(words).filter((g) => g.length)
    const res = await synonymsCall.run({ kind: 'synonyms', groups })
    if (!res) return
    if (!res.ok) { setMsg(res.message); return }
    setSynonyms(undefined)
    Taro.showToast({ title: '同义词已保存', icon: 'success' })
    reload()
  }
  const has = (s: string) => !q || s.includes(q)
  return (
    <LoadState error={kb.error} hasData={!!data} onRetry={kb.reload}>
      {data && (
        <>
          <View className='section'>
            <View className='muted'>当前第{data.version}版：问答{data.kb.faqs.length}条，规则{data.kb.rules.length}条，同义词{data.kb.synonyms.length}组</View>
            <View className='chips'>
              {([['faq', '问答'], ['rule', '关键词规则'], ['synonyms', '同义词'], ['history', '修改记录']] as [Tab, string][]).map(([t, l]) => (
                <View key={t} className={cx('chip', 'kb-tab', tab === t && 'chip--active')} onClick={() => setTab(t)}>{l}</View>
              ))}
            </View>
            {(tab === 'faq' || tab === 'rule') && <Input className='field__input kb-search' placeholder='搜索' value={q} onInput={(e) => setQ(e.detail.value)} />}
            {msg && <View className='consult-error'>{msg}</View>}
          </View>
          {tab === 'faq' && (
            <View className='section'>
              <View className='btn btn--block kb-new' onClick={() => setEditing({ faq: { id: `faq-new-${Date.now().toString(36)}`, category: '其他', question: '', similar: [], keywords: [], answer: '' } })}>＋ 新增问答</View>
              {data.kb.faqs.filter((f) => has(f.question) || has(f.answer) || f.similar.some(has) || has(f.category)).slice(0, 50).map((f) => (
                <View key={f.id} className='row kb-faq' hoverClass='row--pressed' onClick={() => setEditing({ faq: f })}>
                  <View className='row__main'><Text className='row__title'>{f.question}</Text><View className='row__desc'>{f.category} · 相似问法{f.similar.length}个 · {f.id}</View></View>
                  <Text className='row__extra link'>编辑</Text>
                </View>
              ))}
            </View>
          )}
          {tab === 'rule' && (
            <View className='section'>
              {data.kb.rules.filter((r) => r.keywords.some(has) || has(r.reply.content)).map((r) => (
                <View key={r.id} className='row kb-rule' hoverClass='row--pressed' onClick={() => setEditing({ rule: r })}>
                  <View className='row__main'><Text className='row__title'>{r.keywords.join('、')}</Text><View className='row__desc'>{r.match === 'exact' ? '全匹配' : '包含'} · 优先级{r.priority} · {r.reply.content.slice(0, 30)}</View></View>
                  <Text className='row__extra link'>编辑</Text>
                </View>
              ))}
            </View>
          )}
          {tab === 'synonyms' && (
            <View className='section'>
              <View className='field__label'>每行一组，组内用逗号分隔（同组词检索时视为同一个词）</View>
              <Textarea className='field__textarea kb-synonyms' maxlength={-1} value={synonyms ?? data.kb.synonyms.map((g) => g.join('，')).join('\n')} onInput={(e) => setSynonyms(e.detail.value)} />
              <View className={cx('btn', 'btn--primary', 'btn--block', (synonyms === undefined || synonymsCall.busy) && 'btn--disabled')} onClick={() => { if (synonyms !== undefined) saveSynonyms() }}>保存同义词</View>
            </View>
          )}
          {tab === 'history' && (
            <View className='section'>
              <View className={cx('btn btn--danger btn--block kb-rollback', rollbackCall.busy && 'btn--disabled')} onClick={rollback}>回滚上一步</View>
              {(hist.data ?? []).map((h) => (
                <View key={h.version} className='row kb-history'>
                  <View className='row__main'><Text className='row__title'>第{h.version}版 · {h.change}</Text><View className='row__desc'>{h.byName ?? h.by} · {shanghaiDateTime(h.at)}</View></View>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </LoadState>
  )
}

export default function KnowledgePage() {
  return (
    <PageShell className='kb'>
      <RoleGate min='staff'>{(me) => (hasGrant(me, 'knowledge') ? <Knowledge /> : <View className='section'>该功能仅限具有知识库权限的工作人员使用。</View>)}</RoleGate>
    </PageShell>
  )
}
