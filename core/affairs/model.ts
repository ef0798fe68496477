/**
 * 在线申办与办件: the application record, its statuses and the people-facing words for them.
 * Stored in collection `applications` (see cloudfunctions/affairs/collections.json).
 */
import type { CaseClock } from './deadline';
import type { FormField, FormValue } from '../matter/form';
import type { EncryptedValue } from '../crypto/pii-types';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'accepted', 'supplement', 'suspended', 'rejected', 'completed', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿', submitted: '待受理', accepted: '办理中', supplement: '待补正', suspended: '已挂起',
  rejected: '不予受理', completed: '已办结', withdrawn: '已撤回',
};

/** Statuses whose clock matters in the staff queue. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'supplement', 'suspended'];

export const STAFF_ACTIONS = ['accept', 'reject', 'requestSupplement', 'suspend', 'resume', 'complete'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export type CitizenAction = 'submit' | 'supplement' | 'withdraw';
export type TransitionName = StaffAction | CitizenAction;

export const ACTION_LABELS: Record<TransitionName, string> = {
  submit: '提交申请', supplement: '提交补正', withdraw: '撤回申请',
  accept: '受理', reject: '不予受理', requestSupplement: '要求补正', suspend: '挂起', resume: '恢复办理', complete: '办结',
};

export const RESULT_DECISIONS = ['准予', '不予'] as const;
export type ResultDecision = (typeof RESULT_DECISIONS)[number];

export interface CaseResult {
  decision: ResultDecision;
  /** 结果文书 (electronic certificate or decision letter) in cloud storage. */
  fileID?: string;
  /** 快递单号 when the result is posted. */
  expressNo?: string;
}

export interface AttachedMaterial {
  materialId: string;
  name: string;
  /** The sealed copy (`evidence/…`, written only by functions), not the citizen's upload. */
  fileID: string;
  /** SHA-256 (hex) of the sealed bytes, taken at submit / 补正. Absent on records sealed before hashes were kept. */
  sha256?: string;
  /** Detected by magic bytes: image/jpeg, image/png, image/webp, image/heic, application/pdf. */
  mime: string;
  size: number;
}

export interface MaterialDef {
  id: string;
  name: string;
  necessity: '必要' | '非必要' | '容缺';
  /** In a 一件事: the matter of the same bundle whose result is this material (nothing uploaded). */
  providedBy?: string;
}

export interface SupplementRequest {
  materials: string[];
  fields: string[];
  /** The same, as people read them (material names, field labels). */
  materialNames?: string[];
  fieldLabels?: string[];
  reason: string;
  requestedAt: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  action: TransitionName;
  status: ApplicationStatus;
  /** Who, as citizens see it: 申请人 or the handling department's name. Never a staff openid. */
  by: string;
  comment?: string;
  materials?: string[];
  fields?: string[];
  result?: CaseResult;
}

export interface ApplicationDoc {
  _id: string;
  no: string;
  openid: string;
  requestId: string;
  bundleId?: string;
  matterId: string;
  matterName: string;
  /** 事项类型 at submission (行政许可, 行政确认, …); absent on applications stored before it was kept. */
  matterType?: string;
  department: string;
  departmentName: string;
  caseKind: '即办件' | '承诺件';
  promisedDays: number;
  statutoryDays: number;
  status: ApplicationStatus;
  /** The matter's form and materials as they were at submission (the matter may change later). */
  formFields: FormField[];
  materialDefs: MaterialDef[];
  /** Non-personal values as entered; personal ones (ID, phone) masked here and sealed in `pii`. */
  form: Record<string, FormValue>;
  pii: Record<string, EncryptedValue>;
  /** HMACs of every ID number in the form, for staff lookup by ID. */
  idHashes: string[];
  applicantName?: string;
  materials: AttachedMaterial[];
  /** 容缺 materials left for later. */
  deferredMaterials: string[];
  timeline: TimelineEntry[];
  /** Bumped on every transition; the outbox event id uses it. */
  version: number;
  clock?: CaseClock;
  /** Denormalised from the clock for the queue index (department, status, sortDue). */
  dueDate?: string;
  /** Sort key in the staff queue: dueDate, or the submission date before 受理. */
  sortDue: string;
  supplementFrom?: 'submitted' | 'accepted';
  supplementRequest?: SupplementRequest;
  suspendReason?: string;
  result?: CaseResult;
  submittedAt: string;
  updatedAt: string;
}
