/** 好差评, pure: settings, the rating window, the 差评工单 machine, the policy rules, the feedback push. */
import { createCalendar } from '../../core/calendar/workdays';
import { evaluationSettings, rateBlocker, DEFAULT_SETTINGS, type RatingTarget } from '../../core/evaluation/model';
import { advanceTicket, openTicket, type TicketClock } from '../../core/evaluation/ticket';
import { publicityRows } from '../../core/evaluation/stats';
import { decide, type Actor } from '../../core/policy';
import { mapEvent } from '../../core/push/events';
import type { EvaluationTicketEvent } from '../../core/events/outbox';

const cal = createCalendar();
const clock = (today: string): TicketClock => ({ today, at: `${today}T02:00:00.000Z`, addWorkdays: (s, n) => cal.addWorkdays(s, n), settings: DEFAULT_SETTINGS });
const actor = (over: Partial<Actor>): Actor => ({ openid: 'x', role: 'citizen', departments: [], halls: [], grants: [], ...over });

describe('evaluation settings and window', () => {
  it('reads the env with documented defaults; a malformed value keeps the default', () => {
    expect(evaluationSettings({})).toEqual({ windowDays: 15, defaultAfterDays: 0, contactWorkdays: 1, rectifyWorkdays: 5 });
    expect(evaluationSettings({ EVALUATION_WINDOW_DAYS: '7', EVALUATION_DEFAULT_AFTER_DAYS: '7', EVALUATION_RECTIFY_WORKDAYS: 'x' }))
      .toEqual({ windowDays: 7, defaultAfterDays: 7, contactWorkdays: 1, rectifyWorkdays: 5 });
  });

  it('a target can be rated from its end until the window closes', () => {
    const t: RatingTarget = { targetType: 'application', targetId: 'a', ownerOpenid: 'o', targetNo: 'n', title: 't', endedAt: '2026-12-01T02:00:00.000Z' };
    expect(rateBlocker(t, '2026-12-10T00:00:00.000Z', DEFAULT_SETTINGS)).toBeNull();
    expect(rateBlocker(t, '2026-12-17T00:00:00.000Z', DEFAULT_SETTINGS)).toContain('评价期限');
    expect(rateBlocker({ ...t, endedAt: null, notEndedReason: '尚未办结' }, '2026-12-02T00:00:00.000Z', DEFAULT_SETTINGS)).toBe('尚未办结');
  });
});

describe('差评工单 machine', () => {
  it('due dates follow the working-day calendar: contact in 1, rectify in 5 (2026-12-04 is a Friday)', () => {
    const opened = openTicket(2, clock('2026-12-04'));
    expect(opened.state).toMatchObject({ status: 'contacting', dueDate: '2026-12-07' });
    const contacted = advanceTicket(opened.state, { step: 'contact', note: '已回访' }, clock('2026-12-07'), '公安局', 2);
    expect(contacted.state).toMatchObject({ status: 'resolving', dueDate: '2026-12-14' });
  });

  it('a step that does not fit the status is CONFLICT naming the status', () => {
    const opened = openTicket(1, clock('2026-12-04'));
    expect(() => advanceTicket(opened.state, { step: 'feedback', note: 'x' }, clock('2026-12-04'), 'u', 2)).toThrow(/待回访/);
  });

  it('rectified after the due date counts as rectified but not on time', () => {
    let s = openTicket(2, clock('2026-12-01')).state;
    s = advanceTicket(s, { step: 'contact', note: 'a' }, clock('2026-12-01'), 'u', 2).state;
    s = advanceTicket(s, { step: 'resolve', resolution: 'deadline', note: 'b', dueDate: '2026-12-03' }, clock('2026-12-01'), 'u', 3).state;
    s = advanceTicket(s, { step: 'rectified', note: 'c' }, clock('2026-12-04'), 'u', 4).state;
    expect(s).toMatchObject({ status: 'feedback', rectified: true, rectifiedOnTime: false });
    const rows = publicityRows([], [{ month: '2026-12', unitName: 'u', rectified: s.rectified, rectifiedOnTime: s.rectifiedOnTime }]);
    expect(rows[0]).toMatchObject({ rectifiedRate: { num: 1, den: 1 }, onTimeRate: { num: 0, den: 1 } });
  });
});

describe('evaluation policy', () => {
  it('only the owner rates, never on their own department or hall; appeals go to an admin outside the unit', () => {
    const app = { ownerOpenid: 'me', department: 'psb' };
    expect(decide(actor({ openid: 'me' }), 'evaluation:rate', app)).toEqual({ allowed: true });
    expect(decide(actor({ openid: 'other' }), 'evaluation:rate', app)).toMatchObject({ allowed: false, reason: 'NOT_FOUND' });
    expect(decide(actor({ openid: 'me', role: 'staff', departments: ['psb'] }), 'evaluation:rate', app)).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
    expect(decide(actor({ openid: 'me', role: 'staff', halls: ['center'] }), 'evaluation:rate', { ownerOpenid: 'me', hall: 'center' })).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
    expect(decide(actor({ openid: 's', role: 'staff', departments: ['hrss'] }), 'evaluation:handle', { department: 'psb' })).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
    expect(decide(actor({ openid: 'a', role: 'admin', departments: ['psb'] }), 'evaluation:review', { department: 'psb' })).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
    expect(decide(actor({ openid: 'a', role: 'admin' }), 'evaluation:review', { department: 'psb' })).toEqual({ allowed: true });
    expect(decide(actor({ openid: 's', role: 'staff', departments: ['psb'] }), 'evaluation:review', { department: 'hrss' })).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
  });
});

describe('feedback push', () => {
  const event = (step: string): EvaluationTicketEvent => ({
    _id: `evaluationTicket:T:${step}`, type: 'evaluationTicket', status: 'pending', openid: 'o', at: '2026-12-07T02:00:00.000Z',
    page: 'packages/evaluation/pages/pending/index', ticketId: 'T', step, targetNo: 'BJ20261207000001', title: '居住证申领', unitName: '示例市公安局', note: '已整改',
  });
  it('only the feedback step is pushed, as 办件进度通知 saying 差评已处理', () => {
    expect(mapEvent(event('contact'))).toMatchObject({ skip: expect.any(String) });
    expect(mapEvent(event('feedback'))).toMatchObject({ push: { templateKey: 'caseProgress', raw: { character_string1: 'BJ20261207000001', phrase3: '差评已处理', thing5: '已整改' } } });
  });
  it('an overdue step goes to the admin it names, as 办件进度通知 saying 工单已超期, opening the staff page', () => {
    const overdue = { ...event('overdue'), openid: 'admin', page: 'packages/staff/pages/eval-ticket/index?id=T', note: '待回访已超期（2026-12-08）' };
    expect(mapEvent(overdue)).toEqual({ push: { templateKey: 'caseProgress', page: 'packages/staff/pages/eval-ticket/index?id=T', raw: {
      character_string1: 'BJ20261207000001', thing2: '居住证申领', phrase3: '工单已超期', time4: '2026年12月7日 10:00', thing5: '待回访已超期（2026-12-08）',
    } } });
  });
});
