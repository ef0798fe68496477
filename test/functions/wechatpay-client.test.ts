/**
 * The WeChat Pay APIv3 client (cloudfunctions/pay/wechatpay.ts) against the local emulator: signed
 * requests, signed replies, encrypted notifications, the 5-minute close rule, refunds, trade bill.
 */
import * as crypto from 'node:crypto';
import { WechatPayEmulator, type Notification } from '../../local-cloud/wechatpay/emulator';
import { payEnvFor } from '../../local-cloud/wechatpay/keys';
import { authorization, configFromEnv, decryptResource, verifyPlatformSignature, wechatPay, type WechatPayConfig } from '../../cloudfunctions/pay/wechatpay';
import { ProviderError } from '../../cloudfunctions/pay/provider';

let clock = new Date('2026-12-07T02:00:00Z');
const received: Notification[] = [];
const emulator = new WechatPayEmulator({ appid: 'wx0000000000local', now: () => clock, deliver: async (n) => { received.push(n); return 204; } });
let config: WechatPayConfig;

beforeAll(async () => {
  const base = await emulator.listen();
  config = configFromEnv(payEnvFor(emulator.keys, base, 'https://example.invalid/http/pay/notify')) as WechatPayConfig;
});
afterAll(() => emulator.close());
beforeEach(() => { received.length = 0; clock = new Date(); });

const order = (no: string, totalFen = 12000) => ({ outTradeNo: no, description: '普通护照', totalFen, openid: 'o-citizen', expiresAt: new Date(Date.now() + 15 * 60_000) });

