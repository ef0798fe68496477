import { fireEvent, render, within } from '@testing-library/react'
import { GuideLegal } from '@/packages/matters/components/guide/guide-legal'
import { storedMatter } from './matter-fixture'

describe('办事指南 设定依据', () => {
  it('shows a law once with all its articles, and a numbered title without a stray 》', () => {
    const m = storedMatter({
      legalBasis: [
        { law: '《中华人民共和国居民身份证法》', clause: '第十一条 居民身份证丢失的，应当申请补领。' },
        { law: '《中华人民共和国居民身份证法》', clause: '第十二条 公安机关应当自公民提交之日起六十日内发放居民身份证。' },
        { law: '《中华人民共和国居民身份证法》', clause: '第二十条 应当缴纳证件工本费。' },
        { law: '《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）', clause: '三、（九）建立居住证制度。' },
      ],
    })
    const { container } = render(<GuideLegal matter={m} />)
    const basis = container.querySelector<HTMLElement>('.guide-legal-basis')!
    const groups = basis.querySelectorAll<HTMLElement>('.guide-legal__group')
    expect(groups).toHaveLength(2)
    const titles = Array.from(basis.querySelectorAll('.guide-legal__law')).map((t) => t.textContent)
    expect(titles).toEqual(['《中华人民共和国居民身份证法》', '《国务院关于进一步推进户籍制度改革的意见》（国发〔2014〕25号）'])

    fireEvent.click(groups[0].querySelector('.collapsible__head')!)
    const clauses = within(groups[0]).getAllByText(/^第.+条/)
    expect(clauses.map((c) => c.textContent?.slice(0, 4))).toEqual(['第十一条', '第十二条', '第二十条'])
  })
})
