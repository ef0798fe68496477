/** consult: the personal assistant answers "where is my case / when is my booking" from the caller's own records only. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import type { ConsultAskResult } from '../../core/api';
import { periodIn } from '../../core/consult/record-scope';
import { shanghaiDateTime } from '../../core/shanghai-time';
import { makeOnlineMatter } from '../fixtures/online-matter';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

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

describe('a case waiting for payment', () => {
  const passport = makeOnlineMatter('普通护照签发', { charged: true, items: [{ name: '护照工本费', standard: '120元/本', basis: '发改价格〔2017〕1186号', reducible: false }], onlinePayment: true });

  it('"我的护照办到哪一步了" says to pay, with the amount and deadline (Shanghai) the detail page shows, and 去缴费 to that page', async () => {
    expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
    expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [passport] }) }, ADMIN));
    const app = expectOk(await call('affairs', 'submit', { matterId: passport.implementationCode, requestId: 'req-consult-pay-1', form: { name: '张三丰' }, materials: [] }, CITIZEN));
    expectOk(await call('affairs', 'act', { id: app.id, action: 'accept' }, POLICE_CLERK));
    const bill = expectOk(await call('pay', 'forCase', { applicationId: app.id }, CITIZEN));
    expect(bill).toMatchObject({ status: 'unpaid', totalFen: 12000 });

    const a = await ask('我的护照办到哪一步了');
    const step = `请缴纳费用 ¥120.00（${shanghaiDateTime(bill!.expiresAt!)}前），缴费后办理单位即可办结`;
    expect(a.answer?.cards).toEqual([expect.objectContaining({ id: app.id, title: '普通护照签发', status: '办理中', nextStep: step })]);
    // One card: the bubble only leads in, the card says the step (no repeat).
    expect(a.message).toBe('您的“普通护照签发”办件：');
    expect(a.answer?.action).toEqual({ label: '去缴费', link: `/packages/affairs/pages/detail/index?id=${app.id}` });
  });
});

describe('no confident answer about another matter, person or time', () => {
  it('"我约的护照是几点" with only a 户口 booking: no passport booking, the booking they have listed as another', async () => {
    const a = await ask('我约的护照是几点');
    expect(a.message).toBe('您名下没有护照相关的预约。以下是您的其他预约，请核对：');
    expect(a.answer?.cards).toEqual([expect.objectContaining({ kind: 'booking', title: '户口迁入' })]);
  });

  it('"我的护照办到哪了" with no passport case of their own (another citizen has one): says so, lists their own others', async () => {
    const a = await ask('我的护照办到哪了');
    expect(a.message).toMatch(/^您名下没有护照相关的办件。以下是您的其他办件/);
    expect(a.answer?.cards?.map((c) => c.id).sort()).toEqual(['app-000001', 'app-000002']);
  });

  it('"我老婆的护照办到哪了" / "我爸的社保卡办好了吗": only the caller\'s own records, never the FAQ as if it answered', async () => {
    const wife = await ask('我老婆的护照办到哪了');
    expect(wife).toMatchObject({ type: 'answer', answer: { source: 'record', cards: [], action: { label: '我的办件' } } });
    expect(wife.message).toContain('只能查询用您本人微信办理的办件');
    const dad = await ask('我爸的社保卡办好了吗');
    expect(dad.message).toMatch(/只能查询.*如果是您用本微信替对方申办的/);
    expect(dad.answer?.cards?.map((c) => c.id)).toEqual(['app-000001']);
  });

  it('"我上周提交的那个批了没" shows what was submitted last week (Shanghai days); none then → says so and lists the in-progress ones', async () => {
    const lastWeek = periodIn('上周', new Date().toISOString())!;
    await getDb().collection('applications').doc('app-000001').update({ data: { submittedAt: `${lastWeek.from}T04:00:00.000Z` } });
    await getDb().collection('applications').doc('app-000002').update({ data: { submittedAt: '2026-01-05T04:00:00.000Z' } });
    const a = await ask('我上周提交的那个批了没');
    expect(a.answer?.cards?.map((c) => c.id)).toEqual(['app-000001']);
    await getDb().collection('applications').doc('app-000001').update({ data: { submittedAt: '2026-01-05T04:00:00.000Z' } });
    const none = await ask('我上周提交的那个批了没');
    expect(none.message).toBe('您上周没有提交过办件。以下是您办理中的办件，请核对：');
    expect(none.answer?.cards?.map((c) => c.id).sort()).toEqual(['app-000001', 'app-000002']);
  });
});

describe('a bare number is looked up in the caller\'s own records', () => {
  it.each([
    ['BJ20261201000001', 'app-000001'],
    ['YY20261209000123', 'bk-1'],
    ['查一下YY20261209000123', 'bk-1'],
    ['YY20261209000123 几点', 'bk-1'],
  ])('"%s" → the card of %s', async (text, id) => {
    const a = await ask(text);
    expect(a).toMatchObject({ type: 'answer', answer: { source: 'record' } });
    expect(a.answer?.cards?.map((c) => c.id)).toEqual([id]);
  });

  it('the caller\'s own number with a digit dropped offers that record, and says the number typed was not found', async () => {
    const a = await ask('YY2026120900123几点');
    expect(a.answer?.cards?.map((c) => c.id)).toEqual(['bk-1']);
    expect(a.message).toContain('您名下没有编号为 YY2026120900123 的记录');
  });

  it('another citizen\'s number alone finds nothing and reveals nothing', async () => {
    const a = await ask('BJ20261201000003');
    expect(a.message).toBe('在您名下没有找到编号为 BJ20261201000003 的办件或预约。请核对编号，或在“我的办件”“我的预约”中查看。');
    expect(JSON.stringify(a)).not.toContain('护照');
  });
});

describe('plain "my …" questions, a case of the matter named whatever its state', () => {
  const moveIn = makeOnlineMatter('户口迁入登记');
  async function caseOf(matter = moveIn) {
    expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
    expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN));
    return expectOk(await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: `req-${Math.random().toString(36).slice(2, 12)}`, form: { name: '张三丰' }, materials: [] }, CITIZEN));
  }

  it('"我那个被退回的户口迁入是咋回事": the refused case, the reason the department gave and what to do', async () => {
    const app = await caseOf();
    expectOk(await call('affairs', 'act', { id: app.id, action: 'reject', comment: '迁入地址不在本辖区，请向迁入地派出所申请' }, POLICE_CLERK));
    // Another 户口迁入 case in progress (as 张三 in the preview): the returned one is meant.
    expectOk(await call('affairs', 'submit', { matterId: moveIn.implementationCode, requestId: 'req-again-0001', form: { name: '张三丰' }, materials: [] }, CITIZEN));
    const a = await ask('我那个被退回的户口迁入是咋回事');
    expect(a).toMatchObject({ type: 'answer', message: '您的“户口迁入登记”办件如下，仍有疑问请点“转人工”：', answer: { source: 'record' } });
    expect(a.answer?.cards).toEqual([expect.objectContaining({
      id: app.id, status: '不予受理', nextStep: '不予受理，理由：迁入地址不在本辖区，请向迁入地派出所申请；可按要求修改后重新申请',
    })]);
  });

  it('"我的社保卡被退回了" while that case is in progress: the record does not explain it, a person does', async () => {
    const a = await ask('我的社保卡被退回了');
    expect(a).toMatchObject({ type: 'handoff' });
    expect(a.questionId).toBeDefined();
  });

  it('"我的户口迁入办到哪了" on a suspended case: the card has no 承诺办结 date and the words of the detail page', async () => {
    const app = await caseOf();
    expectOk(await call('affairs', 'act', { id: app.id, action: 'accept' }, POLICE_CLERK));
    expectOk(await call('affairs', 'act', { id: app.id, action: 'suspend', comment: '组织专家评审' }, POLICE_CLERK));
    const detail = expectOk(await call('affairs', 'get', { id: app.id }, CITIZEN));
    expect(detail).toMatchObject({ clockPaused: true, workdaysLeft: expect.any(Number) });
    expect(detail.dueDate).toBeUndefined();
    const a = await ask('我的户口迁入办到哪了');
    const card = a.answer!.cards![0];
    expect(card).toMatchObject({ id: app.id, status: '已挂起', clock: `暂停计时 · 剩余${detail.workdaysLeft}个工作日，恢复后重新计算到期日`, nextStep: detail.nextStep });
    expect(card.due).toBeUndefined();
  });

  it('"我的社保卡补办要多久" with a 社保卡 case: its card with the promised date; without one: the FAQ, not "no such case"', async () => {
    const a = await ask('我的社保卡补办要多久');
    expect(a.message).toBe('您的“社会保障卡申领”办件：');
    expect(a.answer?.cards).toEqual([expect.objectContaining({ id: 'app-000001', status: '办理中', due: '2026-12-15' })]);
    const general = await ask('社保卡补办要多久');
    expect(general.answer?.source).not.toBe('record');
    const noCase = await ask('我的社保卡补办要多久', 'third-citizen-openid');
    expect(noCase.answer?.source).not.toBe('record');
    expect(noCase.message).not.toContain('没有在本小程序申办的办件');
  });

  it('a live case and the latest refused one of the named matter both show, said as such', async () => {
    const refused = await caseOf();
    expectOk(await call('affairs', 'act', { id: refused.id, action: 'reject', comment: '材料不全' }, POLICE_CLERK));
    const live = expectOk(await call('affairs', 'submit', { matterId: moveIn.implementationCode, requestId: 'req-live-0001', form: { name: '张三丰' }, materials: [] }, CITIZEN));
    const a = await ask('我的户口迁入办好了没');
    expect(a.answer?.cards?.map((c) => c.id)).toEqual([live.id, refused.id]);
    expect(a.message).toBe('您名下办理中的相关办件共 1 件，另附最近一件已结束的办件，请看下面的卡片：');
  });
});

describe('my booking: its number, and how it is changed', () => {
  it('"我的预约号是多少" → the booking card (number on it)', async () => {
    const a = await ask('我的预约号是多少');
    expect(a.message).toBe('您的“户口迁入”预约：');
    expect(a.answer?.cards).toEqual([expect.objectContaining({ kind: 'booking', no: 'YY20261209000123' })]);
  });

  it.each(['我的预约能改时间吗', '预约YY20261209000123可以改到下午吗'])('"%s" → the booking and how: cancel by the deadline, book again', async (text) => {
    // A booking far enough ahead that the online cancel is still open.
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    await getDb().collection('bookings').doc('bk-1').update({ data: { startAt: start.toISOString() } });
    const a = await ask(text);
    const deadline = shanghaiDateTime(new Date(start.getTime() - 60 * 60_000).toISOString());
    expect(a.message).toBe(`预约不能直接改时间。如需改期，请打开下面的预约，在 ${deadline} 前点“取消预约”，再重新预约其他时段（开始前1小时内不能在线取消）：`);
    expect(a.answer?.cards?.map((c) => c.id)).toEqual(['bk-1']);
    expect(a.answer?.action).toEqual({ label: '查看预约', link: '/packages/booking/pages/detail/index?id=bk-1' });
  });
});
