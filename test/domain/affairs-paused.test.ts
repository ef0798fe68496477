/** A paused case (补正, 挂起) has no due date to show: it moves when the clock restarts. */
import { createCalendar } from '../../core/calendar/workdays';
import { toSummary } from '../../core/affairs/view';
import type { ApplicationDoc } from '../../core/affairs/model';

const cal = createCalendar();
const app = (runningSince: string | null, status: ApplicationDoc['status']) => ({
  _id: 'a1', no: 'BJ20260310000001', openid: 'c1', matterId: 'm1', matterName: '事项1', department: 'psb', departmentName: '示例市公安局',
  status, version: 3, submittedAt: '2026-03-10T01:00:00.000Z', updatedAt: '2026-03-11T01:00:00.000Z', timeline: [], formFields: [], materialDefs: [],
  form: {}, materials: [], deferredMaterials: [], caseKind: '承诺件', promisedDays: 5, statutoryDays: 20,
  clock: { promisedDays: 5, statutoryDays: 20, acceptedOn: '2026-03-10', dueDate: '2026-03-17', statutoryDueDate: '2026-04-07', runningSince, usedDays: 1, uncoveredYears: [] },
}) as unknown as ApplicationDoc;

it('summarises a suspended or 补正 case without its stale due date, with the days left', () => {
  for (const status of ['suspended', 'supplement'] as const) {
    const s = toSummary(app(null, status), cal, '2026-03-16');
    expect(s).toMatchObject({ urgency: 'paused' });
    expect(s.workdaysLeft).toEqual(expect.any(Number));
    expect(s).not.toHaveProperty('dueDate');
  }
  expect(toSummary(app('2026-03-11', 'accepted'), cal, '2026-03-16')).toMatchObject({ dueDate: '2026-03-17' });
});
