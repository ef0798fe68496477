import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { HandoffContext, HandoffLine } from '@core/api'
import { shanghaiDateTime } from '@core/shanghai-time'

/** Why the question reached a person, in the agent's words. */
export const HANDOFF_REASONS: Record<string, string> = {
  human: '群众要求人工', complaint: '投诉', dispute: '异议 / 纠纷', 'own-case': '本人办件问题', intent: '需人工判断',
  'no-match': '机器人无法回答', 'off-topic': '非政务问题',
}

const ROLES = { citizen: '群众', bot: '机器人', staff: '工作人员' } as const
const KINDS = { application: '办件', booking: '预约' } as const

/**
 * What a bot turn offered: the questions of 您是不是想问 (its text is only that prompt), or the
 * entries listed under an answer (您可能还想问) or a handoff (您也可以先看看).
 */
function OfferedView({ line }: { line: HandoffLine }) {
  if (line.role !== 'bot' || !line.suggestions?.length) return null
  const title = line.type === 'suggestions' ? '' : line.type === 'answer' ? '您可能还想问：' : '您也可以先看看：'
  return (
    <View className='consult-context__offered'>
      {title && <View className='muted'>{title}</View>}
      {line.suggestions.map((s, i) => <View key={s.id} className='consult-context__option'>{i + 1}. {s.question}</View>)}
    </View>
  )
}

/** The conversation before the question (masked) and the citizen's own applications and bookings. */
export function HandoffContextView({ context }: { context: HandoffContext }) {
  return (
    <View className='consult-context'>
      {context.messages.length > 0 && (
        <View className='consult-context__lines'>
          <View className='muted'>此前的对话</View>
          {context.messages.map((m, i) => (
            <View key={i} className={`consult-context__line consult-context__line--${m.role}`}>
              <Text className='muted'>{ROLES[m.role]} {shanghaiDateTime(m.at)}</Text>
              <View>{m.text}</View>
              <OfferedView line={m} />
            </View>
          ))}
        </View>
      )}
      {context.records.length > 0 && (
        <View className='consult-context__records'>
          <View className='muted'>群众近期的办件与预约</View>
          {context.records.map((r) => (
            <View key={`${r.kind}-${r.id}`} className='row link consult-context__record' hoverClass='row--pressed' onClick={() => Taro.navigateTo({ url: r.link })}>
              {KINDS[r.kind]} · {r.title} · {r.status} · {r.no}{r.when ? ` · ${r.when}` : ''} ›
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
