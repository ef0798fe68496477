/**
 * The native <contact-phone> exactly as shipped: loaded from the weapp build (dist/), not src/,
 * so a broken copy step, a webpack wrapper that never runs Component(), or a template that does
 * not compile fails here. Each test loads it afresh (loadNativeComponent resets modules: a second
 * load of one path in the same registry gives a dead id).
 */
import * as fs from 'fs'
import * as path from 'path'
import { DIST, loadNativeComponent, readDistJson, simulatedWx, waitFor, type SimComponent, type SimJSON } from './taro-page-harness'

const CONTACT_PHONE = 'components/native/contact-phone/index'

let comp: SimComponent | undefined
let host: HTMLElement | undefined
let makePhoneCall: jest.Mock
let calls: { phone: string }[]

function render(props: { phone?: string; label?: string; elder?: boolean }): SimComponent {
  const { simulate, id } = loadNativeComponent(CONTACT_PHONE)
  // Mock on the global `wx` the simulator installed (the component calls `wx.makePhoneCall`).
  makePhoneCall = jest.fn()
  simulatedWx().makePhoneCall = makePhoneCall
  const c = simulate.render(id, props)
  if (!c || !c.dom) throw new Error(`simulate.render gave no component for dist/${CONTACT_PHONE}: Component() never ran`)
  host = document.createElement('div')
  document.body.appendChild(host)
  c.attach(host)
  calls = []
  c.addEventListener('call', (e) => calls.push(e.detail as { phone: string }))
  return c
}

/** Text of the element with wxml class `cls` (simulate prefixes it with the tag name). */
function textOf(c: SimComponent, cls: string): string | undefined {
  return c.querySelector(`.${cls}`)?.dom?.textContent ?? undefined
}

afterEach(() => {
  comp?.detach()
  host?.remove()
  comp = undefined
  host = undefined
})

test('dist/ holds the native component (not a Taro page)', () => {
  const json = readDistJson(`${CONTACT_PHONE}.json`)
  expect(json.component).toBe(true)
  const js = fs.readFileSync(path.join(DIST, `${CONTACT_PHONE}.js`), 'utf8')
  expect(js).toContain('makePhoneCall')
})

test('renders the label and the phone number', () => {
  const c = (comp = render({ label: '咨询电话', phone: '0999-86012211' }))
  expect(textOf(c, 'contact-phone__label')).toBe('咨询电话')
  expect(textOf(c, 'contact-phone__number')).toBe('0999-86012211')
  expect(textOf(c, 'contact-phone__action')).toBe('拨打')
  expect(c.dom?.textContent).toBe('咨询电话0999-86012211拨打')
  // The button is bound to tap and announces what it dials (the official compiler camel-cases aria-*).
  const button = c.toJSON().children[0] as SimJSON
  expect(button.event.tap).toMatchObject({ handler: 'onTap' })
  const ariaLabel = button.attrs.find((a) => a.name === 'ariaLabel' || a.name === 'aria-label')
  expect(ariaLabel?.value).toBe('拨打咨询电话0999-86012211')
})

test('tap dials the number and triggers `call` with it', async () => {
  const c = (comp = render({ label: '咨询电话', phone: '0999-86012211' }))
  c.querySelector('.contact-phone')!.dispatchEvent('tap')

  await waitFor(() => makePhoneCall.mock.calls.length > 0 && calls.length > 0, 'wx.makePhoneCall and the call event')
  expect(makePhoneCall).toHaveBeenCalledTimes(1)
  expect(makePhoneCall.mock.calls[0][0]).toMatchObject({ phoneNumber: '0999-86012211' })
  expect(calls).toEqual([{ phone: '0999-86012211' }])
})

test('setData re-renders, and the next tap dials the new number', async () => {
  const c = (comp = render({ label: '咨询电话', phone: '0999-86012211' }))
  c.setData({ label: '投诉电话', phone: '0999-12345', elder: true })

  await waitFor(() => textOf(c, 'contact-phone__number') === '0999-12345', 'the new phone to render')
  expect(textOf(c, 'contact-phone__label')).toBe('投诉电话')
  expect(c.dom?.textContent).toBe('投诉电话0999-12345拨打')
  // elder mode switches the modifier class on the root view
  expect(c.querySelector('.contact-phone--elder')).toBeDefined()

  c.querySelector('.contact-phone')!.dispatchEvent('tap')
  await waitFor(() => calls.length > 0, 'the call event')
  expect(makePhoneCall).toHaveBeenCalledTimes(1)
  expect(makePhoneCall.mock.calls[0][0]).toMatchObject({ phoneNumber: '0999-12345' })
  expect(calls).toEqual([{ phone: '0999-12345' }])
})

test('without a number a tap neither dials nor fires `call`', async () => {
  const c = (comp = render({ label: '咨询电话', phone: '' }))
  expect(textOf(c, 'contact-phone__number')).toBe('')
  expect(c.querySelector('.contact-phone--elder')).toBeUndefined()
  // Prove the tap was delivered (a second listener on the same node saw it, in the same
  // dispatch as the component's onTap) before asserting that nothing happened.
  let tapped = false
  const button = c.querySelector('.contact-phone')!
  button.addEventListener('tap', () => {
    tapped = true
  })
  button.dispatchEvent('tap')
  await waitFor(() => tapped, 'the tap to be delivered')
  expect(makePhoneCall).not.toHaveBeenCalled()
  expect(calls).toEqual([])
})
