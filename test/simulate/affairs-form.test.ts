/**
 * The 在线申办 form page exactly as shipped (dist/, the weapp build) in miniprogram-simulate, with
 * `wx.cloud.callFunction` answered by the real `matters` and `affairs` functions on the local
 * cloud (示例市 catalogue with its forms): the form is generated from `matters.get`, a wrong
 * 身份证号 check digit and empty required fields are refused in Chinese before anything is sent.
 */
import * as fs from 'fs'
import * as path from 'path'
import { main as matters } from '../../cloudfunctions/matters'
import { main as account } from '../../cloudfunctions/account'
import { main as affairs } from '../../cloudfunctions/affairs'
import { withMatterForms } from '../../scripts/seed/affairs'
import { idCheckChar } from '../../core/matter/form'
import { loadTaroPage, tapElement, type TaroPage } from './taro-page-harness'
import { useSimCloud } from './sim-cloud'

const APPLY = 'packages/affairs/pages/apply/index'
const MATTER = '11999900MB0P12301G3000711104002' // 户口迁入登记

const catalogue = withMatterForms(fs.readFileSync(path.resolve(__dirname, '../../seed/matters.json'), 'utf8'))
const form = (JSON.parse(catalogue) as { matters: { implementationCode: string; form?: { fields: { key: string; label: string; required: boolean }[] } }[] })
  .matters.find((m) => m.implementationCode === MATTER)!.form!

const { viaLocalCloud, track } = useSimCloud({ functions: { matters, account, affairs }, catalogue })

/** Types into the field `key` the way the client does: an `input` event on its <input>, through Taro's handler. */
function type(p: TaroPage, key: string, value: string) {
  const box = p.byClass(`field--${key}`)[0]
  if (!box) throw new Error(`no field ${key}`)
  const el = Array.from(box.querySelectorAll<HTMLElement>('*')).find((e) => /input$/i.test(e.tagName) && e.dataset.sid)
  if (!el) throw new Error(`field ${key} has no input: ${box.outerHTML.slice(0, 800)}`)
  const sid = el.dataset.sid!
  const target = { id: sid, dataset: { sid } }
  p.instance.eh({ type: 'input', detail: { value, cursor: value.length }, currentTarget: target, target, timeStamp: Date.now() })
}

const errorOf = (p: TaroPage, key: string) => p.textOf('error-text', p.byClass(`field--${key}`)[0])

test('the form is generated from matters.get and enforces required fields and the ID check digit', async () => {
  const p = track(await loadTaroPage(APPLY, { query: { matterId: MATTER }, callFunction: viaLocalCloud }))
  const labels = await p.waitFor(() => {
    const l = p.byClass('field__label').map((e) => e.textContent)
    return l.length > 0 && l
  }, 'the generated form fields')
  expect(labels).toEqual(form.fields.map((f) => `${f.label}${f.required ? ' *' : ''}`))
  expect(p.textOf('affairs-title')).toBe('户口迁入登记')
  const get = p.cloudCalls.find((c) => c.name === 'matters')
  expect(get).toMatchObject({ data: { action: 'get', params: { id: MATTER } }, result: { ok: true, data: { form: { fields: expect.any(Array) } } } })
  // Every material of the guide can be attached.
  expect(p.byClass('affairs-material__name').map((e) => e.textContent)).toEqual(['迁移人的居民身份证', '迁移人的居民户口簿', '落户地址证明', '落户条件证明'])

  // 提交 with nothing filled in: every required field says so, nothing is sent.
  const callsBefore = p.cloudCalls.length
  tapElement(p.byClass('affairs-submit')[0])
  await p.waitFor(() => errorOf(p, 'name'), 'the required-field errors')
  expect(errorOf(p, 'name')).toBe('不能为空')
  expect(errorOf(p, 'idNumber')).toBe('不能为空')
  expect(errorOf(p, 'reason')).toBe('请选择')
  expect(errorOf(p, 'promise')).toBe('请勾选')
  expect(p.textOf('affairs-message')).toBe(`请修改标红的${form.fields.filter((f) => f.required).length}处内容`)

  // A wrong check digit is refused in Chinese; the fixed number clears it.
  const id17 = '33010619900307123'
  const good = id17 + idCheckChar(id17)
  type(p, 'name', '张三')
  type(p, 'idNumber', id17 + (idCheckChar(id17) === '0' ? '1' : '0'))
  type(p, 'phone', '1381234')
  tapElement(p.byClass('affairs-submit')[0])
  await p.waitFor(() => errorOf(p, 'idNumber') === '校验位不正确，请核对', 'the check-digit error')
  expect(errorOf(p, 'name')).toBeUndefined()
  expect(errorOf(p, 'phone')).toBe('应为11位手机号码')
  type(p, 'idNumber', good)
  await p.waitFor(() => errorOf(p, 'idNumber') === undefined, 'the ID error to clear on input')
  expect(p.cloudCalls.slice(callsBefore).filter((c) => c.data?.action === 'submit')).toEqual([])
})
