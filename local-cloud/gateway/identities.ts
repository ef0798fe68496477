/**
 * The people a reviewer can "be" in the preview. The openids are seeded as a citizen, a
 * 公安局 staff member and an administrator (ADMIN_OPENIDS defaults to local-admin).
 */
export interface PreviewIdentity {
  openid: string;
  label: string;
}

export const PREVIEW_IDENTITIES: readonly PreviewIdentity[] = [
  { openid: 'local-citizen', label: '市民（张*）' },
  { openid: 'local-staff-psb', label: '工作人员（公安局）' },
  { openid: 'local-agent', label: '咨询坐席（12345）' },
  { openid: 'local-admin', label: '管理员' },
];

export const IDENTITY_HEADER = 'x-local-openid';

/** Same shape as real openids (28 chars of base64url) but lenient on length for fixtures. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
