/** The affairs function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { FormField, FormValue } from '../matter/form';
import type { DayOverride } from '../calendar/workdays';
import type { Page } from '../page';
import type { ApplicationStatus, CaseResult, MaterialDef, StaffAction } from './model';
import type { ApplicationSummary, ApplicationView } from './view';

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

export interface AffairsApi {
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
}
