/** How an application is shown: masked personal data, the clock in working days, what to do next. */
import type { WorkCalendar } from '../calendar/workdays';
import { eventId, type ApplicationStatusEvent } from '../events/outbox';
import { maskName } from '../mask';
import type { FormField, FormValue } from '../matter/form';
import { clockView } from './clock-view';
import { uncoveredWarning, type Urgency } from './deadline';
import { canTransition } from './machine';
import {
  ACTION_LABELS, STAFF_ACTIONS, STATUS_LABELS, type ApplicationDoc, type ApplicationStatus, type AttachedMaterial,
  type CaseResult, type MaterialDef, type SupplementRequest, type TimelineEntry, type TransitionName,
} from './model';

export interface MaterialView extends AttachedMaterial {
  /** Temporary download URL for previews. */
  url?: string;
}

export interface ApplicationView {
  id: string;
  no: string;
  bundleId?: string;
  matterId: string;
  matterName: string;
  department: string;
  departmentName: string;
  caseKind: string;
  status: ApplicationStatus;
  statusLabel: string;
  applicantName?: string;
  form: Record<string, FormValue>;
  formFields: FormField[];
  materialDefs: MaterialDef[];
  materials: MaterialView[];
  deferredMaterials: string[];
  timeline: TimelineEntry[];
  dueDate?: string;
  statutoryDueDate?: string;
  workdaysLeft?: number;
  clockPaused?: boolean;
  urgency?: Urgency;
  /** Staff only: the deadline crossed a year no holiday schedule covers. */
  deadlineWarning?: string;
  supplementRequest?: SupplementRequest;
  suspendReason?: string;
  /** With the 结果文书's temporary download URL when there is one. */
  result?: CaseResult & { url?: string };
  nextStep: string;
  allowedActions: TransitionName[];
  submittedAt: string;
  updatedAt: string;
}

export interface ApplicationSummary {
  id: string;
  no: string;
  bundleId?: string;
  /** Drafts of a 一件事: which one (they open the bundle page). */
  lifeEvent?: string;
  matterId: string;
  matterName: string;
  departmentName: string;
  status: ApplicationStatus;
  statusLabel: string;
  applicantName?: string;
  dueDate?: string;
  workdaysLeft?: number;
  urgency?: Urgency;
  submittedAt: string;
  updatedAt: string;
}

export type Viewer = 'owner' | 'staff';

export function nextStepFor(app: ApplicationDoc, viewer: Viewer, left?: number): string {
  const dept = app.departmentName;
  const s = app.supplementRequest;
  switch (app.status) {
    case 'draft':
      return '填写完整后提交申请';
    case 'submitted':
      return viewer === 'owner' ? `等待${dept}受理；受理前可撤回申请` : '请审核材料后受理、不予受理或要求补正';
    case 'accepted':
      return viewer === 'owner'
        ? `${dept}正在办理，承诺在${app.clock?.dueDate ?? ''}前办结${left !== undefined ? `（剩余${Math.max(left, 0)}个工作日）` : ''}`
        : '办理完成后办结并上传结果文书或填写快递单号；需听证、检测或专家评审时可挂起';
    case 'supplement':
    {
      if (viewer !== 'owner') return '等待申请人补正，期间暂停计时';
      const m = s?.materialNames ?? s?.materials ?? [];
      const f = s?.fieldLabels ?? s?.fields ?? [];
      return `请按要求补正${[m.length ? `材料：${m.join('、')}` : '', f.length ? `信息：${f.join('、')}` : ''].filter(Boolean).join('；')}。补正期间暂停计时`;
    }
    case 'suspended':
      return viewer === 'owner' ? `办理暂停（${app.suspendReason ?? ''}），暂停期间不计入办理时限` : '特殊程序结束后恢复办理';
    case 'rejected':
      return viewer === 'owner' ? '不予受理，理由见办理记录；可按要求修改后重新申请' : '已结束';
    case 'completed':
      return app.result?.decision === '不予'
        ? `已办结：${app.matterType === '行政许可' ? '不予许可' : '不予办理'}，理由见办理记录。对结果不服可依法申请行政复议或提起行政诉讼`
        : app.result?.expressNo ? `已办结，结果已通过快递寄出（单号${app.result.expressNo}）` : '已办结，可在下方查看或下载结果文书';
    case 'withdrawn':
      return '已撤回，如需办理可重新申请';
  }
}

