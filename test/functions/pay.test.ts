/**
 * 缴费 on the local cloud against the WeChat Pay emulator: bill on 受理, pay once with a receipt,
 * duplicated / forged / mismatched notifications, a missed one healed by reconcile, 20 parallel
 * prepays → one order, refunds confirmed by notification, completion blocked while unpaid.
 */
import { getOpenapiSink, grantSubscription, invokeFunction, sdk } from '../../local-cloud';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { WechatPayEmulator, type Notification } from '../../local-cloud/wechatpay/emulator';
import { payEnvFor } from '../../local-cloud/wechatpay/keys';
import { configFromEnv, wechatPay, type WechatPayConfig } from '../../cloudfunctions/pay/wechatpay';
import { makeOnlineMatter } from '../fixtures/online-matter';
import type { BillView, ReceiptView } from '../../core/pay/api';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, fireTimer, startCloud } from './harness';

process.env.PUSH_KICK = 'off';
const OTHER = 'citizen-2-openid';
const APPID = 'wx0000000000local';

/** WeChat Pay's notification reaches the function through the HTTP access service. */
async function deliverToFunction(n: Notification): Promise<number> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(n.headers)) headers[k.toLowerCase()] = v;
  const r = (await invokeFunction('pay', { path: '/http/pay/notify', httpMethod: 'POST', headers, queryStringParameters: {}, body: n.body, isBase64Encoded: false }, { SOURCE: 'wx_http' })) as { statusCode: number };
  return r.statusCode;
}

const emulator = new WechatPayEmulator({ appid: APPID, deliver: deliverToFunction });
const matter = makeOnlineMatter('居民身份证补领', { charged: true, items: [{ name: '居民身份证工本费', standard: '20元/证', basis: '发改价格〔2003〕2322号', reducible: true }], onlinePayment: true });
const savedEnv = { ...process.env };

beforeAll(async () => {
  const base = await emulator.listen();
  Object.assign(process.env, payEnvFor(emulator.keys, base, 'https://example.invalid/http/pay/notify'));
});
afterAll(async () => {
  await emulator.close();
  process.env = savedEnv;
});

beforeEach(async () => {
  emulator.notifyCopies = 2;
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN));
});

async function acceptedCase(openid = CITIZEN): Promise<string> {
  const app = expectOk(await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: `req-${Math.random().toString(36).slice(2, 12)}`, form: { name: '张三丰' }, materials: [] }, openid));
  expectOk(await call('affairs', 'act', { id: app.id, action: 'accept' }, POLICE_CLERK));
  return app.id as string;
}

async function billOf(openid = CITIZEN): Promise<BillView> {
  const bills = expectOk<BillView[]>(await call('pay', 'bills', {}, openid));
  return bills[0] as BillView;
}

async function docs(name: string): Promise<any[]> {
  return (await sdk.database().collection(name).limit(100).get()).data;
}

/** A TRANSACTION.SUCCESS notification properly signed and encrypted by WeChat Pay, for any amount. */
function successNotice(outTradeNo: string, totalFen: number): Notification {
  return emulator.signedNotification('x', 'TRANSACTION.SUCCESS', '支付成功', 'transaction', {
    appid: APPID, mchid: emulator.keys.mchid, out_trade_no: outTradeNo, transaction_id: `42000000000000000000${totalFen}`, trade_state: 'SUCCESS',
    success_time: '2026-12-07T10:00:00+08:00', payer: { openid: CITIZEN }, amount: { total: totalFen, payer_total: totalFen, currency: 'CNY', payer_currency: 'CNY' },
  });
}

const payEvents = async () => (await docs('outbox')).filter((e) => e.type === 'payment').map((e) => e.change).sort();

