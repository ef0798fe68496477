/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { Matter, MatterSummary } from './matter/schema';
import type { ImportReport } from './matter/import';
import type { Role, StaffGrant } from './policy';
import type { FormField, FormValue } from './matter/form';
import type { ApplicationStatus, CaseResult, MaterialDef, StaffAction } from './affairs/model';
import type { ApplicationSummary, ApplicationView } from './affairs/view';
import type { DayOverride } from './calendar/workdays';

export type { ApplicationSummary, ApplicationView };

/** One attached file: which material of the matter it is for, and the uploaded cloud file. */
export interface MaterialRef {
  materialId: string;
  fileID: string;
}

export interface DraftView {
  id: string;
  matterId: string;
  matterName: string;
  form: Record<string, FormValue>;
  materials: MaterialRef[];
  savedAt: string;
}

export interface MyMaterial {
  fileID: string;
  materialId: string;
  name: string;
  mime: string;
  size: number;
  usedAt: string;
  url?: string;
}

/** 一件事一次办: the combined form and material list of a life event's online matters. */
export interface BundleDefinition {
  lifeEvent: string;
  name: string;
  matters: { id: string; name: string; departmentName: string; fieldKeys: string[]; materialIds: string[] }[];
  fields: FormField[];
  materials: (MaterialDef & { matterIds: string[] })[];
}

export interface QueueResult extends Page<ApplicationSummary> {
  counts: Record<Exclude<ApplicationStatus, 'draft'>, number>;
  /** Matters seen in the caller's departments, for the filter. */
  matters: { id: string; name: string }[];
  /** Years ahead that no holiday schedule covers (shown as a warning to staff). */
  uncoveredYears: number[];
}

export interface CalendarTable {
  days: DayOverride[];
  coveredYears: number[];
  /** This year and next that neither chinese-days nor the table covers. */
  uncoveredYears: number[];
}

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
      params: { format: 'json' | 'csv'; content: string; dryRun?: boolean };
      result: ImportReport;
    };
  };
  affairs: {
    saveDraft: { params: { matterId: string; form: Record<string, FormValue>; materials: MaterialRef[]; draftId?: string }; result: { id: string } };
    getDraft: { params: { matterId: string }; result: DraftView | null };
    submit: {
      params: { matterId: string; requestId: string; form: Record<string, FormValue>; materials: MaterialRef[] };
      result: { id: string; no: string; status: ApplicationStatus };
    };
    submitBundle: {
      params: { lifeEvent: string; requestId: string; matterIds: string[]; form: Record<string, FormValue>; materials: MaterialRef[] };
      result: { bundleId: string; applications: { id: string; no: string; matterId: string; matterName: string; status: ApplicationStatus }[] };
    };
    bundleForm: { params: { lifeEvent: string }; result: BundleDefinition };
    get: { params: { id: string }; result: ApplicationView };
    mine: { params: { status?: ApplicationStatus; page?: number }; result: Page<ApplicationSummary> };
    queue: { params: { status?: ApplicationStatus; matterId?: string; page?: number }; result: QueueResult };
    act: {
      params: { id: string; action: StaffAction; comment?: string; result?: CaseResult; materials?: string[]; fields?: string[] };
      result: ApplicationView;
    };
    supplement: { params: { id: string; form?: Record<string, FormValue>; materials: MaterialRef[] }; result: ApplicationView };
    withdraw: { params: { id: string }; result: ApplicationView };
    /** Staff of the handling department: the unmasked ID/phone values; every call is logged. */
    reveal: { params: { id: string }; result: { form: Record<string, FormValue> } };
    /** Staff: find their departments' applications by an applicant's ID number (keyed hash). */
    lookup: { params: { idNumber: string }; result: ApplicationSummary[] };
    myMaterials: { params: Record<string, never>; result: MyMaterial[] };
    calendar: { params: Record<string, never>; result: CalendarTable };
    setCalendarDays: { params: { days: DayOverride[]; coveredYears?: number[] }; result: CalendarTable };
    removeCalendarDay: { params: { date: string }; result: CalendarTable };
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
