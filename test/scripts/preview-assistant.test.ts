/**
 * The personal assistant on the preview's own data, with the questions an outside tester asked:
 * 李四's 社保卡补领 in progress, 张三's refused 户口迁入 (beside another still running), paused
 * cases. (The preview seeds no bookings; booking questions are in test/functions/consult-assistant.test.ts.)
 */
import { seed } from '../../scripts/seed';
import type { ConsultAskResult } from '../../core/api';
import { call, callRaw, expectOk, startCloud, ADMIN } from '../functions/harness';

const ZHANG = 'local-citizen';
const LI = 'local-citizen-2';
const invoke = (fn: string, data: unknown, openid?: string) => callRaw(fn, data, openid);
const ask = async (text: string, openid: string): Promise<ConsultAskResult> => expectOk(await call('consult', 'ask', { text }, openid));

beforeAll(async () => {
  process.env.PUSH_KICK = 'off';
  startCloud();
  await seed(invoke, ADMIN, () => undefined);
}, 180_000);

it('李四 "我的社保卡补办要多久": her 社保卡 case card with status and promised date', async () => {
  const a = await ask('我的社保卡补办要多久', LI);
  expect(a.answer?.source).toBe('record');
  expect(a.answer?.cards).toEqual([expect.objectContaining({ title: expect.stringContaining('社会保障卡'), status: '办理中', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);
  expect(a.message).toMatch(/^您的“社会保障卡.*”办件：$/);
});

it('张三 "我那个被退回的户口迁入是咋回事": the refused case with the reason the department gave', async () => {
  const a = await ask('我那个被退回的户口迁入是咋回事', ZHANG);
  expect(a.type).toBe('answer');
  expect(a.answer?.cards).toEqual([expect.objectContaining({
    title: '户口迁入登记', status: '不予受理', nextStep: '不予受理，理由：迁入地址不在本辖区，请向迁入地派出所申请；可按要求修改后重新申请',
  })]);
});

it('paused cases show no 承诺办结 date on the card, only the detail page\'s words', async () => {
  const a = await ask('我的户口迁入办到哪了', LI);
  const paused = a.answer?.cards?.find((c) => c.status === '已挂起');
  expect(paused).toBeDefined();
  expect(paused!.due).toBeUndefined();
  expect(paused!.clock).toMatch(/^暂停计时 · 剩余\d+个工作日，恢复后重新计算到期日$/);
  const detail = expectOk(await call('affairs', 'get', { id: paused!.id }, LI));
  expect(paused!.clock).toBe(`暂停计时 · 剩余${detail.workdaysLeft}个工作日，恢复后重新计算到期日`);
});
