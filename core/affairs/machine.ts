/**
 * The application state machine. One table says which transition may leave which status;
 * `transition()` applies one (pure: no I/O), returning the changed fields and the timeline
 * entries. The function writes the result in one conditional write whose precondition is the
 * status this was computed from, so two staff racing the same step cannot both win.
 *
 *   submitted ──accept──▶ accepted ──complete──▶ completed
 *       │  └──reject──▶ rejected          │ ▲
 *       │  └──complete (即办件: 受理+办结 in one step)
 *       ├──requestSupplement──▶ supplement ──supplement──▶ (back to submitted | accepted)
 *       └──withdraw──▶ withdrawn       accepted ──suspend──▶ suspended ──resume──▶ accepted
 */
import { DomainError } from '../envelope';
import type { WorkCalendar } from '../calendar/workdays';
import { pauseClock, resumeClock, startClock, type CaseClock } from './deadline';
import {
  ACTION_LABELS, STATUS_LABELS, type ApplicationStatus, type CaseResult, type SupplementRequest,
  type TimelineEntry, type TransitionName,
} from './model';

/** Statuses each transition may start from. */
export const TRANSITIONS: Record<TransitionName, readonly ApplicationStatus[]> = {
  submit: ['draft'],
  withdraw: ['submitted', 'supplement'],
  accept: ['submitted'],
  reject: ['submitted'],
  requestSupplement: ['submitted', 'accepted'],
  supplement: ['supplement'],
  suspend: ['accepted'],
  resume: ['suspended'],
  complete: ['accepted', 'submitted'],
};

export interface MachineState {
  status: ApplicationStatus;
  caseKind: '即办件' | '承诺件';
  supplementFrom?: 'submitted' | 'accepted';
  clock?: CaseClock;
  version: number;
}

export interface TransitionInput {
  action: TransitionName;
  comment?: string;
  /** requestSupplement: material ids and field keys the citizen must redo. */
  materials?: string[];
  fields?: string[];
  result?: CaseResult;
}

export interface TransitionContext {
  calendar: WorkCalendar;
  /** ISO instant now, and its Asia/Shanghai date. */
  at: string;
  today: string;
  promisedDays: number;
  statutoryDays: number;
  /** Who acts, as shown on the timeline: 申请人 or the department's name. */
  by: string;
}

export interface TransitionOutcome {
  status: ApplicationStatus;
  clock?: CaseClock;
  supplementFrom?: 'submitted' | 'accepted' | null;
  supplementRequest?: SupplementRequest | null;
  suspendReason?: string | null;
  result?: CaseResult;
  entries: TimelineEntry[];
  version: number;
}

/** Whether `action` may leave `state` at all (status and 即办件 rule); no argument checks. */
export function canTransition(state: Pick<MachineState, 'status' | 'caseKind' | 'supplementFrom'>, action: TransitionName): boolean {
  if (!TRANSITIONS[action].includes(state.status)) return false;
  if (action === 'complete' && state.status === 'submitted') return state.caseKind === '即办件';
  if (action === 'withdraw' && state.status === 'supplement') return state.supplementFrom === 'submitted';
  return true;
}

export function statusConflict(status: ApplicationStatus, action: TransitionName): DomainError {
  return new DomainError('CONFLICT', `该办件当前状态为“${STATUS_LABELS[status]}”，不能${ACTION_LABELS[action]}`, { status });
}

const need = (v: string | undefined, message: string) => {
  if (!v || !v.trim()) throw new DomainError('INVALID_INPUT', message);
  return v.trim();
};

export function transition(state: MachineState, input: TransitionInput, ctx: TransitionContext): TransitionOutcome {
  const { action } = input;
  if (!canTransition(state, action)) {
    if (action === 'complete' && state.status === 'submitted') {
      throw new DomainError('CONFLICT', '该办件尚未受理，请先受理再办结（仅即办件可受理并当场办结）', { status: state.status });
    }
    if (action === 'withdraw' && state.status === 'supplement') {
      throw new DomainError('CONFLICT', '该办件已受理，不能撤回；如需终止请联系办理部门', { status: state.status });
    }
    throw statusConflict(state.status, action);
  }
  const comment = input.comment?.trim() || undefined;
  let seq = state.version;
  const entry = (a: TransitionName, status: ApplicationStatus, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
    seq: ++seq, at: ctx.at, action: a, status, by: ctx.by, ...(comment ? { comment } : {}), ...extra,
  });
  const out = (o: Omit<TransitionOutcome, 'version'>): TransitionOutcome => ({ ...o, version: seq });
  const cal = ctx.calendar;

  switch (action) {
    case 'submit':
      return out({ status: 'submitted', entries: [entry('submit', 'submitted')] });
    case 'withdraw':
      return out({ status: 'withdrawn', supplementFrom: null, supplementRequest: null, entries: [entry('withdraw', 'withdrawn')] });
    case 'accept': {
      const clock = startClock(cal, ctx.today, ctx.promisedDays, ctx.statutoryDays);
      return out({ status: 'accepted', clock, entries: [entry('accept', 'accepted')] });
    }
    case 'reject':
      need(comment, '不予受理须说明理由');
      return out({ status: 'rejected', entries: [entry('reject', 'rejected')] });
    case 'requestSupplement': {
      const reason = need(comment, '要求补正须说明理由');
      const materials = [...new Set(input.materials ?? [])];
      const fields = [...new Set(input.fields ?? [])];
      if (!materials.length && !fields.length) throw new DomainError('INVALID_INPUT', '要求补正须指明需补正的材料或字段');
      const from = state.status as 'submitted' | 'accepted';
      const clock = state.clock && from === 'accepted' ? pauseClock(cal, state.clock, ctx.today) : state.clock;
      return out({
        status: 'supplement', clock, supplementFrom: from,
        supplementRequest: { materials, fields, reason, requestedAt: ctx.at },
        entries: [entry('requestSupplement', 'supplement', { materials, fields })],
      });
    }
    case 'supplement': {
      const back = state.supplementFrom ?? 'submitted';
      const clock = state.clock && back === 'accepted' ? resumeClock(cal, state.clock, ctx.today) : state.clock;
      return out({ status: back, clock, supplementFrom: null, supplementRequest: null, entries: [entry('supplement', back)] });
    }
    case 'suspend': {
      const reason = need(comment, '挂起须说明原因（如听证、检验检测、专家评审）');
      return out({ status: 'suspended', clock: state.clock && pauseClock(cal, state.clock, ctx.today), suspendReason: reason, entries: [entry('suspend', 'suspended')] });
    }
    case 'resume':
      return out({ status: 'accepted', clock: state.clock && resumeClock(cal, state.clock, ctx.today), suspendReason: null, entries: [entry('resume', 'accepted')] });
    case 'complete': {
      const result = input.result;
      if (!result) throw new DomainError('INVALID_INPUT', '办结须填写办理结果（准予或不予）');
      if (!result.fileID && !result.expressNo) throw new DomainError('INVALID_INPUT', '办结须上传结果文书或填写快递单号');
      if (result.decision === '不予') need(comment, '不予许可须说明理由');
      const entries: TimelineEntry[] = [];
      let clock = state.clock;
      if (state.status === 'submitted') {
        // 即办件: 受理 and 办结 on the spot, one write.
        clock = startClock(cal, ctx.today, 0, ctx.statutoryDays);
        entries.push({ seq: ++seq, at: ctx.at, action: 'accept', status: 'accepted', by: ctx.by, comment: '即办件，当场受理' });
      }
      entries.push(entry('complete', 'completed', { result }));
      return out({ status: 'completed', clock, result, entries });
    }
  }
}
