/**
 * The 办事指南 page exactly as shipped (dist/, the weapp build) driven by miniprogram-simulate,
 * answering `wx.cloud.callFunction` from the real `matters` function on the local cloud, seeded
 * with the 示例市 catalogue. See taro-page-harness.ts for how a Taro page runs as a component.
 */
import * as fs from 'fs'
import * as path from 'path'
import { main as matters } from '../../cloudfunctions/matters'
import { main as account } from '../../cloudfunctions/account'
import { main as booking } from '../../cloudfunctions/booking'
import { seedBooking } from '../../scripts/seed/booking'
import { DIST, loadTaroPage, tapElement, type TaroPage } from './taro-page-harness'
import { useSimCloud } from './sim-cloud'

const GUIDE = 'packages/matters/pages/guide/index'

const seedText = fs.readFileSync(path.resolve(__dirname, '../../seed/matters.json'), 'utf8')
interface SeedMatter {
  name: string
  implementationCode: string
  materials: { name: string }[]
  timeLimit: { statutoryDays: number; promisedDays: number; caseKind: string }
  channels: { onsiteVisits: number }
  contact: { consultPhone: string; complaintPhone: string }
}
const seedMatters = (JSON.parse(seedText) as { matters: SeedMatter[] }).matters
const passport = seedMatters.find((m) => m.name === '普通护照签发')!

const { viaLocalCloud, track } = useSimCloud({
  functions: { matters, account, booking },
  catalogue: seedText,
  expectImported: { created: seedMatters.length },
  seed: (invoke, admin) => seedBooking(invoke, admin, () => undefined),
})

/** label → value of the `.kv` rows (Field) inside `section`. */
function fields(p: TaroPage, section: Element): Record<string, string> {
  const out: Record<string, string> = {}
  for (const row of p.byClass('kv', section)) {
    const key = p.textOf('kv__key', row)
    if (key) out[key] = p.textOf('kv__value', row) ?? ''
  }
  return out
}

test('the seed has the matter this test is about', () => {
  expect(passport).toBeDefined()
  expect(passport.implementationCode).toBe('11999900MB0P12328T3000111101001')
  expect(passport.materials.map((m) => m.name)).toContain('《中国公民出入境证件申请表》')
  expect(passport.timeLimit).toMatchObject({ statutoryDays: 15, promisedDays: 7 })
})

