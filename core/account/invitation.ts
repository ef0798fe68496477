/**
 * One-time staff invitations: an admin issues a short code (also shown as a QR code) for a
 * department and role; the employee opens it in the mini-program and binds with the openid
 * WeChat reports for them. Pure rules here; storage and atomicity in cloudfunctions/account.
 */
import type { InvitationGrant, InvitationStatus } from '../api';

/** Unambiguous characters only (no 0/O, 1/I/L), so a code read aloud or typed survives. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export const DEFAULT_EXPIRY_HOURS = 72;
export const MAX_EXPIRY_HOURS = 720;

/** The join page, as the QR code encodes it (no leading slash: a mini-program path). */
export const JOIN_PAGE = 'packages/staff/pages/join/index';
export const joinPath = (code: string) => `${JOIN_PAGE}?code=${code}`;

/** `randomInt(n)` → uniform integer in [0, n); the caller supplies a cryptographic source. */
export function generateCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Accepts what people type: lower case, spaces, dashes; or a whole scanned path/URL. */
export function normaliseCode(raw: string): string {
  const fromPath = /[?&]code=([^&#\s]+)/i.exec(raw);
  const text = fromPath ? decodeURIComponent(fromPath[1]) : raw;
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

export interface StoredInvitation extends InvitationGrant {
  _id: string; // the code
  code: string;
  status: 'open' | 'used' | 'revoked';
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  usedAt?: string;
  usedBy?: string;
  usedName?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export function effectiveStatus(inv: Pick<StoredInvitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  if (inv.status === 'open' && Date.parse(inv.expiresAt) <= now.getTime()) return 'expired';
  return inv.status;
}

export const STATUS_LABELS: Record<InvitationStatus, string> = {
  open: '待使用',
  used: '已绑定',
  revoked: '已撤销',
  expired: '已过期',
};

/** Why an invitation cannot be used now, in Chinese; undefined when it can. */
export function unusableReason(status: InvitationStatus): string | undefined {
  switch (status) {
    case 'open': return undefined;
    case 'used': return '该邀请码已被使用，每个邀请码只能绑定一人';
    case 'revoked': return '该邀请码已被管理员撤销';
    case 'expired': return '该邀请码已过期，请联系管理员重新生成';
  }
}

/** Staff records merge: a person already on staff elsewhere gains the new departments. */
export function mergeGrant(existing: (InvitationGrant & { active: boolean }) | null, inv: InvitationGrant): InvitationGrant {
  if (!existing || !existing.active) {
    return { role: inv.role, departments: [...inv.departments], halls: [...inv.halls], grants: [...inv.grants] };
  }
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    role: existing.role === 'admin' || inv.role === 'admin' ? 'admin' : 'staff',
    departments: uniq([...existing.departments, ...inv.departments]),
    halls: uniq([...existing.halls, ...inv.halls]),
    grants: uniq([...existing.grants, ...inv.grants]),
  };
}
