/**
 * Drives the weapp build in dist/ with miniprogram-simulate (j-component on jsdom).
 *
 * Native components load as they are, once the webpack runtime is in place (every dist file is
 * a `wx.webpackJsonp` chunk: without dist/runtime.js `Component()` never runs). A whole Taro
 * page loads as a custom component: the harness stubs `App`/`getApp`/`getCurrentPages`, runs
 * dist/app.js (which pulls in runtime, taro, vendors and common), launches the app, and turns
 * the page's `Page(opts)` into a `Component` whose lifetimes call onLoad(query)/onShow/onReady.
 * Templates go through WeChat's official wxml compiler (rootPath = dist), the same base.wxml
 * the real client renders.
 *
 * Every load starts from fresh modules (`jest.resetModules()` here), because dist files and
 * miniprogram-simulate keep state in module scope and a second load of the same path in one
 * module registry yields a dead component id.
 */
import * as fs from 'fs'
import * as path from 'path'

export const DIST = path.resolve(__dirname, '../../dist')

/**
 * How every dist file is loaded: WeChat's official wxml compiler (wcc, shipped in
 * miniprogram-compiler) over the whole build, as the client does. `compiler: 'simulate'` renders
 * Taro pages empty. wcc's output for all of dist/ is ≈ 200 KB today; the default 1 MB pipe
 * buffer would fail with ENOBUFS as the app grows, hence the headroom.
 */
const LOAD_OPTIONS: SimLoadOptions = { rootPath: DIST, compiler: 'official', compilerOptions: { maxBuffer: 32 * 1024 * 1024 } }

type AnyObject = Record<string, any>

/*
 * The slice of miniprogram-simulate / j-component we use, typed here on purpose: their own
 * typings pull in miniprogram-api-typings, whose global `require`/`wx`/`Page` declarations
 * would leak into the whole program and break `tsc` for the Node scripts.
 */
export interface SimJSON {
  tagName: string
  attrs: { name: string; value: unknown }[]
  event: Record<string, { name: string; handler: string; isCapture: boolean; isCatch: boolean }>
  children: (SimJSON | string)[]
}

export interface SimComponent {
  readonly dom: HTMLElement | undefined
  readonly data: AnyObject
  readonly instance: AnyObject
  /** Custom event (e.g. `tap`) on this node, delivered asynchronously like the simulator does. */
  dispatchEvent(eventName: string, options?: AnyObject): void
  addEventListener(eventName: string, handler: (event: AnyObject) => void, capture?: boolean): void
  removeEventListener(eventName: string, handler: (event: AnyObject) => void, capture?: boolean): void
  querySelector(selector: string): SimComponent | undefined
  querySelectorAll(selector: string): SimComponent[]
  setData(data: AnyObject, callback?: () => void): void
  triggerLifeTime(lifetime: string): void
  toJSON(): SimJSON
  attach(parent: Node): void
  detach(): void
}

export interface SimLoadOptions {
  compiler?: 'official' | 'simulate'
  compilerOptions?: { maxBuffer?: number }
  rootPath?: string
  usingComponents?: Record<string, string>
}

export interface Simulate {
  load(componentPath: string, options?: SimLoadOptions): string
  load(componentPath: string, tagName: string, options?: SimLoadOptions): string
  render(id: string, properties?: AnyObject): SimComponent
  sleep(ms?: number): Promise<void>
  match(dom: Node, html: string): boolean
}

/** Fails with a clear message when the weapp build is missing or incomplete. */
export function assertDistFiles(...relFiles: string[]): void {
  const missing = ['app.json', 'runtime.js', ...relFiles].filter((f) => !fs.existsSync(path.join(DIST, f)))
  if (missing.length) {
    throw new Error(
      `The weapp build is missing ${missing.map((f) => `dist/${f}`).join(', ')} (looked in ${DIST}). ` +
        'Build it first: `npx taro build --type weapp` (npm test builds it before running jest).',
    )
  }
}

export function readDistJson<T = AnyObject>(rel: string): T {
  assertDistFiles(rel)
  return JSON.parse(fs.readFileSync(path.join(DIST, rel), 'utf8')) as T
}

/** The global `wx` that miniprogram-simulate installs (its mock API plus whatever we add). */
export function simulatedWx(): AnyObject {
  return (globalThis as AnyObject).wx
}

/**
 * Fresh miniprogram-simulate with a clean `wx` and webpack chunk list, then dist/runtime.js.
 * `wxOverrides` are merged into the global `wx` before any dist code runs (Taro copies some,
 * e.g. `wx.cloud`, when taro.js is evaluated).
 */
export function freshSimulate(wxOverrides: AnyObject = {}): Simulate {
  jest.resetModules()
  const g = globalThis as AnyObject
  delete g.wx // simulate installs `Object.assign(api, global.wx)`: start from its plain mock
  const simulate = require('miniprogram-simulate') as Simulate
  Object.assign(g.wx, wxOverrides)
  delete g.wx.webpackJsonp
  return simulate
}

