import { Input, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { Faq } from '@core/consult/kb'

/**
 * 关联事项 of an FAQ (its 实施编码), edited beside the FAQ editor: the editor saves the FAQ it is
 * given, so it is handed the FAQ with the matter as typed (none when left empty).
 */
export function FaqMatter({ faq, children }: { faq: Faq; children: (faq: Faq) => ReactNode }) {
  const [matter, setMatter] = useState(faq.matter ?? '')
  const code = matter.trim()
  return (
    <>
      <View className='section field kb-editor__matter'>
        <View className='field__label'>关联事项（实施编码，可留空）</View>
        <Input className='field__input' value={matter} onInput={(e) => setMatter(e.detail.value)} />
        <View className='muted'>填写后，回答下方显示该事项在本市目录中的收费、承诺时限、地点、网办深度与预约入口，随目录更新。</View>
      </View>
      {children({ ...faq, matter: code || undefined })}
    </>
  )
}
