import Taro from '@tarojs/taro'
import type { TemplateInfo } from '@core/push/api-types'
import type { TemplateKey } from '@core/push/templates'
import type { SubscribeResult } from '@core/push/ledger'
import { callCloud } from './cloud-client'
import { isLocalPreview, localIdentity } from './identity'

/**
 * Subscription capture. Call `requestSubscribe(keys)` from a tap handler (WeChat shows its
 * dialog only then). Template ids come from `push.templates` (cached); at most 3 ids of one kind
 * go into one dialog (one-time and long-term cannot be mixed). On weapp WeChat's own dialog
 * answers; on h5 an imitation does (`SubscribeDialog`, mounted by PageShell), and in the local
 * preview its answers are also reported to the local sink (what WeChat itself would hold).
 * Every answer goes to `push.subscribe`, which keeps our ledger.
 */

export type SubscribeOutcome =
  | { ok: true; results: Record<string, SubscribeResult>; accepted: number }
  | { ok: false; message: string }

let templatesCache: TemplateInfo[] | undefined

export async function loadTemplates(): Promise<TemplateInfo[] | undefined> {
  if (templatesCache) return templatesCache
  const res = await callCloud('push', 'templates', {})
  if (res.ok) templatesCache = res.data
  return res.ok ? res.data : undefined
}

/** Groups of ≤ 3 ids of one kind, in the order asked. */
export function dialogGroups(templates: TemplateInfo[]): TemplateInfo[][] {
  const groups: TemplateInfo[][] = []
  for (const kind of ['once', 'long'] as const) {
    const of = templates.filter((t) => t.kind === kind)
    for (let i = 0; i < of.length; i += 3) groups.push(of.slice(i, i + 3))
  }
  return groups
}

// ---- the h5 imitation of WeChat's dialog -------------------------------------------------

export interface DialogRequest {
  templates: TemplateInfo[]
  resolve: (answer: { results: Record<string, SubscribeResult>; always: boolean } | null) => void
}

type Listener = (req: DialogRequest | null) => void
const listeners = new Set<Listener>()
let current: DialogRequest | null = null

export function onDialogRequest(l: Listener): () => void {
  listeners.add(l)
  l(current)
  return () => {
    listeners.delete(l)
  }
}

function show(req: DialogRequest | null): void {
  current = req
  listeners.forEach((l) => l(req))
}

/** WeChat's standing choice ("总是保持以上选择，不再询问"), per template id, per identity. */
const STANDING_KEY = 'smartgov:subscribe-standing'
function standingKey(): string {
  return isLocalPreview ? `${STANDING_KEY}:${localIdentity.get()}` : STANDING_KEY
}
export function standingChoices(): Record<string, SubscribeResult> {
  try {
    const raw = Taro.getStorageSync(standingKey())
    return raw && typeof raw === 'object' ? (raw as Record<string, SubscribeResult>) : {}
  } catch {
    return {}
  }
}
function rememberStanding(results: Record<string, SubscribeResult>): void {
  try {
    Taro.setStorageSync(standingKey(), { ...standingChoices(), ...results })
  } catch {
    /* storage full: WeChat would simply ask again */
  }
}
export function clearStandingChoices(): void {
  try {
    Taro.removeStorageSync(standingKey())
  } catch {
    /* nothing stored */
  }
}

/** Answers the open dialog (used by the component). */
export function answerDialog(answer: { results: Record<string, SubscribeResult>; always: boolean } | null): void {
  const req = current
  show(null)
  req?.resolve(answer)
}

async function askH5(group: TemplateInfo[]): Promise<Record<string, SubscribeResult> | null> {
  const standing = standingChoices()
  // Like WeChat: once "always" was ticked, the same answer comes back without a dialog.
  if (group.every((t) => standing[t.templateId])) {
    return Object.fromEntries(group.map((t) => [t.templateId, standing[t.templateId]]))
  }
  const answer = await new Promise<{ results: Record<string, SubscribeResult>; always: boolean } | null>((resolve) => show({ templates: group, resolve }))
  if (!answer) return null
  if (answer.always) rememberStanding(answer.results)
  if (isLocalPreview) {
    try {
      await fetch('/api/local/subscribe-dialog', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-local-openid': localIdentity.get() },
        body: JSON.stringify({ answers: group.map((t) => ({ templateId: t.templateId, result: answer.results[t.templateId], kind: t.kind })) }),
      })
    } catch {
      /* the preview's sink then holds no quota: the send is skipped, as WeChat would */
    }
  }
  return answer.results
}

async function askWeapp(group: TemplateInfo[]): Promise<Record<string, SubscribeResult> | { error: string }> {
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: group.map((t) => t.templateId), entityIds: [] })) as unknown as Record<string, string>
    const out: Record<string, SubscribeResult> = {}
    for (const t of group) {
      const r = res[t.templateId]
      out[t.templateId] = r === 'accept' || r === 'acceptWithAudio' ? 'accept' : r === 'ban' ? 'ban' : r === 'filter' ? 'filter' : 'reject'
    }
    return out
  } catch (e) {
    const code = (e as { errCode?: number }).errCode
    return { error: code === 20004 ? '您已关闭订阅消息总开关，请在小程序设置中开启' : '订阅失败，请稍后重试' }
  }
}

export async function requestSubscribe(keys: TemplateKey[]): Promise<SubscribeOutcome> {
  const all = await loadTemplates()
  if (!all) return { ok: false, message: '网络异常，请稍后重试' }
  const wanted = keys.map((k) => all.find((t) => t.key === k)).filter((t): t is TemplateInfo => !!t)
  if (!wanted.length) return { ok: false, message: '暂无可订阅的消息' }
  const results: Record<string, SubscribeResult> = {}
  for (const group of dialogGroups(wanted)) {
    const got = process.env.TARO_ENV === 'weapp' ? await askWeapp(group) : await askH5(group)
    if (!got) break // closed without answering
    if ('error' in got && typeof got.error === 'string') return { ok: false, message: got.error }
    Object.assign(results, got)
  }
  if (!Object.keys(results).length) return { ok: false, message: '已取消订阅' }
  const res = await callCloud('push', 'subscribe', { results })
  if (!res.ok) return { ok: false, message: res.message }
  return { ok: true, results, accepted: Object.values(results).filter((r) => r === 'accept').length }
}