/** Loads a native component from dist/ (path without extension, e.g. `components/native/x/index`). */
export function loadNativeComponent(rel: string, wxOverrides: AnyObject = {}): { simulate: Simulate; id: string } {
  assertDistFiles(`${rel}.js`, `${rel}.json`, `${rel}.wxml`)
  const simulate = freshSimulate(wxOverrides)
  require(path.join(DIST, 'runtime.js'))
  const id = simulate.load(path.join(DIST, rel), LOAD_OPTIONS)
  return { simulate, id }
}

export interface CallFunctionRequest {
  name: string
  data?: AnyObject
}

export interface CloudCall extends CallFunctionRequest {
  /** What the stub answered with (`res.result`), once it has. */
  result?: unknown
}

/** Polls `probe` every 20 ms until it returns something truthy; never a fixed sleep. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | '',
  what: string,
  { timeoutMs = 10000, describe }: { timeoutMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const v = probe()
      if (v) return v as T
    } catch (e) {
      lastError = e
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}.` +
          (lastError ? ` Last probe error: ${String(lastError)}.` : '') +
          (describe ? ` ${describe()}` : ''),
      )
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * A real tap as the simulator sees it: touchstart + touchend on `el` (j-component turns the pair
 * into a `tap` on the wxml node under it). Works across custom-component boundaries.
 */
export function tapElement(el: Element): void {
  const TouchCtor = (globalThis as AnyObject).Touch
  const touch = () => new TouchCtor({ identifier: 1, target: el, clientX: 1, clientY: 1, pageX: 1, pageY: 1 })
  el.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [touch()], changedTouches: [touch()] }))
  el.dispatchEvent(new TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], changedTouches: [touch()] }))
}

export interface TaroPageOptions {
  /** The page's query, as in `route?id=…`. */
  query?: Record<string, string>
  /** Answers `wx.cloud.callFunction` (Taro.cloud.callFunction on weapp). */
  callFunction?: (req: CallFunctionRequest) => Promise<{ result: unknown }>
  /** Extra `wx` APIs, merged over miniprogram-simulate's mocks before the app starts. */
  wx?: AnyObject
  /** Tag name (and class prefix) of the page component; default `taro-page`. */
  tagName?: string
  /** How long `waitFor` polls before failing; default 10000 ms. */
  timeoutMs?: number
}

export interface TaroPage {
  route: string
  comp: SimComponent
  /** The attached DOM of the page (nested custom components included). */
  root: HTMLElement
  /** dist/<route>.json */
  json: AnyObject
  /** The `Page()` instance (a j-component method caller): setData, data.root, $taroPath… */
  instance: AnyObject
  /** Calls made to `wx.cloud.callFunction`, with the stub's answers. */
  cloudCalls: CloudCall[]
  text(): string
  /**
   * Elements (under `within`, default the page) whose wxml class is `cls`. miniprogram-simulate
   * prefixes classes with the owning component's tag (`taro-page--guide-materials`,
   * `contact-phone--contact-phone__number`); this matches any of the page's prefixes.
   */
  byClass(cls: string, within?: Element): HTMLElement[]
  /** Text of the first element with class `cls`, or undefined. */
  textOf(cls: string, within?: Element): string | undefined
  /** Polls until `probe` returns a truthy value; fails with the rendered text on timeout. */
  waitFor<T>(probe: () => T | undefined | null | false | '', what: string): Promise<T>
  waitForText(...texts: string[]): Promise<void>
  unload(): void
}

/**
 * Loads `route` (e.g. `packages/matters/pages/guide/index`) from dist/, launches the Taro app
 * around it and attaches it to the jsdom document. Call `unload()` when done.
 */