describe('pay: bills and payment', () => {
  it('受理 issues the guide\'s fixed fee as a bill in 分, with a pay-by deadline and an issued push', async () => {
    const appId = await acceptedCase();
    const bill = await billOf();
    expect(bill).toMatchObject({ applicationId: appId, items: [{ name: '居民身份证工本费', amountFen: 2000 }], totalFen: 2000, status: 'unpaid', expiresAt: expect.any(String) });
    expect(await payEvents()).toEqual(['issued']);
    expect(expectOk(await call('pay', 'forCase', { applicationId: appId }, POLICE_CLERK))).toMatchObject({ id: bill.id, status: 'unpaid' });
  });

  it('another citizen\'s bill is NOT_FOUND; a citizen cannot bill', async () => {
    const appId = await acceptedCase();
    const bill = await billOf();
    expect(await call('pay', 'get', { id: bill.id }, OTHER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call('pay', 'prepay', { id: bill.id, requestId: 'req-other-0001' }, OTHER)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call('pay', 'bill', { applicationId: appId }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('pays once although the notification arrives twice: one receipt, one paid push, masked payer', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-pay-000001' }, CITIZEN));
    expect(pre.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect((await billOf()).status).toBe('paying');
    await emulator.confirm(pre.outTradeNo);
    const got = expectOk<BillView & { receipt?: ReceiptView }>(await call('pay', 'get', { id: bill.id }, CITIZEN));
    expect(got).toMatchObject({ status: 'paid', paidFen: 2000 });
    expect(got.receipt).toMatchObject({ code: expect.stringMatching(/^\d{8}$/), number: '0000000001', payer: '张*丰', totalFen: 2000, issuer: '示例市公安局', checkCode: expect.stringMatching(/^[0-9A-F]{6}$/) });
    expect(await docs('pay_receipts')).toHaveLength(1);
    expect(await payEvents()).toEqual(['issued', 'paid']);
    expect(await call('pay', 'prepay', { id: bill.id, requestId: 'req-pay-000002' }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('20 parallel prepay calls give one order; a repeated requestId is the same answer', async () => {
    await acceptedCase();
    const bill = await billOf();
    const before = emulator.orderCount();
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => call('pay', 'prepay', { id: bill.id, requestId: `req-par-${String(i).padStart(4, '0')}` }, CITIZEN)));
    const nos = new Set(all.map((r) => expectOk(r).outTradeNo));
    expect(nos.size).toBe(1);
    expect(emulator.orderCount() - before).toBe(1);
  });

  it('a new attempt after the open one expired gets a new out_trade_no', async () => {
    await acceptedCase();
    const bill = await billOf();
    const first = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-exp-000001' }, CITIZEN));
    const db = sdk.database();
    const stored = (await db.collection('pay_bills').doc(bill.id).get()).data as any;
    stored.attempts[0].expiresAt = new Date(Date.now() - 1000).toISOString();
    await db.collection('pay_bills').doc(bill.id).update({ data: { attempts: stored.attempts } });
    const second = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-exp-000002' }, CITIZEN));
    expect(second.outTradeNo).not.toBe(first.outTradeNo);
    expect(second.outTradeNo.length).toBeLessThanOrEqual(32);
  });

  it('the timer closes an expired, unpaid order (5 minutes after creation at the earliest) and the bill is payable again', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-close-0001' }, CITIZEN));
    const db = sdk.database();
    const stored = (await db.collection('pay_bills').doc(bill.id).get()).data as any;
    const past = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    await db.collection('pay_bills').doc(bill.id).update({ data: { attempts: [{ ...stored.attempts[0], createdAt: past(20), expiresAt: past(5) }] } });
    try {
      emulator.now = () => new Date(Date.now() + 20 * 60_000);
      expectOk(await fireTimer('pay', 'reconcile'));
    } finally {
      emulator.now = () => new Date();
    }
    expect(emulator.stateOf(pre.outTradeNo)).toBe('CLOSED');
    expect(await billOf()).toMatchObject({ status: 'unpaid' });
    const again = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-close-0002' }, CITIZEN));
    expect(again.outTradeNo).not.toBe(pre.outTradeNo);
  });

  it('after 取消 in the payment sheet the bill is 待缴费 again and 去缴费 reuses the open order', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-cancel-001' }, CITIZEN));
    expect(await billOf()).toMatchObject({ status: 'paying' });
    // The sheet answered `fail cancel`: the page syncs; WeChat Pay says NOTPAY.
    expect(expectOk(await call('pay', 'sync', { id: bill.id }, CITIZEN))).toMatchObject({ status: 'unpaid' });
    expect(await billOf()).toMatchObject({ status: 'unpaid' });
    const again = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-cancel-002' }, CITIZEN));
    expect(again.outTradeNo).toBe(pre.outTradeNo);
    expect(await billOf()).toMatchObject({ status: 'paying' });
    await emulator.confirm(pre.outTradeNo);
    expect(expectOk(await call('pay', 'sync', { id: bill.id }, CITIZEN))).toMatchObject({ status: 'paid' });
  });

  it('减免 after a cancelled sheet: refused with the time while the order is young, then the order is closed and the bill waived', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-waive-0001' }, CITIZEN));
    expectOk(await call('pay', 'sync', { id: bill.id }, CITIZEN));
    const db = sdk.database();
    const stored = (await db.collection('pay_bills').doc(bill.id).get()).data as any;
    const closableAt = new Date(new Date(stored.attempts[0].createdAt).getTime() + 5 * 60_000);
    const hhmm = new Date(closableAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    expect(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: `群众的支付单将于 ${hhmm} 可关闭，届时可减免` });
    expect(emulator.stateOf(pre.outTradeNo)).toBe('NOTPAY');
    // Six minutes later (our clock via the stored attempt, WeChat Pay's via the emulator).
    const past = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    await db.collection('pay_bills').doc(bill.id).update({ data: { attempts: [{ ...stored.attempts[0], createdAt: past(6) }] } });
    try {
      emulator.now = () => new Date(Date.now() + 6 * 60_000);
      expect(expectOk(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, POLICE_CLERK))).toMatchObject({ status: 'waived' });
    } finally {
      emulator.now = () => new Date();
    }
    expect(emulator.stateOf(pre.outTradeNo)).toBe('CLOSED');
    expect(await call('pay', 'prepay', { id: bill.id, requestId: 'req-waive-0002' }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a forged notification gets 401 and changes nothing', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-forge-0001' }, CITIZEN));
    const real = successNotice(pre.outTradeNo, 2000);
    const forged = { ...real, headers: { ...real.headers, 'Wechatpay-Signature': Buffer.from('not a signature').toString('base64') } };
    expect(await deliverToFunction(forged)).toBe(401);
    const tampered = { ...real, body: real.body.replace('"summary":"支付成功"', '"summary":"支付成功!"') };
    expect(await deliverToFunction(tampered)).toBe(401);
    expect((await billOf()).status).toBe('paying');
    expect(await docs('pay_receipts')).toHaveLength(0);
  });

  it('a well-signed notification whose amount differs is recorded for 对账 and does not pay', async () => {
    await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-mism-0001' }, CITIZEN));
    const n = successNotice(pre.outTradeNo, 1);
    expect(await deliverToFunction(n)).toBe(204);
    expect((await billOf()).status).toBe('paying');
    expect(await docs('pay_mismatches')).toEqual([expect.objectContaining({ outTradeNo: pre.outTradeNo, reason: expect.stringContaining('与账单金额2000分不符'), source: 'notify' })]);
  });

  it('a missed notification is healed by the reconcile timer', async () => {
    await acceptedCase();
    const bill = await billOf();
    emulator.notifyCopies = 0;
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-miss-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    expect((await billOf()).status).toBe('paying');
    expectOk(await fireTimer('pay', 'reconcile'));
    expect((await billOf()).status).toBe('paid');
    expect(await payEvents()).toEqual(['issued', 'paid']);
  });

  it('an unpaid bill due within a day gets one 缴费将到期 push from the timer', async () => {
    await acceptedCase();
    const bill = await billOf();
    expectOk(await fireTimer('pay', 'reconcile'));
    expect(await payEvents()).toEqual(['issued']);
    await sdk.database().collection('pay_bills').doc(bill.id).update({ data: { expiresAt: new Date(Date.now() + 3 * 3600_000).toISOString() } });
    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ reminded: 1 });
    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ reminded: 0 });
    expect(await payEvents()).toEqual(['expiring', 'issued']);
  });

  it('pay.sync asks WeChat Pay when the bill is paying (the payment sheet said ok before any notification)', async () => {
    await acceptedCase();
    const bill = await billOf();
    emulator.notifyCopies = 0;
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-sync-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    expect(expectOk(await call('pay', 'sync', { id: bill.id }, CITIZEN))).toMatchObject({ status: 'paid' });
  });

  it('receipt numbers are unique and without gaps when several bills are paid at once', async () => {
    const citizens = ['c-par-1-openid', 'c-par-2-openid', 'c-par-3-openid', 'c-par-4-openid', 'c-par-5-openid'];
    for (const c of citizens) await acceptedCase(c);
    const pres = await Promise.all(citizens.map(async (c) => expectOk(await call('pay', 'prepay', { id: (await billOf(c)).id, requestId: `req-${c}` }, c))));
    await Promise.all(pres.map((p) => emulator.confirm(p.outTradeNo)));
    const numbers = (await docs('pay_receipts')).map((r) => r.number).sort();
    expect(numbers).toEqual(['0000000001', '0000000002', '0000000003', '0000000004', '0000000005']);
  });
});

