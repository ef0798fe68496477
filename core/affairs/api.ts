/** The affairs function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { FormValue } from '../matter/form';
import type { DayOverride } from '../calendar/workdays';
import type { Page } from '../page';
import type { ApplicationStatus, CaseResult, StaffAction } from './model';
import type { ApplicationSummary, ApplicationView } from './view';
import type { BundleDefinition } from './bundle';

export type { ApplicationSummary, ApplicationView, BundleDefinition };

/** One attached file: which material of the matter it is for, and the uploaded cloud file. */
export interface MaterialRef {
  materialId: string;
  fileID: string;
}

export interface DraftView {
  id: string;
  /** '' for a 一件事's draft (then `lifeEvent` and the chosen `matterIds`). */
  matterId: string;
  matterName: string;
  lifeEvent?: string;
  matterIds?: string[];
  form: Record<string, FormValue>;
  /** `url`: a short-lived temp URL of the caller's own file, for the thumbnail. */
  materials: (MaterialRef & { url?: string })[];
  savedAt: string;
}

export interface MyMaterial {
  /** A sealed copy (see AttachedMaterial.fileID): reusable even after the upload is gone. */
  fileID: string;
  sha256?: string;
  materialId: string;
  name: string;
  mime: string;
  size: number;
  usedAt: string;
  url?: string;
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

export interface AffairsApi {
  /** One of `matterId` (a matter's 在线申办) or `lifeEvent` (a 一件事, with its chosen `matterIds`). */
  saveDraft: {
    params: { matterId?: string; lifeEvent?: string; matterIds?: string[]; form: Record<string, FormValue>; materials: MaterialRef[]; draftId?: string };
    result: { id: string };
  };
  getDraft: { params: { matterId?: string; lifeEvent?: string }; result: DraftView | null };
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
  /** `no`: one 办件编号 (BJ + 14 digits), any status, within the caller's departments. */
  queue: { params: { status?: ApplicationStatus; matterId?: string; no?: string; page?: number }; result: QueueResult };
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
}
