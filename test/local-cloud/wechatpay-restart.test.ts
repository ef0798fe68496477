/**
 * The preview's WeChat Pay emulator keeps its orders in the data dir: after a restart (new process,
 * new keys, same dir) the merchant still finds the orders and refunds users made before.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WechatPayEmulator } from '../../local-cloud/wechatpay/emulator';
import { payEnvFor } from '../../local-cloud/wechatpay/keys';
import { STATE_FILE_NAME } from '../../local-cloud/wechatpay/state-file';
import { configFromEnv, wechatPay, type WechatPayConfig } from '../../cloudfunctions/pay/wechatpay';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxpay-restart-'));
const stateFile = path.join(dir, STATE_FILE_NAME);
const started: WechatPayEmulator[] = [];

async function start(): Promise<{ emulator: WechatPayEmulator; pay: ReturnType<typeof wechatPay> }> {
  const emulator = new WechatPayEmulator({ appid: 'wx0000000000local', stateFile, notifyCopies: 0 });
  started.push(emulator);
  const base = await emulator.listen();
  const config = configFromEnv(payEnvFor(emulator.keys, base, 'https://example.invalid/http/pay/notify')) as WechatPayConfig;
  return { emulator, pay: wechatPay(config) };
}

const order = (no: string, totalFen: number) => ({ outTradeNo: no, description: '普通护照', totalFen, openid: 'o-citizen', expiresAt: new Date(Date.now() + 15 * 60_000) });

afterAll(async () => {
  await Promise.all(started.map((e) => e.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WeChat Pay emulator on a data dir', () => {
  it('orders, payments and refunds made before a restart are found after it; no temp file is left', async () => {
    const first = await start();
    await first.pay.createOrder(order('T20261207R001', 12000));
    await first.pay.createOrder(order('T20261207R002', 3000));
    await first.emulator.confirm('T20261207R002');
    await first.pay.refund({ outTradeNo: 'T20261207R002', outRefundNo: 'R20261207R002', refundFen: 1000, totalFen: 3000, reason: '误收' });
    await first.emulator.close();

    const second = await start();
    expect(second.emulator.orderCount()).toBe(2);
    expect(await second.pay.queryOrder('T20261207R001')).toMatchObject({ state: 'NOTPAY', outTradeNo: 'T20261207R001' });
    expect(await second.pay.queryOrder('T20261207R002')).toMatchObject({ state: 'REFUND', totalFen: 3000 });
    expect(await second.pay.queryRefund('R20261207R002')).toMatchObject({ status: 'SUCCESS', refundFen: 1000 });
    // The order taken before the restart can still be paid, and an existing number is still not reusable.
    expect(await second.emulator.confirm('T20261207R001')).toMatchObject({ ok: true });
    await expect(second.pay.createOrder(order('T20261207R002', 3000))).rejects.toMatchObject({ code: 'ORDERPAID' });
    expect(fs.readdirSync(dir)).toEqual([STATE_FILE_NAME]);
  });

  it('without a state file nothing is written and a new emulator starts empty', async () => {
    const e = new WechatPayEmulator({ appid: 'wx0000000000local', notifyCopies: 0 });
    started.push(e);
    expect(e.orderCount()).toBe(0);
  });
});