describe('pay: 每日对账', () => {
  afterEach(() => { emulator.now = () => new Date(); });
  it('the reconcile timer compares yesterday\'s trade bill with our bills; a trade we do not know goes to admins with the reason', async () => {
    await acceptedCase();
    const bill = await billOf();
    emulator.now = () => new Date(Date.now() - 86_400_000);
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-bill-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    const foreign = wechatPay(configFromEnv(process.env) as WechatPayConfig);
    await foreign.createOrder({ outTradeNo: 'XFOREIGN000001', description: '非本系统订单', totalFen: 300, openid: OTHER, expiresAt: new Date(Date.now() + 600_000) });
    await emulator.confirm('XFOREIGN000001');
    emulator.now = () => new Date();
    // Admins are the configured ADMIN_OPENIDS and active staff with the admin role; others are not told.
    expectOk(await call('account', 'setStaff', { openid: 'pay-admin-2-openid', name: '王管理', role: 'admin', departments: [], active: true }, ADMIN));
    expectOk(await call('account', 'setStaff', { openid: 'pay-admin-3-openid', name: '赵停用', role: 'admin', departments: [], active: false }, ADMIN));

    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ report: true });
    const told = async () => (await docs('outbox')).filter((e) => e.type === 'payReconcile').sort((a, b) => a.openid.localeCompare(b.openid));
    expect(await told()).toEqual([ADMIN, 'pay-admin-2-openid'].sort().map((openid) => expect.objectContaining({
      openid, status: 'pending', mismatchCount: 1, reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单',
      page: expect.stringMatching(/^\/packages\/staff\/pages\/pay-reports\/index\?date=\d{4}-\d{2}-\d{2}$/),
    })));
    const { reports, mismatches } = expectOk(await call('pay', 'reports', {}, ADMIN));
    expect(reports).toEqual([expect.objectContaining({
      providerCount: 2, ourCount: 1, providerTotalFen: 2300, ourTotalFen: 2000,
      mismatches: [{ outTradeNo: 'XFOREIGN000001', reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单' }],
    })]);
    expect(mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ outTradeNo: 'XFOREIGN000001', source: 'tradebill' })]));
    expect(await call('pay', 'reports', {}, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Once written, the day's report is not redone.
    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ report: true });
    expect(expectOk(await call('pay', 'reports', {}, ADMIN)).reports).toHaveLength(1);
    expect(await told()).toHaveLength(2);
  });

  it('a day without any payment has no difference and tells no one', async () => {
    // Its own WeChat Pay with no trades at all: yesterday's bill is the header and the zero totals only.
    const own = new WechatPayEmulator({ appid: APPID, deliver: deliverToFunction });
    const previous = { ...process.env };
    Object.assign(process.env, payEnvFor(own.keys, await own.listen(), 'https://example.invalid/http/pay/notify'));
    try {
      expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ report: true });
      expect(expectOk(await call('pay', 'reports', {}, ADMIN)).reports).toEqual([expect.objectContaining({
        providerCount: 0, ourCount: 0, providerTotalFen: 0, ourTotalFen: 0, mismatches: [], notifiedAdmins: 0,
      })]);
      expect(await docs('pay_mismatches')).toEqual([]);
      expect((await docs('outbox')).filter((e) => e.type === 'payReconcile')).toEqual([]);
    } finally {
      process.env = previous;
      await own.close();
    }
  });

  it('a day without differences tells no one', async () => {
    // Its own WeChat Pay: the shared emulator outlives startCloud() and keeps other tests' trades in yesterday's bill.
    const own = new WechatPayEmulator({ appid: APPID, deliver: deliverToFunction });
    const previous = { ...process.env };
    Object.assign(process.env, payEnvFor(own.keys, await own.listen(), 'https://example.invalid/http/pay/notify'));
    try {
      await acceptedCase();
      const bill = await billOf();
      own.now = () => new Date(Date.now() - 86_400_000);
      const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-bill-0002' }, CITIZEN));
      await own.confirm(pre.outTradeNo);
      own.now = () => new Date();
      expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ report: true });
      expect(expectOk(await call('pay', 'reports', {}, ADMIN)).reports).toEqual([expect.objectContaining({ providerCount: 1, ourCount: 1, mismatches: [], notifiedAdmins: 0 })]);
      expect((await docs('outbox')).filter((e) => e.type === 'payReconcile')).toEqual([]);
    } finally {
      process.env = previous;
      await own.close();
    }
  });

});

