/**
 * consult: a handed-off question's context carries the case it is about. 居住证办了一个多月还没办好
 * names 居住证: the citizen's older 居住证 cases and bookings come beside the five latest records.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import type { InboxItem } from '../../core/api';
import { ADMIN, CITIZEN, call, expectOk, present, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const OTHER = 'other-citizen-openid';
process.env.PUSH_KICK = 'off';

/** A case last changed on `date` (YYYY-MM-DD). */
const application = (openid: string, matterName: string, date: string, no: string) => ({
  no, openid, matterId: 'm1', matterName, matterType: '行政确认', department: 'psb', departmentName: '市公安局', status: 'accepted',
  updatedAt: `${date}T02:00:00.000Z`, submittedAt: `${date}T01:00:00.000Z`, form: { name: '张*' },
});
const booking = (openid: string, matterName: string, date: string, no: string) => ({
  no, code: '12345678', openid, matterName, hallId: 'hall-center', hallName: '市民中心', hallAddress: '人民路1号', groupName: '户籍窗口',
  date, start: '09:00', end: '09:30', startAt: `${date}T01:00:00.000Z`, endAt: `${date}T01:30:00.000Z`, status: 'done', createdAt: `${date}T00:00:00.000Z`,
});

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  const db = getDb();
  // Five recent cases of other matters, then four older 居住证 cases (oldest last) and an old 护照 one.
  const recent = ['护照申领', '社会保障卡申领', '港澳通行证签注', '营业执照设立登记', '不动产登记'];
  for (const [i, name] of recent.entries()) await db.collection('applications').doc(`app-recent-${i}`).set({ data: application(CITIZEN, name, `2026-12-0${7 - i}`, `BJ2026120${7 - i}00000${i}`) });
  for (const i of [0, 1, 2, 3]) await db.collection('applications').doc(`app-jzz-${i}`).set({ data: application(CITIZEN, '居住证申领', `2026-11-${String(20 - i * 5).padStart(2, '0')}`, `BJ202611${String(20 - i * 5).padStart(2, '0')}00001${i}`) });
  await db.collection('applications').doc('app-old-passport').set({ data: application(CITIZEN, '护照申领', '2026-10-20', 'BJ20261020000020') });
  // Someone else's 居住证 case: never in this citizen's context.
  await db.collection('applications').doc('app-other-jzz').set({ data: application(OTHER, '居住证申领', '2026-12-03', 'BJ20261203000099') });
  for (const i of [0, 1, 2, 3, 4]) await db.collection('bookings').doc(`bk-recent-${i}`).set({ data: booking(CITIZEN, '户口迁入', `2026-12-0${i + 1}`, `YY2026120${i + 1}00000${i}`) });
  await db.collection('bookings').doc('bk-jzz').set({ data: booking(CITIZEN, '居住证申领', '2026-10-28', 'YY20261028000010') });
});

async function contextOf(text: string, handoff = false): Promise<InboxItem> {
  const h = expectOk(await call('consult', 'ask', { text, ...(handoff ? { handoff: true } : {}) }, CITIZEN));
  const items: InboxItem[] = expectOk(await call('consult', 'inbox', {}, AGENT));
  return present(items.find((i) => i.id === present(h.questionId, 'questionId')), 'inbox item');
}

it('a question naming 居住证 carries the citizen\'s older 居住证 cases (up to 3 more) and bookings beside the latest', async () => {
  const item = await contextOf('居住证办了一个多月还没办好');
  const ids = present(item.context, 'context').records.map((r) => r.id);
  expect(ids).toEqual([
    'app-recent-0', 'app-recent-1', 'app-recent-2', 'app-recent-3', 'app-recent-4', 'app-jzz-0', 'app-jzz-1', 'app-jzz-2',
    'bk-recent-4', 'bk-recent-3', 'bk-recent-2', 'bk-recent-1', 'bk-recent-0', 'bk-jzz',
  ]);
  // The agent can open the named case from the inbox, as any context record.
  const view = expectOk(await call('consult', 'inboxRecord', { questionId: item.id, kind: 'application', id: 'app-jzz-0' }, AGENT));
  expect(view).toMatchObject({ id: 'app-jzz-0', matterName: '居住证申领' });
});

it('a question naming nothing carries the latest records only', async () => {
  const item = await contextOf('能不能让人来回答', true);
  const ids = present(item.context, 'context').records.map((r) => r.id);
  expect(ids).toEqual(['app-recent-0', 'app-recent-1', 'app-recent-2', 'app-recent-3', 'app-recent-4', 'bk-recent-4', 'bk-recent-3', 'bk-recent-2', 'bk-recent-1', 'bk-recent-0']);
});
