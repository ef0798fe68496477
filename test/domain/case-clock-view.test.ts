/** One rule for a case's clock wherever it is shown: the detail page, the assistant's card, the agent's record view. */
import { createCalendar } from '../../core/calendar/workdays';
import { clockView, pausedClockText } from '../../core/affairs/clock-view';
import type { CaseClock } from '../../core/affairs/deadline';
import { toView } from '../../core/affairs/view';
import type { ApplicationDoc } from '../../core/affairs/model';
import { applicationCard } from '../../core/consult/assistant';
import { applicationRecordView } from '../../core/consult/inbox-record';

const cal = createCalendar();
const TODAY = '2026-12-07';
const pausedClock: CaseClock = { promisedDays: 10, statutoryDays: 20, acceptedOn: '2026-11-25', usedDays: 4, runningSince: null, pausedOn: '2026-12-01', dueDate: '2026-12-10', statutoryDueDate: '2026-12-23', uncoveredYears: [] };
const doc = (status: ApplicationDoc['status'], clock: CaseClock): ApplicationDoc => ({
  _id: 'a1', no: 'BJ20261201000001', openid: 'me', requestId: 'r1', matterId: 'm1', matterName: '户口迁入登记', department: 'psb', departmentName: '示例市公安局',
  caseKind: '承诺件', promisedDays: 10, statutoryDays: 20, status, formFields: [], materialDefs: [], form: {}, pii: {}, idHashes: [], materials: [], deferredMaterials: [],
  timeline: [], version: 3, clock, dueDate: clock.dueDate, sortDue: clock.dueDate, suspendReason: '组织专家评审', submittedAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-12-01T02:00:00.000Z',
});

describe('a paused case', () => {
  const app = doc('suspended', pausedClock);

  it('the detail page, the assistant card and the agent view show no due date, only the working days left', () => {
    const detail = toView(app, 'owner', cal, TODAY);
    expect(detail).toMatchObject({ clockPaused: true, workdaysLeft: 6 });
    expect(detail.dueDate).toBeUndefined();
    const card = applicationCard(app, undefined, clockView(app, cal, TODAY));
    expect(card.due).toBeUndefined();
    expect(card.clock).toBe(pausedClockText(detail.workdaysLeft));
    expect(card.clock).toBe('暂停计时 · 剩余6个工作日，恢复后重新计算到期日');
    expect(card.nextStep).toBe(detail.nextStep);
    const agent = applicationRecordView(app, null);
    expect(agent.due).toBeUndefined();
    expect(agent.clockPaused).toBe(true);
    expect(agent.clock).toBe(card.clock);
  });

  it('running again: the date shows everywhere, the card\'s next step as on the detail page', () => {
    const running = doc('accepted', { ...pausedClock, runningSince: '2026-12-03', pausedOn: undefined, dueDate: '2026-12-11' });
    const detail = toView(running, 'owner', cal, TODAY);
    const card = applicationCard(running, undefined, clockView(running, cal, TODAY));
    expect(card).toMatchObject({ due: '2026-12-11', nextStep: detail.nextStep });
    expect(card.clock).toBeUndefined();
    expect(applicationRecordView(running, null).due).toBe('2026-12-11');
  });

  it('an ended case with a clock stopped earlier is not "paused"', () => {
    const ended = doc('withdrawn', pausedClock);
    expect(clockView(ended, cal, TODAY).clockPaused).toBeUndefined();
    expect(applicationRecordView(ended, null).clockPaused).toBeUndefined();
  });
});
