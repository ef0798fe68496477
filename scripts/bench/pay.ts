/**
 * 缴费 at once: `BENCH_PAYMENTS` (default 200) citizens pay their bills concurrently against the
 * WeChat Pay emulator, which notifies each success twice through the `pay` function's notify
 * entry. Figures: notifications applied per second, receipt numbers unique and without gaps,
 * bills paid more than once (must be 0). Figures, not assertions.
 */
import '../lib/local-sdk-hook';
import * as localCloud from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { WechatPayEmulator, type Notification } from '../../local-cloud/wechatpay/emulator';
import { payEnvFor } from '../../local-cloud/wechatpay/keys';
import { makeMatter } from '../../test/fixtures/matter-factory';

type Env = { ok: true; data: any } | { ok: false; code: string; message: string };

export async function run(): Promise<void> {
  const N = Number(process.env.BENCH_PAYMENTS ?? 200);
  const saved = { ...process.env };
  let applied = 0;
  const deliver = async (n: Notification): Promise<number> => {
    const headers = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const r = (await localCloud.invokeFunction('pay', { path: '/http/pay/notify', httpMethod: 'POST', headers, queryStringParameters: {}, body: n.body, isBase64Encoded: false }, { SOURCE: 'wx_http' })) as { statusCode: number };
    if (r.statusCode === 204) applied += 1;
    return r.statusCode;
  };
  const emulator = new WechatPayEmulator({ appid: 'wxbench', deliver });
  Object.assign(process.env, payEnvFor(emulator.keys, await emulator.listen(), 'https://example.invalid/http/pay/notify'), { ADMIN_OPENIDS: 'bench-admin', PUSH_KICK: 'off' });
  localCloud.resetLocalCloud();
  localCloud.configureLocalCloud({ dataDir: ':memory:' });
  localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  for (const name of ['matters', 'account', 'affairs', 'pay']) {
    const { main } = require(`../../cloudfunctions/${name}`) as { main: localCloud.FunctionHandler };
    localCloud.registerFunction(name, main, { timeoutMs: 60_000 });
  }
  const call = async (fn: string, action: string, params: unknown, openid: string): Promise<any> => {
    const r = (await localCloud.invokeFunction(fn, { action, params }, { OPENID: openid })) as Env;
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
    return r.data;
  };
  try {
    const matter = { ...makeMatter({ name: '普通护照签发', channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } }),
      materials: [], form: { fields: [{ key: 'name', label: '申请人姓名', type: 'text', required: true }] },
      fees: { charged: true, items: [{ name: '普通护照', standard: '120元/本', basis: '发改价格〔2017〕1186号', reducible: false }], onlinePayment: true } };
    await call('account', 'setStaff', { openid: 'bench-clerk', name: '李警官', role: 'staff', departments: ['psb'], active: true }, 'bench-admin');
    await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, 'bench-admin');
    const orders: string[] = [];
    for (let i = 0; i < N; i += 1) {
      const who = `bench-citizen-${i}`;
      const app = await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: `bench-pay-${i}-req`, form: { name: '王五' }, materials: [] }, who);
      await call('affairs', 'act', { id: app.id, action: 'accept' }, 'bench-clerk');
      const [bill] = await call('pay', 'bills', {}, who);
      orders.push((await call('pay', 'prepay', { id: bill.id, requestId: `bench-prepay-${i}` }, who)).outTradeNo);
    }
    const started = Date.now();
    await Promise.all(orders.map((o) => emulator.confirm(o)));
    await emulator.settled();
    const elapsed = (Date.now() - started) / 1000;
    const db = localCloud.sdk.database();
    const receipts = (await fetchAll(db, 'pay_receipts')) as { number: string; billId: string }[];
    const bills = (await fetchAll(db, 'pay_bills')) as { status: string }[];
    const numbers = receipts.map((r) => Number(r.number)).sort((a, b) => a - b);
    const gapFree = numbers.every((n, i) => n === i + 1);
    const perBill = new Map<string, number>();
    for (const r of receipts) perBill.set(r.billId, (perBill.get(r.billId) ?? 0) + 1);
    const doublePaid = [...perBill.values()].filter((c) => c > 1).length;
    console.log(`\n## 并发缴费（${N} 笔同时支付，微信支付模拟器每笔通知 2 次，经 pay 的 HTTP 访问入口；本地云内存库）`);
    console.log(`  通知 ${N * 2} 次，成功应答 ${applied} 次，用时 ${elapsed.toFixed(2)} s，${(N * 2 / elapsed).toFixed(0)} 次通知/s（${(N / elapsed).toFixed(0)} 笔入账/s）`);
    console.log(`  已缴账单 ${bills.filter((b) => b.status === 'paid').length}/${N}；票据 ${receipts.length} 张，号码${new Set(numbers).size === numbers.length ? '唯一' : '重复！'}、${gapFree ? '连续无间断' : '有间断！'}；重复缴费 ${doublePaid} 笔`);
  } finally {
    await emulator.close();
    localCloud.resetLocalCloud();
    process.env = saved;
  }
}

async function fetchAll(db: any, name: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (;;) {
    const { data } = await db.collection(name).skip(out.length).limit(100).get();
    out.push(...data);
    if (data.length < 100) return out;
  }
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
