import { persistedSetting } from './persisted-setting'

/**
 * Who the H5 local preview pretends to be. The offline gateway trusts the `x-local-openid`
 * header only in local mode; in WeChat the openid always comes from the platform.
 */
export const LOCAL_IDENTITIES = [
  { openid: 'local-citizen', label: '市民（张*）', description: '普通市民，可查询办事指南' },
  { openid: 'local-staff-psb', label: '工作人员（公安局）', description: '可导入公安局事项' },
  { openid: 'local-admin', label: '管理员', description: '可导入全部事项并管理工作人员' },
] as const

export type LocalOpenid = (typeof LOCAL_IDENTITIES)[number]['openid']

const isLocalOpenid = (raw: unknown): raw is LocalOpenid => LOCAL_IDENTITIES.some((i) => i.openid === raw)

export const localIdentity = persistedSetting<LocalOpenid>(
  'smartgov:local-identity',
  (raw) => (isLocalOpenid(raw) ? raw : undefined),
  () => 'local-citizen',
)

/** True only in the H5 preview served by the local gateway (build-time constant). */
export const isLocalPreview: boolean = LOCAL_CLOUD

export function identityLabel(openid: LocalOpenid): string {
  return LOCAL_IDENTITIES.find((i) => i.openid === openid)?.label ?? openid
}
