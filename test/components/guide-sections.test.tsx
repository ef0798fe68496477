import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { GuideView } from '@/packages/matters/components/guide/guide-view'
import { GuideMaterials } from '@/packages/matters/components/guide/guide-materials'
import { GuideTimeLimit } from '@/packages/matters/components/guide/guide-time-limit'
import { GuideFees } from '@/packages/matters/components/guide/guide-fees'
import { GuideHeader } from '@/packages/matters/components/guide/guide-header'
import { storedMatter } from './matter-fixture'

const section = (container: HTMLElement, name: string) => {
  const el = container.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`section .${name} not rendered`)
  return el
}

describe('办事指南 sections', () => {
  it('lists every material with form, necessity, copies and source', () => {
    const { container } = render(<GuideMaterials matter={storedMatter()} />)
    const materials = within(section(container, 'guide-materials'))
    expect(materials.getByText('共2项，必要1项')).toBeTruthy()

    const items = section(container, 'guide-materials').querySelectorAll('.guide-material')
    expect(items).toHaveLength(2)
    const [first, second] = Array.from(items).map((el) => within(el as HTMLElement))
    first.getByText('居民户口簿')
    first.getByText('必要')
    first.getByText('纸质')
    first.getByText('原件1份')
    first.getByText('申请人自备')

    second.getByText('居民身份证挂失声明')
    second.getByText('非必要')
    second.getByText('电子')
    second.getByText('复印件1份')
    second.getByText('已挂失的提供')
  })

  it('shows both original and copy counts, and says so when none are needed', () => {
    const m = storedMatter({
      materials: [
        { name: '营业执照', forms: ['纸质'], necessity: '容缺', originals: 1, copies: 2, source: '市场监管部门核发' },
        { name: '电子证照', forms: ['电子'], necessity: '必要', originals: 0, copies: 0, source: '电子证照库自动调取' },
      ],
    })
    const { container } = render(<GuideMaterials matter={m} />)
    const s = within(section(container, 'guide-materials'))
    s.getByText('原件1份 / 复印件2份')
    s.getByText('无需提交纸质份数')
    s.getByText('容缺（可后补）')
  })

  it('renders 承诺办结时限 and 法定办结时限 as text, with the compression', () => {
    const { container } = render(<GuideTimeLimit matter={storedMatter()} />)
    const s = within(section(container, 'guide-time-limit'))
    s.getByText('承诺办结时限')
    s.getByText('20个工作日')
    s.getByText('法定办结时限')
    s.getByText('60个工作日')
    s.getByText('比法定时限缩短40个工作日（压缩67%）')
  })

  it('describes 即办件 without a day count', () => {
    const m = storedMatter({ timeLimit: { statutoryDays: 20, promisedDays: 0, caseKind: '即办件' } })
    const { container } = render(<GuideTimeLimit matter={m} />)
    within(section(container, 'guide-time-limit')).getByText('即办件，材料齐全当场办结')
  })

  it('says 不收费 for free matters and lists fee items otherwise', () => {
    const free = storedMatter({ fees: { charged: false, items: [], onlinePayment: false } })
    const { container, rerender } = render(<GuideFees matter={free} />)
    within(section(container, 'guide-fees')).getByText('不收费')

    rerender(<GuideFees matter={storedMatter()} />)
    const s = within(section(container, 'guide-fees'))
    s.getByText('居民身份证工本费')
    s.getByText('20元/证')
    s.getByText('可减免')
    s.getByText('支持网上支付')
  })

  it('shows 跑零次 for zero visits, otherwise 最多跑N次 with the reason', () => {
    const { rerender } = render(<GuideHeader matter={storedMatter()} />)
    screen.getByText('最多跑1次')
    screen.getByText('需现场采集人像和指纹')
    rerender(
      <GuideHeader
        matter={storedMatter({ channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '跨省通办' } })}
      />,
    )
    screen.getByText('跑零次')
    screen.getByText('Ⅳ级 全程网办')
    screen.getByText('跨省通办')
    expect(screen.queryByText('必须现场办理原因：')).toBeNull()
  })

  it('renders every element of the guide in anchored sections', () => {
    const m = storedMatter({ jointAgencies: ['示例市民政局'] })
    const { container } = render(<GuideView matter={m} />)
    for (const name of [
      'guide-basics', 'guide-conditions', 'guide-materials', 'guide-steps', 'guide-time-limit', 'guide-fees',
      'guide-result', 'guide-contact', 'guide-legal-basis', 'guide-remedy', 'guide-faqs',
    ]) {
      expect(container.querySelector(`#${name}.${name}`)).not.toBeNull()
    }
    const basics = within(section(container, 'guide-basics'))
    basics.getByText(m.basicCode)
    basics.getByText(m.implementationCode)
    basics.getByText('11999900MB0P12301G')
    basics.getByText('示例市民政局')
    basics.getByText('自然人')
    within(section(container, 'guide-steps')).getByText('审核制证')
    within(section(container, 'guide-remedy')).getByText(m.remedy.litigation)
    within(section(container, 'guide-result')).getByText('中华人民共和国居民身份证')
    within(section(container, 'guide-contact')).getByText('示例市新城区政务大道88号')

    // Legal text is collapsed until asked for.
    const legal = section(container, 'guide-legal-basis')
    expect(within(legal).queryByText(/第十一条/)).toBeNull()
    fireEvent.click(within(legal).getByText('展开 ▼'))
    within(legal).getByText(/第十一条/)
  })

  it('dials the consult and complaint numbers (h5 twin of the native component)', () => {
    const { container } = render(<GuideView matter={storedMatter()} />)
    const contact = within(section(container, 'guide-contact'))
    fireEvent.click(contact.getByText('0999-81234567'))
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0999-81234567' })
    contact.getByText('投诉电话')
  })

  it('jumps to a section from the quick-jump chips', () => {
    render(<GuideView matter={storedMatter()} />)
    fireEvent.click(screen.getByText('材料'))
    expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#guide-materials' }))
  })
})
