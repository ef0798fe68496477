/** 好差评 on the local cloud: who may rate what and when, one rating per target, 差评工单 to its end. */
import { sdk } from '../../local-cloud';
import { createCalendar, shanghaiDate } from '../../core/calendar/workdays';
import { piiCipherFor } from '../../cloudfunctions/shared/pii';
import { mapEvent } from '../../core/push/events';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, fireTimer, present, startCloud } from './harness';
import { OPTIONS_VERSION, type Level } from '../../core/evaluation/model';

process.env.PUSH_KICK = 'off';

const OTHER_CITIZEN = 'citizen-2-openid';
const HRSS_CLERK = 'staff-hrss-openid';
const HALL_CLERK = 'staff-hall-openid';
const PSB_ADMIN = 'admin-psb-openid';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** Writes an application the way affairs stores one, at the given status (only the fields evaluation reads). */
async function application(id: string, status: string, endedDaysAgo = 1, openid: string = CITIZEN, department = 'psb') {
  const at = ago(endedDaysAgo);
  await sdk.database().collection('applications').doc(id).set({ data: {
    no: `BJ2026120700${id.slice(-4)}`, openid, requestId: id, matterId: 'm1', matterName: '居民身份证补领', department, departmentName: department === 'psb' ? '示例市公安局' : '示例市人力资源和社会保障局',
    formFields: [{ key: 'phone', label: '联系电话', type: 'phone', required: true }], form: { phone: '138****5678' },
    pii: { phone: { c: piiCipherFor(process.env.PII_KEY).encrypt('13812345678') } },
    status, timeline: [{ seq: 1, at, action: 'complete', status, by: '示例市公安局' }], updatedAt: at, submittedAt: ago(endedDaysAgo + 3),
  } });
}

async function booking(id: string, status: string, openid = CITIZEN) {
  await sdk.database().collection('bookings').doc(id).set({ data: {
    no: `YY${id.slice(-4)}`, openid, matterId: 'm2', matterName: '婚姻登记', hallId: 'center', hallName: '市民中心', status,
    ...(status === 'checkedIn' ? { checkedInAt: ago(0.1) } : {}),
  } });
}