export async function loadTaroPage(route: string, options: TaroPageOptions = {}): Promise<TaroPage> {
  assertDistFiles('app.js', `${route}.js`, `${route}.json`, `${route}.wxml`, 'base.wxml')
  const appJson = readDistJson<{ pages: string[]; subPackages?: { root: string; pages: string[] }[] }>('app.json')
  const declared = [
    ...appJson.pages,
    ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ]
  if (!declared.includes(route)) throw new Error(`${route} is not a page of dist/app.json (pages: ${declared.join(', ')})`)

  const json = readDistJson(`${route}.json`)
  // WeChat refuses to open a page whose declared components are incomplete, and so does the
  // harness (miniprogram-simulate would silently render an empty element instead).
  for (const [tag, ref] of Object.entries((json.usingComponents ?? {}) as Record<string, string>)) {
    const base = path.relative(DIST, path.isAbsolute(ref) ? path.join(DIST, ref) : path.join(DIST, path.dirname(route), ref))
    const missing = ['js', 'json', 'wxml'].map((ext) => `${base}.${ext}`).filter((f) => !fs.existsSync(path.join(DIST, f)))
    if (missing.length) {
      throw new Error(
        `dist/${route}.json uses <${tag}> from ${ref}, but ${missing.map((f) => `dist/${f}`).join(', ')} is missing. ` +
          'Rebuild with `npx taro build --type weapp`.',
      )
    }
  }

  const query = { ...(options.query ?? {}) }
  const tagName = options.tagName ?? 'taro-page'
  const timeoutMs = options.timeoutMs ?? 10000
  const cloudCalls: CloudCall[] = []
  const callFunction = options.callFunction
  const cloud = {
    init: () => undefined,
    callFunction: async (req: CallFunctionRequest & AnyObject) => {
      const call: CloudCall = { name: req.name, data: req.data }
      cloudCalls.push(call)
      if (!callFunction) throw new Error(`wx.cloud.callFunction(${req.name}) called but the test gave no callFunction`)
      const res = await callFunction({ name: req.name, data: req.data })
      call.result = res.result
      req.success?.(res)
      req.complete?.(res)
      return res
    },
  }

  const simulate = freshSimulate({ cloud, ...(options.wx ?? {}) })
  const g = globalThis as AnyObject

  let app: AnyObject | undefined
  let page: AnyObject | undefined
  let pageRegistered = false
  g.App = (opts: AnyObject) => {
    app = opts
  }
  g.getApp = () => app
  g.getCurrentPages = () => (page ? [page] : [])
  g.Page = (opts: AnyObject) => {
    pageRegistered = true
    const data = opts.data ?? {}
    const methods: AnyObject = {}
    const fields: AnyObject = {}
    for (const key of Object.keys(opts)) {
      if (key === 'data') continue
      if (typeof opts[key] === 'function') methods[key] = opts[key]
      else fields[key] = opts[key]
    }
    g.Component({
      data,
      methods,
      lifetimes: {
        created(this: AnyObject) {
          Object.assign(this, fields)
          this.route = route
          this.__route__ = route
          page = this
        },
        attached(this: AnyObject) {
          this.onLoad({ ...query })
          this.onShow?.()
        },
        ready(this: AnyObject) {
          this.onReady?.()
        },
        detached(this: AnyObject) {
          this.onUnload?.()
        },
      },
    })
  }

  require(path.join(DIST, 'app.js'))
  if (!app) throw new Error('dist/app.js did not call App(): is dist/ a Taro weapp build?')
  const launch = { path: route, query: { ...query }, scene: 1001, referrerInfo: {} }
  app.onLaunch?.(launch)
  app.onShow?.(launch)

  const id = simulate.load(path.join(DIST, route), tagName, LOAD_OPTIONS)
  if (!pageRegistered) throw new Error(`dist/${route}.js did not call Page(): its webpack chunks did not run`)
  const comp = simulate.render(id)
  if (!comp || !comp.dom) throw new Error(`simulate.render returned no component for ${route}`)
  const host = document.createElement('div')
  document.body.appendChild(host)
  comp.attach(host)
  const root = comp.dom as HTMLElement

  // Class prefixes: the page's tag, and every custom component it (or Taro's recursive comp) uses.
  const prefixes = new Set<string>([tagName, ...Object.keys(json.usingComponents ?? {})])
  if (fs.existsSync(path.join(DIST, 'comp.json'))) {
    for (const k of Object.keys(readDistJson('comp.json').usingComponents ?? {})) prefixes.add(k)
  }

  const byClass = (cls: string, within: Element = root): HTMLElement[] => {
    const selector = [...prefixes].map((p) => `.${cssEscape(`${p}--${cls}`)}`).join(',')
    return Array.from(within.querySelectorAll<HTMLElement>(selector))
  }
  const text = () => root.textContent ?? ''
  const describe = () =>
    `Page ${route}; cloud calls: ${summarizeCalls(cloudCalls)}; rendered text: «${text().replace(/\s+/g, ' ').slice(0, 1200)}»`
  const waitOnPage = <T>(probe: () => T | undefined | null | false | '', what: string): Promise<T> =>
    waitFor(probe, what, { timeoutMs, describe })

  return {
    route,
    comp,
    root,
    json,
    instance: page as AnyObject,
    cloudCalls,
    text,
    byClass,
    textOf: (cls, within) => byClass(cls, within)[0]?.textContent ?? undefined,
    waitFor: waitOnPage,
    waitForText: async (...texts) => {
      await waitOnPage(() => texts.every((t) => text().includes(t)), `text ${texts.map((t) => `«${t}»`).join(', ')}`)
    },
    unload: () => {
      comp.detach()
      host.remove()
    },
  }
}

function summarizeCalls(calls: CloudCall[]): string {
  if (!calls.length) return 'none'
  return calls
    .map((c) => {
      const r = c.result as { ok?: boolean; code?: string } | undefined
      const outcome = !('result' in c) ? 'pending' : r && r.ok === true ? 'ok' : r && r.ok === false ? r.code : 'not an envelope'
      return `${c.name} ${JSON.stringify(c.data).slice(0, 200)} → ${outcome}`
    })
    .join('; ')
}

function cssEscape(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`)
}
