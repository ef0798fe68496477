import { persistedSetting } from './persisted-setting'

/**
 * Who the H5 local preview pretends to be. The offline gateway trusts the `x-local-openid`
 * header only in local mode; in WeChat the openid always comes from the platform.
 *
 * The list of preview identities lives in one place (local-cloud/gateway/identities.ts) and is
 * fetched from the gateway (`GET /api/local/identities`); only the chosen openid is stored here.
 */
export interface LocalIdentity {
  openid: string
  label: string
  /** The person's (fake) name, shown on 我的 where WeChat would show a nickname. */
  name?: string
  description: string
}

export type LocalOpenid = string

/** The preview's default caller: the seeded citizen. */
export const DEFAULT_LOCAL_OPENID = 'local-citizen'

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export const localIdentity = persistedSetting<LocalOpenid>(
  'smartgov:local-identity',
  (raw) => (typeof raw === 'string' && OPENID.test(raw) ? raw : undefined),
  () => DEFAULT_LOCAL_OPENID,
)

/** True only in the H5 preview served by the local gateway (build-time constant). */
export const isLocalPreview: boolean = LOCAL_CLOUD

export const IDENTITIES_URL = '/api/local/identities'

function isIdentityList(x: unknown): x is LocalIdentity[] {
  return (
    Array.isArray(x) &&
    x.every(
      (i) =>
        i && typeof i === 'object' && typeof i.openid === 'string' && OPENID.test(i.openid) &&
        typeof i.label === 'string' && typeof i.description === 'string' &&
        (i.name === undefined || typeof i.name === 'string'),
    )
  )
}

let cached: LocalIdentity[] | undefined
let pending: Promise<LocalIdentity[]> | undefined

/** The identities the gateway offers; rejects (and is retried on the next call) when it cannot be loaded. */
export function loadLocalIdentities(): Promise<LocalIdentity[]> {
  if (cached) return Promise.resolve(cached)
  if (!pending) {
    pending = (async () => {
      const res = await fetch(IDENTITIES_URL, { headers: { accept: 'application/json' } })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      const body: unknown = await res.json()
      if (!isIdentityList(body)) throw new Error('身份列表格式不正确')
      cached = body
      return body
    })().finally(() => {
      pending = undefined
    })
  }
  return pending
}

/** For tests: forget the fetched list. */
export function resetLocalIdentities(): void {
  cached = undefined
  pending = undefined
}

/** The label of an openid once the list is loaded; the openid itself otherwise (never blank). */
export function identityLabel(openid: LocalOpenid, list: readonly LocalIdentity[] | undefined = cached): string {
  return list?.find((i) => i.openid === openid)?.label ?? openid
}

/** The preview name of an openid once the list is loaded (citizens have no staff record to name them). */
export function identityName(openid: LocalOpenid, list: readonly LocalIdentity[] | undefined = cached): string | undefined {
  return list?.find((i) => i.openid === openid)?.name
}

/** Headers that tell the local gateway who the preview user is (none outside the local preview). */
export function localIdentityHeaders(): Record<string, string> {
  return LOCAL_CLOUD ? { 'x-local-openid': localIdentity.get() } : {}
}
