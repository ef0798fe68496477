/** consult: the personal assistant answers "where is my case / when is my booking" from the caller's own records only. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import type { ConsultAskResult } from '../../core/api';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const OTHER = 'other-citizen-openid';
process.env.PUSH_KICK = 'off';

const application = (id: string, openid: string, matterName: string, extra: Record<string, unknown> = {}) => ({
  no: `BJ20261201${id.slice(-6).padStart(6, '0')}`, openid, matterId: 'm1', matterName, department: 'rs', departmentName: '市人社局', status: 'accepted',
  caseKind: '承诺件', promisedDays: 10, statutoryDays: 20, dueDate: '2026-12-15', clock: { dueDate: '2026-12-15', statutoryDueDate: '2026-12-29', runningSince: '2026-12-01' },
  updatedAt: '2026-12-01T02:00:00.000Z', submittedAt: '2026-12-01T01:00:00.000Z', ...extra,
});

async function ask(text: string, openid = CITIZEN): Promise<ConsultAskResult> {
  const result: ConsultAskResult = expectOk(await call('consult', 'ask', { text }, openid));
  return result;
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT));
  const db = getDb();
  await db.collection('applications').doc('app-000001').set({ data: application('app-000001', CITIZEN, '社会保障卡申领') });
  await db.collection('applications').doc('app-000002').set({ data: application('app-000002', CITIZEN, '公积金提取', { status: 'supplement', supplementRequest: { materials: ['m1'], materialNames: ['租房合同'] }, updatedAt: '2026-11-20T02:00:00.000Z' }) });
  await db.collection('applications').doc('app-000003').set({ data: application('app-000003', OTHER, '护照申领') });
  await db.collection('bookings').doc('bk-1').set({ data: {
    no: 'YY20261209000123', code: '12345678', openid: CITIZEN, matterName: '户口迁入', hallName: '市民中心', hallAddress: '人民路1号', groupName: '户籍窗口',
    date: '2026-12-09', start: '09:00', end: '09:30', startAt: '2026-12-09T01:00:00.000Z', endAt: '2026-12-09T01:30:00.000Z', status: 'booked',
  } });
});

describe('the personal assistant', () => {
  it('"我的社保卡办到哪一步了" answers with a card of that application: status, next step, due date, detail link', async () => {
    const a = await ask('我的社保卡办到哪一步了');
    expect(a.type).toBe('answer');
    expect(a.answer?.source).toBe('record');
    expect(a.answer?.cards).toEqual([expect.objectContaining({
      kind: 'application', title: '社会保障卡申领', status: '办理中', due: '2026-12-15', link: '/packages/affairs/pages/detail/index?id=app-000001',
    })]);
    expect(a.answer!.cards![0].nextStep).toContain('市人社局正在办理');
    expect(a.message).toContain('社会保障卡申领');
  });

  it('"我约的是几点" answers with the booking: time, place, link', async () => {
    const a = await ask('我约的是几点');
    expect(a.answer?.cards).toEqual([expect.objectContaining({
      kind: 'booking', title: '户口迁入', status: '已预约', due: '2026-12-09 09:00–09:30', link: '/packages/booking/pages/detail/index?id=bk-1',
    })]);
    expect(a.answer!.cards![0].nextStep).toContain('市民中心');
  });

  it('a number that is not the caller\'s reveals nothing', async () => {
    const a = await ask('我的办件BJ20261201000003到哪一步了');
    expect(JSON.stringify(a)).not.toContain('护照');
    expect(a.answer?.cards ?? []).toEqual([]);
    expect(a.message).toContain('没有找到');
  });

  it.each(['我约的是几点来着？', '我预约的是几点', '查一下我的预约', '我的预约'])('"%s" from someone with no bookings is answered from their records: none, with 去预约', async (text) => {
    const a = await ask(text, 'third-citizen-openid');
    expect(a).toMatchObject({ type: 'answer', answer: { source: 'record', cards: [], action: { label: '去预约', link: '/packages/matters/pages/search/index' } } });
    expect(a.message).toContain('您目前没有有效的预约');
    expect(a.questionId).toBeUndefined();
  });

  it.each(['我的社保卡办到哪一步了', '查一下我的办件', '我申请的公积金提取进度'])('"%s" from someone with no applications says so, with where to apply', async (text) => {
    const a = await ask(text, 'third-citizen-openid');
    expect(a).toMatchObject({ type: 'answer', answer: { source: 'record', cards: [], action: { label: '去办事' } } });
    expect(a.message).toContain('没有在本小程序申办的办件');
  });

  it('"查一下我的预约" with a booking shows it, not the how-to-book FAQ', async () => {
    const a = await ask('查一下我的预约');
    expect(a.answer?.source).toBe('record');
    expect(a.answer?.cards).toEqual([expect.objectContaining({ kind: 'booking', title: '户口迁入' })]);
  });

  it('general questions about booking stay with the knowledge base', async () => {
    for (const text of ['怎么预约', '预约需要带什么材料', '我想预约户口迁入']) {
      expect((await ask(text, 'third-citizen-openid')).answer?.source).not.toBe('record');
    }
  });
});

it('with no record to show, "…怎么查" still gets the knowledge base\'s how-to, not a handoff', async () => {
  const a = await ask('我交的申请办到哪了怎么查', 'third-citizen-openid');
  expect(a.type).not.toBe('handoff');
});