const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`;
const rate = (targetId: string, level: Level, openid = CITIZEN, extra: Record<string, unknown> = {}) =>
  call('evaluation', 'rate', { targetType: 'application', targetId, level, requestId: rid(), ...extra }, openid);

async function docs(collection: string): Promise<any[]> {
  return (await sdk.database().collection(collection).limit(100).get()).data;
}

beforeEach(async () => {
  startCloud();
  delete process.env.EVALUATION_DEFAULT_AFTER_DAYS;
  for (const [openid, departments, halls] of [[POLICE_CLERK, ['psb'], []], [HRSS_CLERK, ['hrss'], []], [HALL_CLERK, [], ['center']], [PSB_ADMIN, ['psb'], []]] as const) {
    expectOk(await call('account', 'setStaff', { openid, name: '工作人员', role: 'staff', departments: [...departments], halls: [...halls], active: true }, ADMIN));
  }
  process.env.ADMIN_OPENIDS = `${ADMIN},${PSB_ADMIN}`;
});

describe('evaluation.rate: who and when', () => {
  it('rates an ended application once; the same requestId answers the same rating, another rating is CONFLICT', async () => {
    await application('A0000000000000000001', 'completed');
    const requestId = rid();
    const first = expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A0000000000000000001', level: 5, options: ['办事效率高'], comment: '很快', requestId }, CITIZEN));
    expect(first).toEqual({ id: expect.any(String), level: 5 });
    const again = expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A0000000000000000001', level: 5, requestId }, CITIZEN));
    expect(again).toEqual(first);
    const second = await rate('A0000000000000000001', 1);
    expect(second).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('another citizen’s target is NOT_FOUND, the own department’s is FORBIDDEN, an open one CONFLICT with why', async () => {
    await application('A0000000000000000002', 'completed');
    await application('A0000000000000000003', 'accepted');
    await application('A0000000000000000004', 'completed', 1, POLICE_CLERK);
    expect(await rate('A0000000000000000002', 4, OTHER_CITIZEN)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await rate('A0000000000000000004', 4, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await rate('A0000000000000000003', 4)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('尚未办结') });
    expect(await rate('A0000000000000000002', 4, CITIZEN, { options: ['服务态度'] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('options come from the rated level’s list: a praise option on a 差评 is INVALID_INPUT, the stored rating keeps its list version', async () => {
    await application('A0000000000000000009', 'completed');
    const wrong = await rate('A0000000000000000009', 2, CITIZEN, { options: ['办事效率高'] });
    expect(wrong).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('“不满意”') });
    expect(!wrong.ok && wrong.message).toContain('办事效率低');
    expect(await rate('A0000000000000000009', 5, CITIZEN, { options: ['办事效率'] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await docs('evaluation_ratings')).toEqual([]);
    expectOk(await rate('A0000000000000000009', 2, CITIZEN, { options: ['办事效率低', '办事效率低', '平台操作不便'] }));
    const [stored] = await docs('evaluation_ratings');
    expect(stored).toMatchObject({ level: 2, options: ['办事效率低', '平台操作不便'], optionsVersion: OPTIONS_VERSION });
    expect((await docs('evaluation_tickets'))[0].options).toEqual(['办事效率低', '平台操作不便']);
  });

  it('the rating window is a setting: after 15 days (default) the target is closed for rating and leaves 待评价', async () => {
    await application('A0000000000000000005', 'completed', 16);
    await application('A0000000000000000006', 'rejected', 2);
    await booking('K0000000000000000001', 'checkedIn');
    await booking('K0000000000000000002', 'booked');
    const pending = expectOk(await call('evaluation', 'pending', {}, CITIZEN));
    expect(pending.map((p: { targetId: string }) => p.targetId).sort()).toEqual(['A0000000000000000006', 'K0000000000000000001']);
    expect(await rate('A0000000000000000005', 4)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('评价期限') });
    expectOk(await call('evaluation', 'rate', { targetType: 'booking', targetId: 'K0000000000000000001', level: 4, options: ['服务态度良好'], requestId: rid() }, CITIZEN));
    expect(expectOk(await call('evaluation', 'pending', {}, CITIZEN)).map((p: { targetId: string }) => p.targetId)).toEqual(['A0000000000000000006']);
    // Hall staff may not rate a visit to their own hall.
    await booking('K0000000000000000003', 'checkedIn', HALL_CLERK);
    expect(await call('evaluation', 'rate', { targetType: 'booking', targetId: 'K0000000000000000003', level: 5, requestId: rid() }, HALL_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('10 parallel rates of one target give one rating and one ticket', async () => {
    await application('A0000000000000000007', 'completed');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => rate('A0000000000000000007', i % 2 ? 2 : 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'CONFLICT')).toBe(true);
    expect(await docs('evaluation_ratings')).toHaveLength(1);
    expect(await docs('evaluation_tickets')).toHaveLength(1);
  });

  it('a risky comment is refused by msgSecCheck', async () => {
    await application('A0000000000000000008', 'completed');
    const env = await rate('A0000000000000000008', 5, CITIZEN, { comment: '测试违规词' });
    expect(env).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect(await docs('evaluation_ratings')).toEqual([]);
  });
});

describe('差评工单', () => {
  it('a 差评 opens a ticket for the handling department, due in 1 working day; steps run to feedback, push and 追评', async () => {
    await application('A0000000000000000010', 'completed');
    const rated = expectOk(await rate('A0000000000000000010', 2, CITIZEN, { options: ['办事效率低'], comment: '等了很久' }));
    expect(rated.ticketId).toEqual(expect.any(String));
    const ticketId = present(rated.ticketId, 'ticketId');

    const cal = createCalendar();
    const today = shanghaiDate(new Date());
    const list = expectOk(await call('evaluation', 'tickets', {}, POLICE_CLERK));
    expect(list.items).toEqual([expect.objectContaining({ id: ticketId, targetId: 'A0000000000000000010', level: 2, status: 'contacting', dueDate: cal.addWorkdays(today, 1).date })]);
    expect(expectOk(await call('evaluation', 'tickets', {}, HRSS_CLERK)).items).toEqual([]);
    expect(await call('evaluation', 'ticket', { id: ticketId }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(JSON.stringify(expectOk(await call('evaluation', 'ticket', { id: ticketId }, POLICE_CLERK)))).not.toContain(CITIZEN);

    expect(await call('evaluation', 'followUp', { id: rated.id, comment: '追评' }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await call('evaluation', 'revealContact', { id: ticketId }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('evaluation', 'revealContact', { id: ticketId }, POLICE_CLERK))).toEqual({ phones: ['13812345678'] });
    expect((await docs('access_logs')).filter((l) => l.purpose === 'evaluation-contact')).toEqual([expect.objectContaining({ openid: POLICE_CLERK, ticketId, fields: ['phone'] })]);
    expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'contact', note: '已电话回访' }, POLICE_CLERK));
    const rectifying = expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'resolve', resolution: 'deadline', note: '增开窗口' }, POLICE_CLERK));
    expect(rectifying).toMatchObject({ status: 'rectifying', dueDate: cal.addWorkdays(today, 5).date });
    expect(await call('evaluation', 'ticketStep', { id: ticketId, step: 'feedback', note: '提前' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'rectified', note: '已增开窗口' }, POLICE_CLERK));
    const closed = expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'feedback', note: '已增开两个窗口' }, POLICE_CLERK));
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e: { step: string }) => e.step)).toEqual(['open', 'contact', 'resolve', 'rectified', 'feedback']);

    const events = (await docs('outbox')).filter((e) => e.type === 'evaluationTicket');
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.openid === CITIZEN)).toBe(true);

    const followed = expectOk(await call('evaluation', 'followUp', { id: rated.id, comment: '窗口确实多了', handlingLevel: 4 }, CITIZEN));
    expect(followed).toMatchObject({ followUp: { comment: '窗口确实多了' }, handlingLevel: 4, ticketStatus: 'closed' });
    expect(await call('evaluation', 'followUp', { id: rated.id, comment: '再追评' }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('申诉 is decided by an admin outside the department; upheld excludes the rating, rejected goes back to rectification', async () => {
    await application('A0000000000000000011', 'completed');
    await application('A0000000000000000012', 'completed');
    const ids: { ticketId: string; ratingId: string }[] = [];
    for (const id of ['A0000000000000000011', 'A0000000000000000012']) {
      const { ticketId: maybeTicket, id: ratingId } = expectOk(await rate(id, 1));
      const ticketId = present(maybeTicket, 'ticketId');
      expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'contact', note: '已回访' }, POLICE_CLERK));
      expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'resolve', resolution: 'appeal', note: '恶意差评' }, POLICE_CLERK));
      ids.push({ ticketId, ratingId });
    }
    expect(await call('evaluation', 'reviewAppeal', { id: ids[0].ticketId, upheld: true, note: '属实' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('evaluation', 'reviewAppeal', { id: ids[0].ticketId, upheld: true, note: '属实' }, PSB_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('evaluation', 'reviewAppeal', { id: ids[0].ticketId, upheld: true, note: '申诉成立' }, ADMIN))).toMatchObject({ status: 'feedback', appealUpheld: true });
    expect(expectOk(await call('evaluation', 'mine', {}, CITIZEN)).find((r: { id: string }) => r.id === ids[0].ratingId)).toMatchObject({ excluded: true });
    expect(expectOk(await call('evaluation', 'reviewAppeal', { id: ids[1].ticketId, upheld: false, note: '申诉不成立' }, ADMIN))).toMatchObject({ status: 'rectifying', appealUpheld: false });
  });

  it('the overdue timer flags a ticket past its due date once, and a rerun changes nothing', async () => {
    await application('A0000000000000000013', 'completed');
    const ticketId = present(expectOk(await rate('A0000000000000000013', 2)).ticketId, 'ticketId');
    await sdk.database().collection('evaluation_tickets').doc(ticketId).update({ data: { dueDate: '2020-01-02' } });
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 1 });
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 0 });
    expect(expectOk(await call('evaluation', 'tickets', {}, ADMIN)).items[0]).toMatchObject({ id: ticketId, overdue: true });
  });

  it('the overdue timer tells each admin once per ticket and overdue step (outbox), never the rater; a later late step is told again', async () => {
    const STAFF_ADMIN = 'admin-by-record-openid';
    expectOk(await call('account', 'setStaff', { openid: STAFF_ADMIN, name: '管理员', role: 'admin', departments: ['psb'], halls: [], active: true }, ADMIN));
    expectOk(await call('account', 'setStaff', { openid: 'admin-left-openid', name: '已离岗', role: 'admin', departments: ['psb'], halls: [], active: false }, ADMIN));
    const admins = [ADMIN, PSB_ADMIN, STAFF_ADMIN].sort();
    const ticketIds: string[] = [];
    for (const id of ['A0000000000000000016', 'A0000000000000000017']) {
      await application(id, 'completed');
      const ticketId = present(expectOk(await rate(id, 2)).ticketId, 'ticketId');
      await sdk.database().collection('evaluation_tickets').doc(ticketId).update({ data: { dueDate: '2020-01-02' } });
      ticketIds.push(ticketId);
    }
    const notices = async () => (await docs('outbox')).filter((e) => e.type === 'evaluationTicket' && e.step === 'overdue');
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 2 });
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 0 });
    const first = await notices();
    expect(first).toHaveLength(admins.length * ticketIds.length);
    for (const ticketId of ticketIds) expect(first.filter((e) => e.ticketId === ticketId).map((e) => e.openid).sort()).toEqual(admins);
    expect(first.some((e) => e.openid === CITIZEN || e.openid === 'admin-left-openid')).toBe(false);
    expect(first[0]).toMatchObject({ status: 'pending', page: expect.stringMatching(/^packages\/staff\/pages\/eval-ticket\/index\?id=/), note: expect.stringContaining('待回访已超期（2020-01-02）') });
    const pushed = mapEvent(first[0]);
    expect(pushed).toMatchObject({ push: { templateKey: 'caseProgress', raw: { phrase3: '工单已超期', thing2: '居民身份证补领' } } });
    const stored = (await docs('evaluation_tickets')).find((t) => t._id === ticketIds[0]);
    expect(stored.overdueNotified).toEqual(['contacting@2020-01-02']);
    expect(stored.timeline.filter((e: { step: string }) => e.step === 'overdue')).toHaveLength(1);

    // The next step clears the flag; when it too runs late, the admins hear of it once more.
    expectOk(await call('evaluation', 'ticketStep', { id: ticketIds[0], step: 'contact', note: '已回访' }, POLICE_CLERK));
    await sdk.database().collection('evaluation_tickets').doc(ticketIds[0]).update({ data: { dueDate: '2020-01-09' } });
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 1 });
    expect(expectOk(await fireTimer('evaluation', 'overdue'))).toEqual({ flagged: 0 });
    const second = await notices();
    expect(second).toHaveLength(admins.length * (ticketIds.length + 1));
    expect(second.filter((e) => e.ticketId === ticketIds[0] && e.note.includes('待处理已超期（2020-01-09）')).map((e) => e.openid).sort()).toEqual(admins);
  });

  it('with the default period set, an unrated target becomes 基本满意 marked isDefault, once', async () => {
    process.env.EVALUATION_DEFAULT_AFTER_DAYS = '7';
    await application('A0000000000000000014', 'completed', 8);
    await application('A0000000000000000015', 'completed', 2);
    expect(expectOk(await fireTimer('evaluation', 'defaults'))).toEqual({ created: 1 });
    expect(expectOk(await fireTimer('evaluation', 'defaults'))).toEqual({ created: 0 });
    const stored = await docs('evaluation_ratings');
    expect(stored).toEqual([expect.objectContaining({ targetId: 'A0000000000000000014', level: 3, isDefault: true })]);
  });
});

describe('public results', () => {
  it('a matter shows its 好评率 only from 10 ratings on', async () => {
    for (let i = 0; i < 10; i += 1) await application(`A00000000000000001${String(i).padStart(2, '0')}`, 'completed', 1, `rater-${i}`);
    for (let i = 0; i < 9; i += 1) expectOk(await rate(`A00000000000000001${String(i).padStart(2, '0')}`, i < 6 ? 5 : 3, `rater-${i}`));
    expect(expectOk(await call('evaluation', 'matterSummary', { matterId: 'm1' }))).toEqual({ count: 9 });
    expectOk(await rate('A0000000000000000109', 1, 'rater-9'));
    expect(expectOk(await call('evaluation', 'matterSummary', { matterId: 'm1' }))).toEqual({ count: 10, goodRate: { num: 6, den: 10 } });
  });

  it('评价公示: per department and month, ratings, 好评率, 差评数, 整改率 and 按期整改率 as counts', async () => {
    await application('A0000000000000000201', 'completed');
    await application('A0000000000000000202', 'completed');
    expectOk(await rate('A0000000000000000201', 5));
    const ticketId = present(expectOk(await rate('A0000000000000000202', 2)).ticketId, 'ticketId');
    expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'contact', note: '已回访' }, POLICE_CLERK));
    expectOk(await call('evaluation', 'ticketStep', { id: ticketId, step: 'resolve', resolution: 'immediate', note: '当场改正' }, POLICE_CLERK));
    const { rows } = expectOk(await call('evaluation', 'publicity', {}));
    expect(rows).toEqual([{
      month: shanghaiDate(new Date()).slice(0, 7), unitName: '示例市公安局', ratings: 2, goodRate: { num: 1, den: 2 }, badCount: 1,
      rectifiedRate: { num: 1, den: 1 }, onTimeRate: { num: 1, den: 1 }, excluded: 0,
    }]);
  });
});
