/**
 * Time budgets come from each function's config.json timeout: the invocation context carries
 * time_limit_in_ms and getRemainingTimeInMillis(), and the gateway times the call out at that
 * same limit (HTTP calls and timer firings alike).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { invokeFunction, registerFunction, resetLocalCloud, configureLocalCloud, type FunctionContext } from '../../local-cloud';
import { postJson, request } from './http-client';

describe('time budget from config.json', () => {
  let gw: Gateway;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-budget-'));
    gw = await startGateway({
      port: 0, dataDir: path.join(root, 'data'), staticDir: root,
      functionsDir: path.join(__dirname, 'fixtures', 'budget-functions'), localMode: true, log: () => undefined,
    });
  });
  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a function configured with timeout 2 sees ~2000 ms, counting down', async () => {
    expect(gw.functions[0]?.timeoutMs).toBe(2000);
    const r = await postJson(gw.url, 'budget', { sleepMs: 300 }, { 'x-local-openid': 'local-citizen' });
    expect(r.status).toBe(200);
    const d = r.json.result.data;
    expect(d.limit).toBe(2000);
    expect(d.first).toBeGreaterThan(1800);
    expect(d.first).toBeLessThanOrEqual(2000);
    expect(d.first - d.after).toBeGreaterThanOrEqual(250);
  });

  it('the gateway times the call out at that same 2 s', async () => {
    const started = Date.now();
    const r = await postJson(gw.url, 'budget', { sleepMs: 2600 });
    const took = Date.now() - started;
    expect(r.status).toBe(504);
    expect(r.json.result).toMatchObject({ ok: false, code: 'INTERNAL', message: '云函数执行超时' });
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(2500);
  });

  it('a timer firing gets the same budget', async () => {
    const r = await request(gw.url, '/api/triggers/budget/nightly', { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json.result.data).toMatchObject({ limit: 2000, source: 'wx_trigger' });
    expect(r.json.result.data.first).toBeGreaterThan(1800);
  });
});

describe('invokeFunction context', () => {
  beforeEach(() => {
    resetLocalCloud();
    configureLocalCloud({ dataDir: ':memory:' });
  });
  afterAll(() => resetLocalCloud());

  it('defaults to WeChat’s 3 s and honours timeoutMs', async () => {
    const probe = async (_e: unknown, ctx: FunctionContext) => ({ limit: ctx.time_limit_in_ms, left: ctx.getRemainingTimeInMillis() });
    registerFunction('dflt', probe);
    registerFunction('long', probe, { timeoutMs: 20_000 });
    const a = (await invokeFunction('dflt', {})) as { limit: number; left: number };
    const b = (await invokeFunction('long', {})) as { limit: number; left: number };
    expect(a.limit).toBe(3000);
    expect(a.left).toBeGreaterThan(2900);
    expect(b.limit).toBe(20_000);
    expect(b.left).toBeGreaterThan(19_900);
  });
});