test('renders the full 办事指南 of 普通护照签发 from the matters function', async () => {
  const setNavigationBarTitle = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'setNavigationBarTitle:ok' }))
  const makePhoneCall = jest.fn()
  const p = track(await loadTaroPage(GUIDE, {
    query: { id: passport.implementationCode },
    callFunction: viaLocalCloud,
    wx: { setNavigationBarTitle, makePhoneCall },
  }))

  // Materials arrive once the cloud answered and Taro flushed its setData.
  const materialNames = await p.waitFor(() => {
    const names = p.byClass('guide-material__name').map((e) => e.textContent)
    return names.length > 0 && names
  }, 'the materials list')
  expect(materialNames).toEqual(passport.materials.map((m) => m.name))
  expect(materialNames).toContain('《中国公民出入境证件申请表》')

  // one matters call, the documented shape (the 预约办理 entry asks booking.halls separately)
  const matterCalls = p.cloudCalls.filter((c) => c.name === 'matters')
  expect(matterCalls).toHaveLength(1)
  expect(matterCalls[0]).toMatchObject({
    name: 'matters',
    data: { action: 'get', params: { id: passport.implementationCode } },
    result: { ok: true, data: { name: '普通护照签发' } },
  })

  expect(p.textOf('guide-header__name')).toBe('普通护照签发')
  // 到现场1次 and two halls serve it: the weapp build shows 预约办理.
  const bookButton = await p.waitFor(() => p.byClass('btn--primary').find((e) => e.textContent === '预约办理'), 'the 预约办理 button')
  expect(bookButton).toBeTruthy()
  expect(p.cloudCalls.filter((c) => c.name === 'booking').every((c) => (c.data as { action: string }).action === 'halls')).toBe(true)
  expect(p.byClass('guide-materials')).toHaveLength(1)
  expect(p.textOf('guide-materials')).toContain(`共${passport.materials.length}项`)

  // 跑零次 / 最多跑N次 badge in the header
  const visits = passport.channels.onsiteVisits
  const badges = p.byClass('badge', p.byClass('guide-header__badges')[0]).map((e) => e.textContent)
  expect(badges).toContain(visits === 0 ? '跑零次' : `最多跑${visits}次`)
  expect(badges.filter((b) => /^(跑零次|最多跑\d+次)$/.test(b ?? ''))).toHaveLength(1)

  // 办理时限: promised 7 and statutory 15 working days
  const timeLimit = p.byClass('guide-time-limit')
  expect(timeLimit).toHaveLength(1)
  expect(fields(p, timeLimit[0])).toMatchObject({
    办件类型: passport.timeLimit.caseKind,
    法定办结时限: '15个工作日',
    承诺办结时限: '7个工作日',
  })
  expect(p.textOf('guide-time-limit__promise')).toBe('7个工作日')
  expect(p.textOf('guide-time-limit__saved')).toContain('比法定时限缩短8个工作日')

  // the native <contact-phone> is declared by the page and rendered with the consult phone
  const using = p.json.usingComponents as Record<string, string>
  expect(using).toHaveProperty('contact-phone')
  const target = path.join(path.dirname(path.join(DIST, GUIDE)), using['contact-phone'])
  expect(target).toBe(path.join(DIST, 'components/native/contact-phone/index'))
  expect(fs.existsSync(`${target}.js`)).toBe(true)

  const phones = Array.from(p.root.querySelectorAll('contact-phone'))
  const shown = phones.map((el) => [p.textOf('contact-phone__label', el), p.textOf('contact-phone__number', el)])
  expect(shown).toEqual([
    ['咨询电话', passport.contact.consultPhone],
    ['投诉电话', passport.contact.complaintPhone],
  ])
  expect(passport.contact.consultPhone).toBe('0999-86012211')

  // tapping the consult phone inside the page dials it through the native component
  tapElement(p.byClass('contact-phone__number', phones[0])[0])
  await p.waitFor(() => makePhoneCall.mock.calls.length > 0, 'wx.makePhoneCall after tapping 咨询电话')
  expect(makePhoneCall).toHaveBeenCalledTimes(1)
  expect(makePhoneCall.mock.calls[0][0]).toMatchObject({ phoneNumber: passport.contact.consultPhone })

  // the page titles itself after the matter
  await p.waitFor(() => setNavigationBarTitle.mock.calls.length > 0, 'wx.setNavigationBarTitle')
  expect(setNavigationBarTitle.mock.calls[0][0]).toMatchObject({ title: '普通护照签发' })
})

test('an unknown id shows the function’s NOT_FOUND message in Chinese', async () => {
  const unknownId = '11999900MB0P12328T3000999999999'
  expect(seedMatters.some((m) => m.implementationCode === unknownId)).toBe(false)
  const p = track(await loadTaroPage(GUIDE, { query: { id: unknownId }, callFunction: viaLocalCloud }))

  const message = await p.waitFor(() => p.textOf('load-state__message') !== '加载中…' && p.textOf('load-state__message'), 'the error state')
  const reply = p.cloudCalls[0]?.result as { ok: boolean; code: string; message: string }
  expect(p.cloudCalls).toHaveLength(1)
  expect(p.cloudCalls[0].data).toEqual({ action: 'get', params: { id: unknownId } })
  expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  expect(message).toBe(reply.message)
  expect(message).toMatch(/^未找到该事项/)
  // Not found is final: a way home, no 重试 that would fail the same way.
  expect(p.textOf('load-state__title')).toBe('没有找到相关内容')
  expect(p.byClass('load-state__retry')).toHaveLength(0)
  expect(p.textOf('load-state__home')).toBe('返回首页')
  expect(p.byClass('guide-materials')).toHaveLength(0)
  expect(p.root.querySelectorAll('contact-phone')).toHaveLength(0)
})

test('a link without an id says so and never calls the cloud', async () => {
  const p = track(await loadTaroPage(GUIDE, { query: {}, callFunction: viaLocalCloud }))
  await p.waitForText('链接缺少事项编号')
  expect(p.textOf('load-state__title')).toBe('没有找到相关内容')
  expect(p.byClass('load-state__retry')).toHaveLength(0)
  expect(p.cloudCalls).toEqual([])
})
