import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SearchHit } from '@core/api'
import { HOT_QUERIES } from '@core/matter/taxonomy'
import { SEARCH_MAX_LENGTH } from '@core/matter/limits'
import { PageShell } from '@/components/page-shell'
import { MatterCard } from '@/components/matter-card'
import { LoadState } from '@/components/load-state'
import { SEARCH_PLACEHOLDER } from '@/components/search-entry'
import { useCloudQuery } from '@/hooks/use-cloud-query'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import './index.scss'


const MATCH_HINTS: Record<SearchHit['matchedOn'], string> = {
  name: '事项名称匹配',
  keyword: '关键词匹配',
  pinyin: '拼音匹配',
  synonym: '近义词匹配',
  department: '部门匹配',
  theme: '主题匹配',
  text: '指南内容匹配',
}

const DEBOUNCE_MS = 300

function Chips({ title, words, onPick }: { title: string; words: string[]; onPick: (w: string) => void }) {
  return (
    <View className='section'>
      <View className='section__title'>{title}</View>
      <View className='chips'>
        {words.map((w) => (
          <View key={w} className='chip' hoverClass='chip--active' onClick={() => onPick(w)}>
            {w}
          </View>
        ))}
      </View>
    </View>
  )
}

export default function Search() {
  const [input, setRawInput] = useState('')
  // The server refuses longer text; never let the box hold what it would refuse.
  const setInput = (v: string) => setRawInput(v.slice(0, SEARCH_MAX_LENGTH))
  const typed = useDebouncedValue(input.trim(), DEBOUNCE_MS)
  // Enter / a chip searches at once instead of waiting for the debounce.
  const [submitted, setSubmitted] = useState('')
  const q = submitted === input.trim() ? submitted : typed
  const search = useCloudQuery('matters', 'search', { q }, { enabled: q.length > 0 })
  const result = search.data && search.data.q === q ? search.data : undefined
  // Hot searches not already offered as suggestions; no empty section when they all were.
  const otherHot = HOT_QUERIES.filter((w) => !result?.suggestions.includes(w))

  const pick = (word: string) => {
    setInput(word)
    setSubmitted(word)
  }

  return (
    <PageShell className='search'>
      <View className='search__bar'>
        <Input
          className='search__input'
          value={input}
          focus
          confirmType='search'
          placeholder={SEARCH_PLACEHOLDER}
          placeholderClass='search__placeholder'
          maxlength={SEARCH_MAX_LENGTH}
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={(e) => setSubmitted(e.detail.value.slice(0, SEARCH_MAX_LENGTH).trim())}
        />
        {input && (
          <Text className='search__clear' onClick={() => pick('')}>
            清除
          </Text>
        )}
      </View>

      {input.length >= SEARCH_MAX_LENGTH - 10 && (
        <View className={input.length >= SEARCH_MAX_LENGTH ? 'search__limit search__limit--full' : 'search__limit'}>
          最多{SEARCH_MAX_LENGTH}个字（已输入{input.length}字），请用简短的词描述要办的事
        </View>
      )}

      {!q && <Chips title='热门搜索' words={[...HOT_QUERIES]} onPick={pick} />}

      {q && (
        <LoadState error={search.error} hasData={!!result} onRetry={search.reload} isEmpty={result?.hits.length === 0}
          empty={
            <View className='search__empty'>
              <Text className='search__empty-title'>没有找到与“{q}”相关的事项</Text>
              <Text className='muted'>换个说法试试，例如说出要办的事：“身份证丢了”“提取公积金”</Text>
            </View>
          }
        >
          {result && (
            <>
              <View className='search__count muted'>找到 {result.hits.length} 项相关事项</View>
              {result.hits.map((hit) => (
                <MatterCard key={hit.id} matter={hit} hint={MATCH_HINTS[hit.matchedOn]} />
              ))}
            </>
          )}
        </LoadState>
      )}

      {q && result && result.suggestions.length > 0 && <Chips title='您是不是要找' words={result.suggestions} onPick={pick} />}
      {q && result?.hits.length === 0 && otherHot.length > 0 && <Chips title='大家都在搜' words={otherHot} onPick={pick} />}
    </PageShell>
  )
}
