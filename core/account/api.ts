/** The account function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { Role, StaffGrant } from '../policy';

export interface WhoAmI {
  openid: string;
  maskedOpenid: string;
  role: Role;
  departments: string[];
  halls: string[];
  grants: StaffGrant[];
  name?: string;
}

export interface StaffMember {
  openid: string;
  name: string;
  role: 'staff' | 'admin';
  departments: string[];
  halls?: string[];
  grants?: StaffGrant[];
  active: boolean;
}

/** 邀请状态: open 待使用, used 已绑定, revoked 已撤销, expired 已过期 (open past its expiry). */
export type InvitationStatus = 'open' | 'used' | 'revoked' | 'expired';

/** What an invitation makes its user: the same fields a staff record carries. */
export interface InvitationGrant {
  role: 'staff' | 'admin';
  departments: string[];
  halls: string[];
  grants: StaffGrant[];
}

/** One-time staff invitation as the admin sees it (openids masked). */
export interface Invitation extends InvitationGrant {
  code: string;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  /** Mini-program path the QR code encodes. */
  path: string;
  usedAt?: string;
  /** The name the employee typed when binding. */
  boundName?: string;
  boundOpenidMasked?: string;
  /** Whether the bound staff record is still active. */
  boundActive?: boolean;
  revokedAt?: string;
}

/** What the employee sees before binding. */
export interface InvitationPreview extends InvitationGrant {
  code: string;
  status: InvitationStatus;
  expiresAt: string;
  /** The caller is already staff of one of the invitation's departments (or an admin). */
  alreadyStaff: boolean;
}

export interface AccountApi {
  whoami: { params: Record<string, never>; result: WhoAmI };
  listStaff: { params: Record<string, never>; result: StaffMember[] };
  setStaff: { params: StaffMember; result: StaffMember };
  createInvitation: {
    params: { role: 'staff' | 'admin'; departments: string[]; halls?: string[]; grants?: StaffGrant[]; expiresInHours?: number };
    result: Invitation;
  };
  listInvitations: { params: Record<string, never>; result: Invitation[] };
  /** Revokes an unused invitation; on a used one, also deactivates the staff member it bound. */
  revokeInvitation: { params: { code: string }; result: Invitation };
  previewInvitation: { params: { code: string }; result: InvitationPreview };
  acceptInvitation: { params: { code: string; name: string }; result: WhoAmI };
}
