/** consult × 好差评: a complaint handed off offers to rate the caller's own case still open for rating, never another's. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sdk } from '../../local-cloud';
import { RATE_OFFER_TEXT } from '../../core/consult/rate-offer';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const OTHER = 'other-citizen-openid';
const COMPLAINT = '办身份证的时候窗口那个工作人员态度很差，爱答不理的';
process.env.PUSH_KICK = 'off';
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** An application as affairs stores one (only the fields evaluation reads). */
async function application(id: string, openid: string, matterName: string, status = 'completed', endedDaysAgo = 1, departmentName = '示例市公安局') {
  const at = ago(endedDaysAgo);
  await sdk.database().collection('applications').doc(id).set({ data: {
    no: `BJ${id}`, openid, requestId: id, matterId: 'm1', matterName, department: 'psb', departmentName, formFields: [], form: {}, pii: {},
    status, timeline: [{ seq: 1, at, action: 'complete', status, by: departmentName }], updatedAt: at, submittedAt: ago(endedDaysAgo + 3),
  } });
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT));
});

it('a complaint with a case open for rating carries the offer for the case it names, kept in the history', async () => {
  await application('A00000000001', CITIZEN, '居民身份证补领', 'completed', 2);
  await application('A00000000002', CITIZEN, '社会保障卡申领', 'completed', 1);
  const a = expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN));
  expect(a.type).toBe('handoff');
  expect(a.questionId).toBeTruthy();
  expect(a.rateOffer).toEqual({
    targetType: 'application', targetId: 'A00000000001', title: '居民身份证补领', text: RATE_OFFER_TEXT,
    link: `/packages/evaluation/pages/rate/index?targetType=application&targetId=A00000000001&title=${encodeURIComponent('居民身份证补领')}`,
  });
  const { messages } = expectOk(await call('consult', 'history', { conversationId: a.conversationId }, CITIZEN));
  expect(messages.find((m: { role: string }) => m.role === 'bot')).toMatchObject({ type: 'handoff', rateOffer: { targetId: 'A00000000001' } });
});

it('no case open for rating (rated, still running, or none) → no offer; a question that is not a complaint → no offer', async () => {
  expect(expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN)).rateOffer).toBeUndefined();
  await application('A00000000003', CITIZEN, '居民身份证补领', 'accepted');
  await application('A00000000004', CITIZEN, '社会保障卡申领', 'completed', 30);
  expect(expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN)).rateOffer).toBeUndefined();
  await application('A00000000005', CITIZEN, '居民身份证补领');
  expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A00000000005', level: 2, requestId: 'req-consult-offer-1' }, CITIZEN));
  expect(expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN)).rateOffer).toBeUndefined();
  await application('A00000000006', CITIZEN, '居民身份证换领');
  const asked = expectOk(await call('consult', 'ask', { text: '社保卡丢了怎么补办' }, CITIZEN));
  expect(asked.type).not.toBe('handoff');
  expect(asked.rateOffer).toBeUndefined();
  expect(expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN)).rateOffer).toMatchObject({ targetId: 'A00000000006' });
});

it('another citizen’s ended case is never offered', async () => {
  await application('A00000000007', OTHER, '居民身份证补领');
  const a = expectOk(await call('consult', 'ask', { text: COMPLAINT }, CITIZEN));
  expect(a.type).toBe('handoff');
  expect(a.rateOffer).toBeUndefined();
  expect(expectOk(await call('consult', 'ask', { text: COMPLAINT }, OTHER)).rateOffer).toMatchObject({ targetId: 'A00000000007' });
});

it('a complaint about 户政窗口 is not offered the 出入境 签注 case; a 户政 case is, though it ended earlier', async () => {
  await application('A00000000008', CITIZEN, '往来港澳通行证再次签注', 'completed', 1, '示例市公安局出入境管理支队');
  const text = '户政窗口那个工作人员态度很差，爱答不理的';
  const a = expectOk(await call('consult', 'ask', { text }, CITIZEN));
  expect(a.type).toBe('handoff');
  expect(a.rateOffer).toBeUndefined();
  await application('A00000000009', CITIZEN, '居民身份证补领', 'completed', 3);
  expect(expectOk(await call('consult', 'ask', { text }, CITIZEN)).rateOffer).toMatchObject({ targetId: 'A00000000009', title: '居民身份证补领' });
  // Naming nothing identifiable: the one that ended last, as before.
  expect(expectOk(await call('consult', 'ask', { text: '窗口那个工作人员态度很差，爱答不理的' }, CITIZEN)).rateOffer).toMatchObject({ targetId: 'A00000000008' });
});
