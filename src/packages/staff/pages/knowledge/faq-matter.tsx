import { Input, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { Faq } from '@core/consult/kb'

// The page keeps zod (core/consult/kb's schemas) out of its bundle: the order of linkedMatters, inline.
const linkedCodes = (f: Faq) => [...new Set([f.matter, ...(f.matters ?? [])].filter((c): c is string => !!c))]
const codesIn = (s: string) => [...new Set(s.split(/[,，、;；\s]+/).map((c) => c.trim()).filter(Boolean))]

/**
 * 关联事项 of an FAQ (实施编码, several when the answer covers several services), edited beside
 * the FAQ editor: the editor saves the FAQ it is given, so it is handed the FAQ with the first code
 * as `matter` and the rest as `matters` (none when left empty).
 */
export function FaqMatter({ faq, children }: { faq: Faq; children: (faq: Faq) => ReactNode }) {
  const [typed, setTyped] = useState(linkedCodes(faq).join('，'))
  const [first, ...more] = codesIn(typed)
  return (
    <>
      <View className='section field kb-editor__matter'>
        <View className='field__label'>关联事项（实施编码，可留空）</View>
        <Input className='field__input' value={typed} onInput={(e) => setTyped(e.detail.value)} />
        <View className='muted'>填写后，回答下方显示该事项在本市目录中的收费、承诺时限、地点、网办深度与预约入口，随目录更新。一条问答涉及多个事项（如申领与补领）时，用逗号分隔多个编码：按提问内容显示最贴切的一个，无法区分时显示第一个。</View>
      </View>
      {children({ ...faq, matter: first, matters: more.length ? more : undefined })}
    </>
  )
}