describe('the library-backed primitives keep the documented APIv3 formats (checked with node:crypto)', () => {
  it('Authorization: WECHATPAY2-SHA256-RSA2048 with mchid, nonce_str, timestamp, serial_no and a signature over METHOD\\nURL\\nts\\nnonce\\nbody\\n', () => {
    const at = new Date('2026-12-07T02:00:00Z');
    const header = authorization(config, 'POST', '/v3/pay/transactions/jsapi', '{"a":1}', at);
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true);
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(fields).toMatchObject({ mchid: config.mchid, serial_no: config.serialNo, timestamp: '1796608800' });
    expect(fields.nonce_str).toMatch(/^[0-9A-Za-z]{16,32}$/);
    const message = `POST\n/v3/pay/transactions/jsapi\n1796608800\n${fields.nonce_str}\n{"a":1}\n`;
    expect(crypto.verify('sha256', Buffer.from(message), emulator.keys.merchantPublicKey, Buffer.from(String(fields.signature), 'base64'))).toBe(true);
  });

  it('verifies Wechatpay-Signature over ts\\nnonce\\nbody\\n only with the configured serial, within 5 minutes', () => {
    const now = new Date();
    const ts = String(Math.floor(now.getTime() / 1000));
    const body = '{"code":"OK"}';
    const signature = crypto.sign('sha256', Buffer.from(`${ts}\nn0nce\n${body}\n`), emulator.keys.platformPrivateKey).toString('base64');
    const headers = { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': 'n0nce', 'Wechatpay-Signature': signature, 'Wechatpay-Serial': config.platformPublicKeyId };
    expect(verifyPlatformSignature(config, headers, body, now)).toBe(true);
    expect(verifyPlatformSignature(config, headers, `${body} `, now)).toBe(false);
    expect(verifyPlatformSignature(config, { ...headers, 'Wechatpay-Serial': 'PUB_KEY_ID_OTHER' }, body, now)).toBe(false);
    expect(verifyPlatformSignature(config, headers, body, new Date(now.getTime() + 301_000))).toBe(false);
  });

  it('decrypts an AEAD_AES_256_GCM resource made with node:crypto (nonce and associated_data as documented)', () => {
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(config.apiV3Key), Buffer.from('abcdefghijkl'));
    cipher.setAAD(Buffer.from('transaction'));
    const data = Buffer.concat([cipher.update('{"trade_state":"SUCCESS"}', 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const resource = { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), nonce: 'abcdefghijkl', associated_data: 'transaction' };
    expect(decryptResource(config.apiV3Key, resource)).toEqual({ trade_state: 'SUCCESS' });
    expect(decryptResource(config.apiV3Key, { ...resource, associated_data: 'refund' })).toBeNull();
    expect(decryptResource(config.apiV3Key, { ...resource, ciphertext: 'AAAA' })).toBeNull();
  });
});

describe('WeChat Pay client ↔ emulator', () => {
  it('orders, signs paySign over appid/timeStamp/nonceStr/package, and reads the order back', async () => {
    const pay = wechatPay(config);
    const params = await pay.createOrder(order('T20261207A001'));
    expect(params.package).toMatch(/^prepay_id=wx/);
    const message = `${config.appid}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(crypto.verify('sha256', Buffer.from(message), emulator.keys.merchantPublicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
    expect(await pay.queryOrder('T20261207A001')).toMatchObject({ state: 'NOTPAY', outTradeNo: 'T20261207A001' });
    expect(await pay.queryOrder('T20261207NONE')).toBeNull();
  });

  it('a request signed with another key is refused with 401 SIGN_ERROR', async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const pay = wechatPay({ ...config, privateKey: other.privateKey });
    await expect(pay.queryOrder('T20261207A001')).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
  });

  it('a reply not signed by the configured WeChat Pay key is not believed', async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const pay = wechatPay({ ...config, platformPublicKey: other.publicKey });
    await expect(pay.queryOrder('T20261207A001')).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  it('a confirmed payment is notified twice, each signed and AES-GCM encrypted; a tampered copy does not verify', async () => {
    const pay = wechatPay(config);
    await pay.createOrder(order('T20261207B001', 8000));
    await emulator.confirm('T20261207B001');
    expect(received).toHaveLength(2);
    for (const n of received) {
      expect(pay.readNotification(n.headers, n.body)).toMatchObject({ kind: 'transaction', order: { state: 'SUCCESS', totalFen: 8000, outTradeNo: 'T20261207B001', appid: config.appid, mchid: config.mchid } });
    }
    const first = received[0] as Notification;
    expect(pay.readNotification(first.headers, first.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS '))).toBeNull();
    const resource = JSON.parse(first.body).resource;
    expect(decryptResource('x'.repeat(32), resource)).toBeNull();
    expect(decryptResource(config.apiV3Key, resource)).toMatchObject({ trade_state: 'SUCCESS' });
  });

  it('an order cannot be closed within 5 minutes of creation, can after, and its number is never reused', async () => {
    const pay = wechatPay(config);
    await pay.createOrder(order('T20261207C001'));
    await expect(pay.closeOrder('T20261207C001')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    clock = new Date(Date.now() + 6 * 60_000);
    await pay.closeOrder('T20261207C001');
    expect(await pay.queryOrder('T20261207C001')).toMatchObject({ state: 'CLOSED' });
    await expect(pay.createOrder(order('T20261207C001'))).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
  });

  it('refunds: same out_refund_no on retry is one refund; never more than paid; confirmed by notification', async () => {
    const pay = wechatPay(config);
    await pay.createOrder(order('T20261207D001', 2000));
    await emulator.confirm('T20261207D001');
    received.length = 0;
    const first = await pay.refund({ outTradeNo: 'T20261207D001', outRefundNo: 'R20261207D001', refundFen: 500, totalFen: 2000, reason: '不予受理' });
    expect(first.status).toBe('PROCESSING');
    await pay.refund({ outTradeNo: 'T20261207D001', outRefundNo: 'R20261207D001', refundFen: 500, totalFen: 2000, reason: '不予受理' });
    await expect(pay.refund({ outTradeNo: 'T20261207D001', outRefundNo: 'R20261207D002', refundFen: 1600, totalFen: 2000, reason: 'x' }))
      .rejects.toBeInstanceOf(ProviderError);
    await emulator.settled();
    await new Promise((r) => setImmediate(r));
    await emulator.settled();
    expect(received.map((n) => pay.readNotification(n.headers, n.body))).toEqual([
      expect.objectContaining({ kind: 'refund', refund: expect.objectContaining({ status: 'SUCCESS', refundFen: 500 }) }),
      expect.objectContaining({ kind: 'refund' }),
    ]);
    expect(await pay.queryRefund('R20261207D001')).toMatchObject({ status: 'SUCCESS', refundFen: 500 });
  });

  it('the trade bill of a finished day lists that day\'s payments; today\'s is not there yet', async () => {
    const pay = wechatPay(config);
    clock = new Date('2026-12-05T03:00:00Z');
    await pay.createOrder({ ...order('T20261205E001', 2000), expiresAt: new Date('2026-12-05T03:15:00Z') });
    await emulator.confirm('T20261205E001');
    clock = new Date('2026-12-06T03:00:00Z');
    const rows = await pay.tradeBill('2026-12-05');
    expect(rows).toEqual([expect.objectContaining({ outTradeNo: 'T20261205E001', totalFen: 2000, state: 'SUCCESS' })]);
    await expect(pay.tradeBill('2026-12-06')).rejects.toMatchObject({ code: 'NO_STATEMENT_EXIST' });
  });

  it('a finished day without trades is an empty bill: its totals row is not a trade', async () => {
    const pay = wechatPay(config);
    clock = new Date('2026-12-03T03:00:00Z');
    expect(await pay.tradeBill('2026-12-01')).toEqual([]);
  });
});
