/**
 * kill -9 between WeChat Pay's success and our write: a separate process applies payment
 * notifications against a file-backed local cloud and is SIGKILLed while twelve payments are
 * being notified (each notified once, so the ones it did not finish are never sent again).
 * Reopened, the reconcile timer heals every one: all bills paid once, one receipt each, numbers
 * without gaps, one paid push each.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resetLocalCloud, sdk } from '../../local-cloud';
import { WechatPayEmulator } from '../../local-cloud/wechatpay/emulator';
import { payEnvFor } from '../../local-cloud/wechatpay/keys';
import { makeOnlineMatter } from '../fixtures/online-matter';
import { ADMIN, POLICE_CLERK, call, expectOk, fireTimer, startCloud } from './harness';

jest.setTimeout(180_000);
process.env.PUSH_KICK = 'off';

const ROOT = path.resolve(__dirname, '../..');
const matter = makeOnlineMatter('普通护照签发', { charged: true, items: [{ name: '普通护照', standard: '120元/本', basis: '发改价格〔2017〕1186号', reducible: false }], onlinePayment: true });
let dataDir: string;
let childUrl = '';
const emulator = new WechatPayEmulator({
  appid: 'wx0000000000local',
  notifyCopies: 1,
  deliver: async (n) => (await fetch(childUrl, { method: 'POST', headers: n.headers, body: n.body })).status,
});

const open = () => startCloud(dataDir);

async function all(name: string): Promise<any[]> {
  return (await sdk.database().collection(name).limit(100).get()).data;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pay-crash-'));
  Object.assign(process.env, payEnvFor(emulator.keys, await emulator.listen(), 'https://example.invalid/http/pay/notify'));
});
afterAll(async () => {
  resetLocalCloud();
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('heals payments whose notification died with the process (SIGKILL) through the reconcile timer', async () => {
  open();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN));
  const orders: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const citizen = `crash-citizen-${i}`;
    const app = expectOk(await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: `req-crash-${i}-xx`, form: { name: '王五' }, materials: [] }, citizen));
    expectOk(await call('affairs', 'act', { id: app.id, action: 'accept' }, POLICE_CLERK));
    const [bill] = expectOk(await call('pay', 'bills', {}, citizen));
    orders.push(expectOk(await call('pay', 'prepay', { id: bill.id, requestId: `req-crash-pay-${i}` }, citizen)).outTradeNo);
  }
  resetLocalCloud(); // the notify process owns the database now

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'pay-notify-server.ts'), dataDir], {
    cwd: ROOT, env: { ...process.env, ADMIN_OPENIDS: ADMIN, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += String(c); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let applied = 0;
  const enoughApplied = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      const text = String(c);
      const port = /port (\d+)/.exec(text);
      if (port) childUrl = `http://127.0.0.1:${port[1]}/http/pay/notify`;
      applied += (text.match(/^applied /gm) ?? []).length;
      if (port) void Promise.all(orders.map((o) => emulator.confirm(o)));
      if (applied >= 3) resolve();
    });
    child.on('exit', () => reject(new Error(`notify server exited early: ${stderr}`)));
  });
  await enoughApplied;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  await emulator.settled();
  expect(orders.every((o) => emulator.stateOf(o) === 'SUCCESS')).toBe(true);

  open();
  const before = (await all('pay_bills')).filter((b) => b.status === 'paid').length;
  expect(before).toBeLessThan(12);
  expectOk(await fireTimer('pay', 'reconcile'));
  const bills = await all('pay_bills');
  expect(bills.map((b) => b.status)).toEqual(Array(12).fill('paid'));
  const numbers = (await all('pay_receipts')).map((r) => Number(r.number)).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  expect((await all('outbox')).filter((e) => e.type === 'payment' && e.change === 'paid')).toHaveLength(12);
});