/** Material names instead of ids where the matter knows them (for the supplement notice). */
export function namesFor(ids: string[], names: Map<string, string>): string[] {
  return ids.map((id) => names.get(id) ?? id);
}

export function toView(app: ApplicationDoc, viewer: Viewer, cal: WorkCalendar, today: string): ApplicationView {
  const clock = clockView(app, cal, today);
  const citizenActions: TransitionName[] = ['supplement', 'withdraw'];
  const allowed = (viewer === 'staff' ? [...STAFF_ACTIONS] : citizenActions).filter((a) => canTransition(app, a)) as TransitionName[];
  return {
    id: app._id,
    no: app.no,
    ...(app.bundleId ? { bundleId: app.bundleId } : {}),
    matterId: app.matterId,
    matterName: app.matterName,
    department: app.department,
    departmentName: app.departmentName,
    caseKind: app.caseKind,
    status: app.status,
    statusLabel: STATUS_LABELS[app.status],
    ...(app.applicantName ? { applicantName: maskName(app.applicantName) } : {}),
    form: app.form,
    formFields: app.formFields ?? [],
    materialDefs: app.materialDefs ?? [],
    materials: app.materials,
    deferredMaterials: app.deferredMaterials ?? [],
    // Timeline entries carry department names only; nothing else to strip.
    timeline: app.timeline,
    ...clock,
    ...(viewer === 'staff' && app.clock?.uncoveredYears.length ? { deadlineWarning: uncoveredWarning(app.clock.uncoveredYears) } : {}),
    ...(app.supplementRequest ? { supplementRequest: app.supplementRequest } : {}),
    ...(app.suspendReason ? { suspendReason: app.suspendReason } : {}),
    ...(app.result ? { result: app.result } : {}),
    nextStep: nextStepFor(app, viewer, clock.workdaysLeft),
    allowedActions: allowed,
    submittedAt: app.submittedAt,
    updatedAt: app.updatedAt,
  };
}

export function toSummary(app: ApplicationDoc, cal: WorkCalendar, today: string): ApplicationSummary {
  const clock = clockView(app, cal, today);
  return {
    id: app._id, no: app.no, ...(app.bundleId ? { bundleId: app.bundleId } : {}),
    matterId: app.matterId, matterName: app.matterName, departmentName: app.departmentName,
    status: app.status, statusLabel: STATUS_LABELS[app.status],
    ...(app.applicantName ? { applicantName: maskName(app.applicantName) } : {}),
    ...(clock.dueDate ? { dueDate: clock.dueDate } : {}),
    ...(clock.workdaysLeft !== undefined ? { workdaysLeft: clock.workdaysLeft, urgency: clock.urgency } : {}),
    submittedAt: app.submittedAt, updatedAt: app.updatedAt,
  };
}

export const DETAIL_PAGE = 'packages/affairs/pages/detail/index';

/** The outbox event for the transition that produced `app` (already updated). */
export function statusEvent(app: ApplicationDoc, comment?: string): ApplicationStatusEvent {
  const last = app.timeline[app.timeline.length - 1];
  return {
    _id: eventId('applicationStatus', app._id, app.version),
    type: 'applicationStatus',
    openid: app.openid,
    at: last?.at ?? app.updatedAt,
    status: 'pending',
    page: `${DETAIL_PAGE}?id=${app._id}`,
    priority: app.status === 'supplement' ? 5 : 3,
    applicationId: app._id,
    applicationNo: app.no,
    matterId: app.matterId,
    matterName: app.matterName,
    applicationStatus: app.status,
    departmentName: app.departmentName,
    ...(comment ? { comment } : {}),
    ...(app.clock?.dueDate && app.status !== 'submitted' ? { dueDate: app.clock.dueDate } : {}),
    ...(app.result ? { result: app.result.decision } : {}),
    ...(last ? { transition: last.action } : {}),
    ...(app.matterType ? { matterType: app.matterType } : {}),
  };
}

/** 办件编号: BJ + YYYYMMDD (Asia/Shanghai, day of submission) + 6-digit daily sequence. */
export function applicationNo(today: string, seq: number): string {
  return `BJ${today.replace(/-/g, '')}${String(seq).padStart(6, '0')}`;
}

export function actionLabel(a: TransitionName): string {
  return ACTION_LABELS[a];
}