describe('pay: staff', () => {
  async function paidBill(): Promise<{ appId: string; bill: BillView }> {
    const appId = await acceptedCase();
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-paid-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    return { appId, bill };
  }

  it('a case with an unpaid bill cannot be completed; once paid it can', async () => {
    const appId = await acceptedCase();
    expect(await call('affairs', 'act', { id: appId, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const bill = await billOf();
    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-done-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    expect(await call('affairs', 'act', { id: appId, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
  });

  it('减免 with a reason is logged and lets the case complete; a paid bill cannot be waived', async () => {
    const appId = await acceptedCase();
    const bill = await billOf();
    expect(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('pay', 'waive', { id: bill.id, reason: '低保户减免' }, POLICE_CLERK))).toMatchObject({ status: 'waived', waiver: { reason: '低保户减免' } });
    expect(await call('affairs', 'act', { id: appId, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, POLICE_CLERK)).toMatchObject({ ok: true });
    const stored = (await docs('pay_bills'))[0];
    expect(stored.timeline.map((e: any) => e.action)).toEqual(['issue', 'waive']);
    expect(stored.waiver.by).toBe(POLICE_CLERK);
  });

  it('a partial refund then the rest, each confirmed by its notification; never more than paid', async () => {
    const { bill } = await paidBill();
    expect(await call('pay', 'refund', { id: bill.id, amountFen: 2001, reason: '多收退费', requestId: 'req-ref-00001' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(expectOk(await call('pay', 'refund', { id: bill.id, amountFen: 500, reason: '多收退费', requestId: 'req-ref-00002' }, POLICE_CLERK))).toMatchObject({ status: 'refunding' });
    await emulator.settled();
    await new Promise((r) => setImmediate(r));
    await emulator.settled();
    expect(await billOf()).toMatchObject({ status: 'paid', refundedFen: 500 });
    expect(await call('pay', 'refund', { id: bill.id, amountFen: 1501, reason: '不予受理', requestId: 'req-ref-00003' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expectOk(await call('pay', 'refund', { id: bill.id, amountFen: 1500, reason: '不予受理', requestId: 'req-ref-00004' }, POLICE_CLERK));
    // The same requestId again is the same refund, not a second one.
    expectOk(await call('pay', 'refund', { id: bill.id, amountFen: 1500, reason: '不予受理', requestId: 'req-ref-00004' }, POLICE_CLERK));
    await emulator.settled();
    await new Promise((r) => setImmediate(r));
    await emulator.settled();
    expect(await billOf()).toMatchObject({ status: 'refunded', refundedFen: 2000 });
    expect(await payEvents()).toEqual(['issued', 'paid', 'refunded', 'refunded']);
  });

  it('a refund requestId is one refund: repeated with the same amount and reason it is that refund; with other ones CONFLICT', async () => {
    const { bill } = await paidBill();
    expectOk(await call('pay', 'refund', { id: bill.id, amountFen: 500, reason: '多收退费', requestId: 'req-ref-00010' }, POLICE_CLERK));
    // The retry answers with the bill as it is now (the first refund may have been confirmed meanwhile).
    expect(await call('pay', 'refund', { id: bill.id, amountFen: 500, reason: '多收退费', requestId: 'req-ref-00010' }, POLICE_CLERK)).toMatchObject({ ok: true, data: { id: bill.id } });
    expect(await call('pay', 'refund', { id: bill.id, amountFen: 700, reason: '多收退费', requestId: 'req-ref-00010' }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: '请求编号已用于另一笔退费' });
    expect(await call('pay', 'refund', { id: bill.id, amountFen: 500, reason: '不予受理', requestId: 'req-ref-00010' }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: '请求编号已用于另一笔退费' });
    expect((await docs('pay_bills'))[0].refunds).toHaveLength(1);
  });

  it('a prepay requestId already used for another bill is refused, not a new order', async () => {
    await acceptedCase();
    await acceptedCase();
    const [a, b] = expectOk<BillView[]>(await call('pay', 'bills', {}, CITIZEN)) as [BillView, BillView];
    const pre = expectOk(await call('pay', 'prepay', { id: a.id, requestId: 'req-pre-00010' }, CITIZEN));
    expect(expectOk(await call('pay', 'prepay', { id: a.id, requestId: 'req-pre-00010' }, CITIZEN)).outTradeNo).toBe(pre.outTradeNo);
    const before = emulator.orderCount();
    expect(await call('pay', 'prepay', { id: b.id, requestId: 'req-pre-00010' }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT', message: '请求编号已用于另一笔缴费' });
    expect(emulator.orderCount()).toBe(before);
  });

  it('variable items are checked against the guide\'s standard', async () => {
    const appId = await acceptedCase();
    // The fixed fee was billed on 受理; billing again returns that bill.
    expect(expectOk(await call('pay', 'bill', { applicationId: appId }, POLICE_CLERK))).toMatchObject({ totalFen: 2000, status: 'unpaid' });
    expect(await call('pay', 'bill', { applicationId: appId, items: [{ name: '居民身份证工本费', amountFen: 2500 }] }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('20元/证') });
    expect(await call('pay', 'bill', { applicationId: appId, items: [{ name: '手续费', amountFen: 100 }] }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('pay', 'bill', { applicationId: appId, items: [{ name: '居民身份证工本费', amountFen: 20.5 }] }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('pay: the four bill pushes reach the citizen through the push dispatcher', () => {
  /** The citizen accepted 缴费/办件进度 notices `times` times in WeChat's dialog. */
  async function subscribe(times: number) {
    const t = byKey(loadCatalogue(process.env), 'caseProgress')!;
    for (let i = 0; i < times; i++) {
      grantSubscription(CITIZEN, t.templateId, 'accept', t.kind);
      expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, CITIZEN));
    }
  }
  const dispatch = async () => {
    for (let i = 0; i < 2; i++) expectOk(await fireTimer('push', 'dispatch'));
  };
  const pushed = () => getOpenapiSink({ touser: CITIZEN }).map((r: any) => ({ phrase: r.payload.data.phrase3.value, note: r.payload.data.thing5.value, page: r.payload.page }));

  it('issued, about to expire, paid and refunded each send one message opening the bill page', async () => {
    await subscribe(5);
    await acceptedCase();
    const bill = await billOf();
    await dispatch();
    const issued = pushed().filter((p) => p.phrase !== '已受理');
    // The whole deadline fits WeChat's 20-character thing5 (nothing cut off with …).
    expect(issued).toEqual([{ phrase: '待缴费', note: expect.stringMatching(/^20元，\d{1,2}月\d{1,2}日\d{2}:\d{2}前缴纳$/), page: expect.stringContaining(`packages/pay/pages/bill/index?id=${bill.id}`) }]);

    await sdk.database().collection('pay_bills').doc(bill.id).update({ data: { expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString() } });
    expectOk(await fireTimer('pay', 'reconcile'));
    expectOk(await fireTimer('pay', 'reconcile'));
    await dispatch();
    expect(pushed().map((p) => p.phrase)).toEqual(['已受理', '待缴费', '缴费将到期']);

    const pre = expectOk(await call('pay', 'prepay', { id: bill.id, requestId: 'req-push-0001' }, CITIZEN));
    await emulator.confirm(pre.outTradeNo);
    await dispatch();
    expectOk(await call('pay', 'refund', { id: bill.id, amountFen: 2000, reason: '不予受理', requestId: 'req-push-0002' }, POLICE_CLERK));
    await emulator.settled();
    await new Promise((r) => setImmediate(r));
    await emulator.settled();
    await dispatch();
    const all = pushed();
    expect(all.map((p) => p.phrase)).toEqual(['已受理', '待缴费', '缴费将到期', '已缴费', '已退费']);
    expect(all.slice(3).map((p) => p.note)).toEqual(['已缴费20元', '已退费20元']);
    const events = (await docs('outbox')).filter((e) => e.type === 'payment');
    expect(events.map((e) => e.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('the 缴费将到期 reminder reaches every due bill, however many were reminded before', async () => {
    await acceptedCase();
    const soon = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    // A full page (50) of already-reminded bills, stored before ours and due sooner.
    const { _id, ...template } = (await docs('pay_bills'))[0];
    for (let i = 0; i < 50; i++) {
      await sdk.database().collection('pay_bills').doc(`P${String(i).padStart(20, '0')}`).set({ data: { ...template, openid: OTHER, expiresAt: soon(1), remindedAt: soon(-1) } });
    }
    await acceptedCase();
    const bill = (await docs('pay_bills')).find((b) => b._id !== _id && b.openid === CITIZEN);
    await sdk.database().collection('pay_bills').doc(bill._id).update({ data: { expiresAt: soon(5) } });
    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ reminded: 1 });
    expect(expectOk(await fireTimer('pay', 'reconcile'))).toMatchObject({ reminded: 0 });
    expect((await docs('outbox')).filter((e) => e.type === 'payment' && e.change === 'expiring').map((e) => e.billId)).toEqual([bill._id]);
  });
});
