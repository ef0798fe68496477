/**
 * 缴费 checked from outside through the preview gateway: the `pay` function talks to the WeChat Pay
 * emulator over HTTP, the citizen confirms in the imitation payment sheet (/api/local/pay/confirm),
 * and the emulator's signed, encrypted notifications arrive at POST /http/pay/notify.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { makeOnlineMatter } from '../fixtures/online-matter';
import { postJson, request } from './http-client';

const ADMIN = 'gw-pay-admin';
const CLERK = 'gw-pay-clerk';
const CITIZEN = 'gw-pay-citizen';
const matter = makeOnlineMatter('普通护照签发', { charged: true, items: [{ name: '普通护照', standard: '120元/本', basis: '发改价格〔2017〕1186号', reducible: false }], onlinePayment: true });

describe('pay through the gateway', () => {
  let gw: Gateway;
  let root: string;
  const call = async (fn: string, action: string, params: unknown, openid: string) =>
    (await postJson(gw.url, fn, { action, params }, { 'x-local-openid': openid })).json.result;
  const confirm = async (body: unknown, openid: string) =>
    request(gw.url, '/api/local/pay/confirm', { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': openid }, body: JSON.stringify(body) });

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-pay-'));
    process.env.PUSH_KICK = 'off';
    gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), adminOpenids: [ADMIN], localMode: true, log: () => undefined });
    expect(await call('account', 'setStaff', { openid: CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN)).toMatchObject({ ok: true });
    expect(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN)).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await gw?.close();
    delete process.env.PUSH_KICK;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('apply → accept (bill) → prepay → the payment sheet (insufficient, then confirm) → paid with a receipt → staff complete', async () => {
    const app = await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: 'req-gw-pay-0001', form: { name: '赵六' }, materials: [] }, CITIZEN);
    expect(await call('affairs', 'act', { id: app.data.id, action: 'accept' }, CLERK)).toMatchObject({ ok: true });
    const [bill] = (await call('pay', 'bills', {}, CITIZEN)).data;
    expect(bill).toMatchObject({ totalFen: 12000, status: 'unpaid' });
    const pre = await call('pay', 'prepay', { id: bill.id, requestId: 'req-gw-pay-0002' }, CITIZEN);
    expect(pre).toMatchObject({ ok: true, data: { payment: { signType: 'RSA' } } });

    expect((await confirm({ outTradeNo: pre.data.outTradeNo }, 'someone-else')).status).toBe(404);
    expect((await confirm({ outTradeNo: pre.data.outTradeNo, outcome: 'insufficient' }, CITIZEN)).json).toMatchObject({ ok: false, message: expect.stringContaining('余额不足') });
    expect(await call('pay', 'sync', { id: bill.id }, CITIZEN)).toMatchObject({ ok: true, data: { status: 'unpaid' } }); // order still NOTPAY: 待缴费 again, 去缴费 reuses it

    expect((await confirm({ outTradeNo: pre.data.outTradeNo }, CITIZEN)).json).toMatchObject({ ok: true });
    const got = await call('pay', 'get', { id: bill.id }, CITIZEN);
    expect(got).toMatchObject({ ok: true, data: { status: 'paid', receipt: { number: '0000000001', payer: '赵*', totalFen: 12000 } } });
    expect(await call('affairs', 'act', { id: app.data.id, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
  });

  it('a notification not signed by WeChat Pay is answered 401', async () => {
    const r = await request(gw.url, '/http/pay/notify', {
      method: 'POST', headers: { 'content-type': 'application/json', 'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)), 'wechatpay-nonce': 'abc', 'wechatpay-signature': 'AAAA', 'wechatpay-serial': 'PUB_KEY_ID_X' },
      body: JSON.stringify({ id: 'x', event_type: 'TRANSACTION.SUCCESS', resource: {} }),
    });
    expect(r.status).toBe(401);
  });
});
