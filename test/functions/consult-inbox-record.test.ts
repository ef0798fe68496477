/** consult.inboxRecord: a 12345 agent reads the asking citizen's own case or booking beside a question — masked, logged, nobody else's. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { billIdFor } from '../../cloudfunctions/shared/case-bill';
import type { InboxItem } from '../../core/api';
import { ADMIN, CITIZEN, call, callBad, expectOk, present, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const PLAIN_STAFF = 'plain-staff-openid';
const OTHER = 'other-citizen-openid';
const ID = '11010519491231002X';
const PHONE = '13812345678';
process.env.PUSH_KICK = 'off';

const application = (openid: string, matterName: string, extra: Record<string, unknown> = {}) => ({
  no: 'BJ20261201000001', openid, matterId: 'm1', matterName, matterType: '行政确认', department: 'hrss', departmentName: '市人社局', status: 'accepted',
  caseKind: '承诺件', promisedDays: 10, statutoryDays: 20, applicantName: '张三',
  form: { name: '张*', idNumber: '110105********002X', phone: '138****5678' }, pii: { idNumber: { v: 1, iv: 'x', data: 'sealed' } },
  materials: [{ materialId: 'm1', name: '身份证', fileID: 'cloud://evidence/app-mine/id.jpg', mime: 'image/jpeg', size: 10 }],
  clock: { promisedDays: 10, statutoryDays: 20, acceptedOn: '2026-12-01', usedDays: 0, runningSince: '2026-12-01', dueDate: '2026-12-15', statutoryDueDate: '2026-12-29', uncoveredYears: [] },
  dueDate: '2026-12-15',
  timeline: [
    { seq: 1, at: '2026-12-01T01:00:00.000Z', action: 'submit', status: 'submitted', by: '申请人' },
    { seq: 2, at: '2026-12-01T06:30:00.000Z', action: 'accept', status: 'accepted', by: '市人社局', comment: `材料齐全，已电话联系 ${PHONE}` },
  ],
  updatedAt: '2026-12-01T06:30:00.000Z', submittedAt: '2026-12-01T01:00:00.000Z', ...extra,
});

async function all(collection: string): Promise<Record<string, unknown>[]> {
  return (await getDb().collection(collection).limit(100).get()).data as Record<string, unknown>[];
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: PLAIN_STAFF, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  const db = getDb();
  await db.collection('applications').doc('app-mine').set({ data: application(CITIZEN, '社会保障卡申领') });
  await db.collection('applications').doc('app-other').set({ data: application(OTHER, '护照申领', { no: 'BJ20261201000002' }) });
  await db.collection('applications').doc('app-agent').set({ data: application(AGENT, '公积金提取', { no: 'BJ20261201000003' }) });
  await db.collection('pay_bills').doc(billIdFor('app-mine')).set({ data: { applicationId: 'app-mine', status: 'unpaid', totalFen: 2000, expiresAt: '2026-12-14T02:00:00.000Z', items: [{ name: '工本费', amountFen: 2000 }] } });
  await db.collection('bookings').doc('bk-mine').set({ data: {
    no: 'YY20261209000123', code: '87654321', openid: CITIZEN, matterName: '户口迁入', hallId: 'hall-center', hallName: '市民中心', hallAddress: '人民路1号', groupName: '户籍窗口',
    date: '2026-12-09', start: '09:00', end: '09:30', startAt: '2026-12-09T01:00:00.000Z', endAt: '2026-12-09T01:30:00.000Z', status: 'booked', createdAt: '2026-12-02T03:00:00.000Z',
  } });
});

async function handOff(openid = CITIZEN): Promise<InboxItem> {
  const h = expectOk(await call('consult', 'ask', { text: '社保卡办到哪了，帮我转人工', handoff: true }, openid));
  const items: InboxItem[] = expectOk(await call('consult', 'inbox', {}, AGENT));
  return present(items.find((i) => i.id === h.questionId), 'inbox item');
}

it('links the citizen\'s records in the inbox to the agent\'s record view', async () => {
  const item = await handOff();
  expect(item.context?.records.map((r) => r.link)).toEqual([
    `/packages/staff/pages/consult-record/index?questionId=${item.id}&kind=application&id=app-mine`,
    `/packages/staff/pages/consult-record/index?questionId=${item.id}&kind=booking&id=bk-mine`,
  ]);
});

it('shows an agent the asking citizen\'s case: masked summary, timeline, next step, unpaid bill; logged', async () => {
  const item = await handOff();
  const view = expectOk(await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'app-mine' }, AGENT));
  expect(view).toEqual({
    kind: 'application', id: 'app-mine', no: 'BJ20261201000001', matterName: '社会保障卡申领', status: '办理中', unit: '市人社局',
    when: '2026-12-01 09:00', due: '2026-12-15', applicant: '张*',
    steps: [
      { at: '2026-12-01 09:00', step: '提交申请', by: '申请人' },
      { at: '2026-12-01 14:30', step: '受理', by: '市人社局', comment: '材料齐全，已电话联系 138****5678' },
    ],
    // Word for word what the citizen is told on the detail page and by the assistant.
    nextStep: '请缴纳费用 ¥20.00（2026-12-14 10:00前），缴费后办理单位即可办结',
    unpaid: { amountFen: 2000, status: '待缴费' },
  });
  const text = JSON.stringify(view);
  for (const secret of [PHONE, ID, 'cloud://', 'sealed', CITIZEN]) expect(text).not.toContain(secret);
  expect(await all('access_logs')).toEqual([expect.objectContaining({
    openid: AGENT, questionId: item.id, conversationId: item.conversationId, purpose: 'consultRecord', kind: 'application', recordId: 'app-mine',
  })]);
});

it('shows the booking: slot, hall, steps, next step — not the check-in code', async () => {
  const item = await handOff();
  const view = expectOk(await call('consult', 'inboxRecord', { questionId: item.id, kind: 'booking', id: 'bk-mine' }, AGENT));
  expect(view).toMatchObject({
    kind: 'booking', no: 'YY20261209000123', matterName: '户口迁入', status: '已预约', unit: '市民中心 · 户籍窗口', when: '2026-12-09 09:00–09:30',
    address: '人民路1号', steps: [{ at: '2026-12-02 11:00', step: '预约', by: '预约人' }],
  });
  expect(view.nextStep).toContain('市民中心');
  expect(view.staffLink).toBeUndefined();
  expect(JSON.stringify(view)).not.toContain('87654321');
});

it('answers another citizen\'s record id exactly like one that does not exist, and logs nothing', async () => {
  const item = await handOff();
  const other = await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'app-other' }, AGENT);
  const missing = await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'app-none' }, AGENT);
  expect(other).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到该记录' });
  expect(missing).toEqual(other);
  // A booking id under the application kind is looked up among applications only.
  expect(await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'bk-mine' }, AGENT)).toEqual(other);
  expect(await call('consult', 'inboxRecord', { questionId: 'q-none', kind: 'application', id: 'app-mine' }, AGENT)).toEqual(other);
  expect(JSON.stringify(other)).not.toContain('护照');
  expect(await all('access_logs')).toEqual([]);
});

it('refuses staff without the consult grant and citizens, the asking citizen included', async () => {
  const item = await handOff();
  const params = { questionId: item.id, kind: 'application' as const, id: 'app-mine' };
  expect(await call('consult', 'inboxRecord', params, PLAIN_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('consult', 'inboxRecord', params, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('consult', 'inboxRecord', params, OTHER)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await all('access_logs')).toEqual([]);
});

it('never shows an agent their own case, even when they asked the question themselves', async () => {
  const item = await handOff(AGENT);
  expect(await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'app-agent' }, AGENT))
    .toMatchObject({ ok: false, code: 'FORBIDDEN', message: '不能查看本人的办件或预约，请由其他坐席答复' });
  expect(await all('access_logs')).toEqual([]);
});

it('offers the full case page only to someone who may handle it there', async () => {
  const item = await handOff();
  const params = { questionId: item.id, kind: 'application' as const, id: 'app-mine' };
  expect(expectOk(await call('consult', 'inboxRecord', params, AGENT)).staffLink).toBeUndefined();
  expect(expectOk(await call('consult', 'inboxRecord', params, ADMIN)).staffLink).toBe('/packages/staff/pages/case/index?id=app-mine');
});

it('refuses malformed params before reading anything', async () => {
  const item = await handOff();
  expect(await callBad('consult', 'inboxRecord', { questionId: item.id, kind: 'matter', id: 'app-mine' }, AGENT)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await callBad('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: { $ne: '' } }, AGENT)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
