/**
 * 即办件 of a charged matter: the on-the-spot 受理并办结 must not grant the case before the fee is paid.
 * The step stops at 受理 (which issues the bill in its transaction); the citizen sees 待缴费; 办结
 * follows payment or waiver. A 不予 decision and a free 即办件 still complete on the spot.
 */
import { sdk } from '../../local-cloud';
import { makeOnlineMatter } from '../fixtures/online-matter';
import type { BillView } from '../../core/pay/api';
import type { MatterInput } from '../../core/matter/schema';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

process.env.PUSH_KICK = 'off';

const instant = (name: string, fees: MatterInput['fees']): MatterInput => ({
  ...makeOnlineMatter(name, fees),
  timeLimit: { statutoryDays: 0, promisedDays: 0, caseKind: '即办件' },
});
const charged = instant('临时居民身份证申领', { charged: true, items: [{ name: '临时居民身份证工本费', standard: '10元/证', basis: '价费字〔1992〕446号', reducible: true }], onlinePayment: true });
const variable = instant('往来港澳通行证再次签注', { charged: true, items: [{ name: '往来港澳通行证签注费', standard: '一次有效15元/件，二次有效30元/件', basis: '发改价格〔2017〕1186号', reducible: false }], onlinePayment: true });
const free = instant('临时身份证明开具', { charged: false, items: [], onlinePayment: false });
const GRANT = { decision: '准予', expressNo: 'SF1234567890' } as const;

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [charged, variable, free] }) }, ADMIN));
});

async function submit(m: MatterInput): Promise<string> {
  const app = expectOk(await call('affairs', 'submit', { matterId: m.implementationCode, requestId: `req-${Math.random().toString(36).slice(2, 12)}`, form: { name: '张三丰' }, materials: [] }, CITIZEN));
  return app.id as string;
}

const billsOf = async (): Promise<BillView[]> => expectOk<BillView[]>(await call('pay', 'bills', {}, CITIZEN));

describe('即办件 with a fixed fee', () => {
  it('受理并办结 stops at 受理 with a 待缴费 bill; the citizen sees it; 办结 is refused until waived, then succeeds', async () => {
    const id = await submit(charged);
    const first = await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK);
    expect(first).toMatchObject({ ok: true, data: { status: 'accepted' } });
    expect(await billsOf()).toEqual([expect.objectContaining({ applicationId: id, status: 'unpaid', totalFen: 1000, items: [{ name: '临时居民身份证工本费', amountFen: 1000 }] })]);
    const citizenView = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(citizenView.status).toBe('accepted');
    expect(citizenView.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
    expect(citizenView.result).toBeUndefined();
    const issued = (await sdk.database().collection('outbox').limit(100).get()).data.filter((e: any) => e.type === 'payment');
    expect(issued.map((e: any) => e.change)).toEqual(['issued']);

    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('缴费或减免后才能办结') });
    const bill = (await billsOf())[0] as BillView;
    expectOk(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, POLICE_CLERK));
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
  });

  it('a 不予 decision on the spot needs no payment and issues no bill', async () => {
    const id = await submit(charged);
    expect(await call('affairs', 'act', { id, action: 'complete', comment: '材料不符合要求', result: { decision: '不予', expressNo: 'SF1234567890' } }, POLICE_CLERK))
      .toMatchObject({ ok: true, data: { status: 'completed' } });
    expect(await billsOf()).toEqual([]);
  });

  it('a free 即办件 is still accepted and completed in one step', async () => {
    const id = await submit(free);
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
    expect(await billsOf()).toEqual([]);
  });
});

describe('即办件 with a variable fee', () => {
  it('受理并办结 stops at 受理 without a bill; 办结 is refused until staff bill the chosen item and it is settled', async () => {
    const id = await submit(variable);
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'accepted' } });
    expect(await billsOf()).toEqual([]);
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('请先按办事指南开具缴费单') });
    expect(expectOk(await call('pay', 'bill', { applicationId: id, items: [{ name: '往来港澳通行证签注费', amountFen: 3000 }] }, POLICE_CLERK)))
      .toMatchObject({ totalFen: 3000, status: 'unpaid' });
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const bill = (await billsOf())[0] as BillView;
    expectOk(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, POLICE_CLERK));
    expect(await call('affairs', 'act', { id, action: 'complete', result: GRANT }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
  });
});
