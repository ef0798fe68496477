/**
 * The slice of @tarojs/taro the app uses, for jsdom tests: in-memory storage, a real event
 * centre (elder mode and identity broadcast through it), router params the test can set, and
 * jest.fn() for side-effecting APIs so tests can assert on them.
 */
import { useEffect, useRef } from 'react'

type Listener = (...args: unknown[]) => void

class Events {
  private listeners = new Map<string, Set<Listener>>()
  on(name: string, fn: Listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set())
    this.listeners.get(name)!.add(fn)
    return this
  }
  off(name: string, fn?: Listener) {
    if (fn) this.listeners.get(name)?.delete(fn)
    else this.listeners.delete(name)
    return this
  }
  trigger(name: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(...args)
    return this
  }
}

const storage = new Map<string, unknown>()
const router = { params: {} as Record<string, string> }

/** Test helpers (not part of Taro). */
export const __test = {
  storage,
  router,
  reset() {
    storage.clear()
    router.params = {}
  },
}

export const eventCenter = new Events()

export const getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
export const setStorageSync = (key: string, value: unknown) => {
  storage.set(key, value)
}
export const getAppBaseInfo = () => ({})

export const navigateTo = jest.fn(async (_opts: { url: string }) => ({ errMsg: 'navigateTo:ok' }))
export const switchTab = jest.fn(async (_opts: { url: string }) => ({ errMsg: 'switchTab:ok' }))
export const makePhoneCall = jest.fn(async (_opts: { phoneNumber: string }) => ({ errMsg: 'makePhoneCall:ok' }))
export const showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
export const showModal = jest.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
export const setClipboardData = jest.fn(async () => ({ errMsg: 'setClipboardData:ok' }))
export const pageScrollTo = jest.fn(async () => ({ errMsg: 'pageScrollTo:ok' }))
export const setNavigationBarTitle = jest.fn(async () => ({ errMsg: 'setNavigationBarTitle:ok' }))
export const cloud = { init: jest.fn(), callFunction: jest.fn() }
export const chooseImage = jest.fn(async (_opts?: unknown): Promise<{ tempFilePaths: string[]; tempFiles?: unknown[] }> => { throw new Error('chooseImage:fail cancel') })
export const redirectTo = jest.fn(async (_opts: { url: string }) => ({ errMsg: 'redirectTo:ok' }))
export const enableAlertBeforeUnload = jest.fn((_opts: { message: string }) => undefined)
export const disableAlertBeforeUnload = jest.fn(() => undefined)

export const useRouter = () => router

/** Page lifecycle hooks: "show" happens once on mount in a test; the others never fire. */
export function useDidShow(fn: () => void) {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => ref.current(), [])
}
export const useShareAppMessage = (_fn: unknown) => undefined
export const useReachBottom = (_fn: unknown) => undefined
export const useDidHide = (_fn: unknown) => undefined

const Taro = {
  eventCenter, getStorageSync, setStorageSync, getAppBaseInfo, navigateTo, switchTab, makePhoneCall, showToast,
  showModal, setClipboardData, pageScrollTo, setNavigationBarTitle, cloud, chooseImage, redirectTo,
  enableAlertBeforeUnload, disableAlertBeforeUnload,
}
export default Taro
