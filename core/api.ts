/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { Matter, MatterSummary } from './matter/schema';
import type { ImportReport } from './matter/import';
import type { Role, StaffGrant } from './policy';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NamedCount {
  id: string;
  name: string;
  count: number;
}

export interface CatalogueHome {
  departments: NamedCount[];
  themes: NamedCount[];
  lifeEvents: (NamedCount & { description: string })[];
  totals: { matters: number; zeroVisit: number; fullyOnline: number };
}

export interface SearchHit extends MatterSummary {
  score: number;
  /** Which field matched, for the "为什么推荐" hint. */
  matchedOn: 'name' | 'keyword' | 'pinyin' | 'synonym' | 'department' | 'theme' | 'text';
}

export type ListFilter =
  | { by: 'department'; value: string }
  | { by: 'theme'; value: string }
  | { by: 'lifeEvent'; value: string };

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

export interface Api {
  matters: {
    home: { params: Record<string, never>; result: CatalogueHome };
    list: { params: ListFilter & { page?: number; pageSize?: number }; result: Page<MatterSummary> & { title: string } };
    search: { params: { q: string; limit?: number }; result: { q: string; hits: SearchHit[]; suggestions: string[] } };
    get: { params: { id: string }; result: Matter };
    import: {
      /** Small files inline (≤ 90 KB); larger ones uploaded to cloud storage first (uploads/<openid>/…). */
      params: { format: 'json' | 'csv'; content: string; dryRun?: boolean } | { format: 'json' | 'csv'; fileID: string; dryRun?: boolean };
      result: ImportReport;
    };
  };
  account: {
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
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { params: infer P } ? P : never;
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { result: infer R } ? R : never;

/** What `callFunction({ name, data })` carries. */
export interface CallData<F extends FunctionName = FunctionName, A extends ActionName<F> = ActionName<F>> {
  action: A;
  params?: ParamsOf<F, A>;
}
