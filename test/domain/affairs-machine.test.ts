import { createCalendar } from '../../core/calendar/workdays';
import { canTransition, transition, TRANSITIONS, type MachineState, type TransitionInput } from '../../core/affairs/machine';
import { APPLICATION_STATUSES, type ApplicationStatus, type TransitionName } from '../../core/affairs/model';
import { DomainError } from '../../core/envelope';

const cal = createCalendar();
const ctx = { calendar: cal, at: '2025-09-30T02:00:00.000Z', today: '2025-09-30', promisedDays: 5, statutoryDays: 20, by: '示例市公安局' };
const ALL: TransitionName[] = Object.keys(TRANSITIONS) as TransitionName[];

/** Every input that makes a legal transition valid (reasons, named materials, a result). */
const FULL: Record<TransitionName, TransitionInput> = {
  submit: { action: 'submit' },
  withdraw: { action: 'withdraw' },
  accept: { action: 'accept' },
  reject: { action: 'reject', comment: '不属于本部门受理范围' },
  requestSupplement: { action: 'requestSupplement', comment: '照片模糊', materials: ['m1'] },
  supplement: { action: 'supplement' },
  suspend: { action: 'suspend', comment: '组织听证' },
  resume: { action: 'resume' },
  complete: { action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } },
};

/** The whole table: [from status, caseKind, supplementFrom] → transition → resulting status (or null = refused). */
const LEGAL: Record<string, Partial<Record<TransitionName, ApplicationStatus>>> = {
  draft: { submit: 'submitted' },
  submitted: { withdraw: 'withdrawn', accept: 'accepted', reject: 'rejected', requestSupplement: 'supplement' },
  'submitted/即办件': { withdraw: 'withdrawn', accept: 'accepted', reject: 'rejected', requestSupplement: 'supplement', complete: 'completed' },
  accepted: { requestSupplement: 'supplement', suspend: 'suspended', complete: 'completed' },
  'supplement/submitted': { supplement: 'submitted', withdraw: 'withdrawn' },
  'supplement/accepted': { supplement: 'accepted' },
  suspended: { resume: 'accepted' },
  rejected: {},
  completed: {},
  withdrawn: {},
};

function stateFor(key: string): MachineState {
  const [status, extra] = key.split('/') as [ApplicationStatus, string | undefined];
  const clock = ['accepted', 'suspended'].includes(status) || extra === 'accepted'
    ? { promisedDays: 5, statutoryDays: 20, acceptedOn: '2025-09-29', usedDays: 0, runningSince: status === 'accepted' ? '2025-09-29' : null, dueDate: '2025-10-13', statutoryDueDate: '2025-11-03', uncoveredYears: [] }
    : undefined;
  return {
    status, caseKind: extra === '即办件' ? '即办件' : '承诺件', version: 3,
    ...(status === 'supplement' ? { supplementFrom: extra as 'submitted' | 'accepted' } : {}),
    ...(clock ? { clock } : {}),
  };
}

describe('state machine: every (status, transition) pair', () => {
  it('covers every status', () => {
    const statuses = new Set(Object.keys(LEGAL).map((k) => k.split('/')[0]));
    expect([...statuses].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  const cases = Object.keys(LEGAL).flatMap((key) => ALL.map((a) => [key, a] as const));
  it.each(cases)('%s --%s-->', (key, action) => {
    const state = stateFor(key);
    const expected = LEGAL[key][action];
    expect(canTransition(state, action)).toBe(expected !== undefined);
    if (expected) {
      const out = transition(state, FULL[action], ctx);
      expect(out.status).toBe(expected);
      expect(out.entries.length).toBeGreaterThan(0);
      expect(out.version).toBe(state.version + out.entries.length);
      expect(out.entries.every((e) => e.by === '示例市公安局' && !('openid' in e))).toBe(true);
    } else {
      let err: unknown;
      try { transition(state, FULL[action], ctx); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('CONFLICT');
      expect((err as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('state machine: rules inside transitions', () => {
  it('办结 before 受理 of a 承诺件 is refused with a clear message', () => {
    expect(() => transition(stateFor('submitted'), FULL.complete, ctx)).toThrow('该办件尚未受理，请先受理再办结');
  });

  it('即办件: accept and complete in one step, two timeline entries', () => {
    const out = transition(stateFor('submitted/即办件'), FULL.complete, ctx);
    expect(out.status).toBe('completed');
    expect(out.entries.map((e) => e.action)).toEqual(['accept', 'complete']);
    expect(out.clock?.dueDate).toBe('2025-09-30');
  });

  it.each([
    ['reject', { action: 'reject' }, '不予受理须说明理由'],
    ['requestSupplement without reason', { action: 'requestSupplement', materials: ['m1'] }, '要求补正须说明理由'],
    ['requestSupplement naming nothing', { action: 'requestSupplement', comment: '不清楚' }, '须指明需补正的材料或字段'],
    ['suspend', { action: 'suspend', comment: '  ' }, '挂起须说明原因'],
    ['complete without result', { action: 'complete' }, '办结须填写办理结果'],
    ['complete without file or express', { action: 'complete', result: { decision: '准予' } }, '结果文书或填写快递单号'],
    ['complete 不予 without reason', { action: 'complete', result: { decision: '不予', expressNo: 'SF1' } }, '不予许可须说明理由'],
  ] as const)('%s needs what it needs', (_name, input, message) => {
    const from = input.action === 'reject' ? 'submitted' : 'accepted';
    expect(() => transition(stateFor(from), input as TransitionInput, ctx)).toThrow(message);
  });

  it('accept starts the clock: day 1 is the working day after 受理', () => {
    const out = transition(stateFor('submitted'), FULL.accept, ctx);
    expect(out.clock).toMatchObject({ acceptedOn: '2025-09-30', dueDate: '2025-10-14', runningSince: '2025-09-30' });
  });

  it('补正 after 受理 pauses the clock and the reply restarts it where it stopped', () => {
    const accepted = transition(stateFor('submitted'), FULL.accept, ctx);
    const asked = transition({ status: 'accepted', caseKind: '承诺件', clock: accepted.clock, version: accepted.version },
      FULL.requestSupplement, { ...ctx, today: '2025-10-10', at: '2025-10-10T02:00:00Z' });
    expect(asked.clock).toMatchObject({ usedDays: 2, runningSince: null });
    expect(asked.supplementRequest).toMatchObject({ materials: ['m1'], reason: '照片模糊' });
    const back = transition({ status: 'supplement', caseKind: '承诺件', supplementFrom: 'accepted', clock: asked.clock, version: asked.version },
      FULL.supplement, { ...ctx, today: '2025-10-20', at: '2025-10-20T02:00:00Z' });
    expect(back.status).toBe('accepted');
    // 3 working days left, counted from the day after the reply.
    expect(back.clock?.dueDate).toBe('2025-10-23');
  });
});
