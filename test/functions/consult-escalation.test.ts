/** consult: complaints, disputes and asking for a person in any words reach the inbox, with the conversation and the citizen's records. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import type { InboxItem } from '../../core/api';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const OTHER = 'other-citizen-openid';
process.env.PUSH_KICK = 'off';

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT));
});

async function openInbox(): Promise<InboxItem[]> {
  const items: InboxItem[] = expectOk(await call('consult', 'inbox', {}, AGENT));
  return items;
}

describe('complaints and disputes reach a person', () => {
  it.each([
    '办社保卡的时候窗口那个工作人员态度很差，爱答不理的',
    '我对不予受理的决定不服，想申诉',
  ])('%s → handoff to the inbox, saying so', async (text) => {
    const a = expectOk(await call('consult', 'ask', { text }, CITIZEN));
    expect(a.type).toBe('handoff');
    expect(a.answer).toBeUndefined();
    expect(a.message).toMatch(/已转给工作人员/);
    expect(a.questionId).toBeTruthy();
  });

  it.each([
    ['我的申请被退回了，不知道为什么', 'own-case'],
    ['身份证被冒用了怎么办', 'intent'],
  ])('%s → says what was reported went to a person, not that the bot could not answer (%s)', async (text) => {
    const a = expectOk(await call('consult', 'ask', { text }, CITIZEN));
    expect(a.type).toBe('handoff');
    expect(a.message).toMatch(/^您反映的情况已转给工作人员/);
  });
});

describe('asking for a person in other words', () => {
  it.each(['能不能让真人跟我说', '我不想跟机器人聊了', '帮我找个工作人员'])('%s → human handoff', async (text) => {
    const a = expectOk(await call('consult', 'ask', { text }, CITIZEN));
    expect(a.type).toBe('handoff');
    // Either the knowledge base's own 人工 rule or the built-in notice: both say it was handed over.
    expect(a.message).toMatch(/已(为您)?转(给工作人员|接人工)/);
    expect(a.message).not.toContain('无法准确回答');
    expect(a.questionId).toBeTruthy();
  });

  it.each(['能不能让人来回答', '别让机器回了', '你们工作人员能直接回我吗', '叫个人来跟我说', '别用机器人回答我了'])('%s → a request for a person in the inbox', async (text) => {
    const a = expectOk(await call('consult', 'ask', { text }, CITIZEN));
    expect(a.type).toBe('handoff');
    expect(a.message).not.toContain('无法准确回答');
    const item = (await openInbox()).find((i) => i.id === a.questionId);
    // reason human: the staff page labels it 群众要求人工.
    expect(item).toMatchObject({ question: text, reason: 'human' });
  });
});

describe('the inbox item carries context', () => {
  it('a typed 转人工 arrives with the masked conversation before it and the citizen\'s own records as links', async () => {
    const db = getDb();
    await db.collection('applications').doc('app-mine').set({ data: { no: 'A20261201001', openid: CITIZEN, matterId: 'm1', matterName: '社会保障卡申领', status: 'accepted', updatedAt: '2026-12-01T02:00:00.000Z', submittedAt: '2026-12-01T01:00:00.000Z' } });
    await db.collection('applications').doc('app-other').set({ data: { no: 'A20261201002', openid: OTHER, matterId: 'm1', matterName: '别人的办件', status: 'accepted', updatedAt: '2026-12-02T02:00:00.000Z', submittedAt: '2026-12-01T01:00:00.000Z' } });
    await db.collection('bookings').doc('bk-mine').set({ data: { no: 'B001', openid: CITIZEN, matterName: '户口迁入', hallName: '市民中心', date: '2026-12-09', start: '09:00', end: '09:30', startAt: '2026-12-09T01:00:00.000Z', status: 'booked' } });
    const first = expectOk(await call('consult', 'ask', { text: '社保卡丢了，我手机13812345678' }, CITIZEN));
    const h = expectOk(await call('consult', 'ask', { text: '转人工', conversationId: first.conversationId }, CITIZEN));
    expect(h.type).toBe('handoff');
    const item = (await openInbox()).find((i) => i.id === h.questionId)!;
    expect(item.question).toBe('转人工');
    const lines = item.context!.messages;
    expect(lines.map((m) => m.role)).toEqual(['citizen', 'bot']);
    expect(lines[0].text).toBe('社保卡丢了，我手机138****5678');
    expect(JSON.stringify(item.context)).not.toContain('13812345678');
    expect(item.context!.records).toEqual([
      expect.objectContaining({ kind: 'application', title: '社会保障卡申领', status: '办理中', no: 'A20261201001', link: `/packages/staff/pages/consult-record/index?questionId=${item.id}&kind=application&id=app-mine` }),
      expect.objectContaining({ kind: 'booking', title: '户口迁入', status: '已预约', no: 'B001' }),
    ]);
    expect(JSON.stringify(item.context)).not.toContain('别人的办件');
  });

  it('a bot turn that offered questions carries them: the agent sees what 您是不是想问 listed', async () => {
    const unsure = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    expect(unsure.type).toBe('suggestions');
    const offered = (unsure.suggestions ?? []).map((s) => s.question);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const h = expectOk(await call('consult', 'ask', { text: '转人工', conversationId: unsure.conversationId }, CITIZEN));
    const item = (await openInbox()).find((i) => i.id === h.questionId)!;
    const bot = item.context!.messages.find((m) => m.role === 'bot')!;
    expect(bot).toMatchObject({ text: '您是不是想问：', type: 'suggestions' });
    expect(bot.suggestions?.map((s) => s.question)).toEqual(offered.slice(0, 5));
  });
});
