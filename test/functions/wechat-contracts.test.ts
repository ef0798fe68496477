/**
 * Contract fixtures (test/functions/fixtures/wechat-contracts/, written from WeChat's docs) checked
 * against both sides: the fake WeChat server answers each documented request in the documented
 * shape and refuses what WeChat refuses; every request our code sends conforms to its contract.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { call, expectOk, startCloud, ADMIN } from './harness';
import { runInvocation, sdk } from '../../local-cloud';
import { startFakeWechat, type FakeRequest, type FakeWechat } from '../../scripts/lib/fake-wechat';
import { send, sendCustomerService } from '../../cloudfunctions/push/channels';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';

interface Fields { required: string[]; optional: string[] }
interface Contract {
  api: string; method: 'GET' | 'POST'; path: string; query: Fields; body: Fields | null;
  example: { query: Record<string, string>; body?: Record<string, unknown>; response: Record<string, unknown> };
  wrongMethodErrcode: number;
}
const DIR = path.join(__dirname, 'fixtures/wechat-contracts');
const contracts: Contract[] = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')));
const byPath = new Map(contracts.map((c) => [c.path, c]));

/** The same keys, and for nested objects the same shape, with values of the same JSON type. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shapeOf((v as Record<string, unknown>)[k])]));
  return typeof v;
}

/** Why a request our code sent breaks its contract ([] when it conforms). */
function violations(r: FakeRequest): string[] {
  const c = byPath.get(r.path);
  if (!c) return [`${r.path}: no contract`];
  const out: string[] = [];
  if (r.method !== c.method) out.push(`${r.path}: ${r.method} instead of ${c.method}`);
  const queryKeys = Object.keys(r.query);
  const allowedQuery = [...c.query.required, ...c.query.optional];
  for (const k of queryKeys) if (!allowedQuery.includes(k)) out.push(`${r.path}: query ${k} not documented`);
  if (c.body === null) {
    if (r.body !== undefined) out.push(`${r.path}: a body on a GET API`);
    return out;
  }
  const body = (r.body ?? {}) as Record<string, unknown>;
  for (const k of c.body.required) if (body[k] === undefined) out.push(`${r.path}: body.${k} missing`);
  for (const k of Object.keys(body)) if (![...c.body.required, ...c.body.optional].includes(k)) out.push(`${r.path}: body.${k} not documented`);
  return out;
}

let fake: FakeWechat;
const post = (p: string, body: unknown, query = '', method = 'POST') =>
  fetch(`${fake.base}${p}${query}`, method === 'GET' ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
async function token(): Promise<string> {
  return String((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'APPID', secret: 'APPSECRET' })).access_token);
}
const withQuery = (c: Contract, tok: string, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ ...(c.query.required.includes('access_token') ? { access_token: tok } : {}), ...extra });
  return q.toString() ? `?${q}` : '';
};

beforeEach(async () => {
  fake = await startFakeWechat({ followers: ['OPENID1', 'OPENID2'] });
});
afterEach(async () => {
  for (const k of ['WX_OPENAPI_BASE', 'WX_OA_APPID', 'WX_OA_SECRET']) delete process.env[k];
  await fake.close();
});

describe('the fake WeChat server against the documented contracts', () => {
  test.each(contracts.map((c) => [c.path, c] as const))('%s answers the documented example in the documented shape', async (_p, c) => {
    const tok = await token();
    const reply = await post(c.path, c.example.body, withQuery(c, tok, c.example.query), c.method);
    expect(shapeOf(reply)).toEqual(shapeOf(c.example.response));
  });

  test.each(contracts.map((c) => [c.path, c] as const))('%s refuses the wrong HTTP method and each missing required field', async (_p, c) => {
    const tok = await token();
    const wrong = c.method === 'GET' ? 'POST' : 'GET';
    expect(await post(c.path, { next_openid: 'OPENID1' }, withQuery(c, tok), wrong)).toMatchObject({ errcode: c.wrongMethodErrcode });
    for (const k of c.body?.required ?? []) {
      const body = { ...c.example.body };
      delete body[k];
      const r = await post(c.path, body, withQuery(c, tok), c.method);
      expect([k, r.errcode]).toEqual([k, expect.any(Number)]);
      expect(r.errcode).not.toBe(0);
    }
    if (c.query.required.includes('access_token')) {
      expect(await post(c.path, c.example.body, '', c.method)).toMatchObject({ errcode: 41001 });
    }
  });

  test('user/get reads next_openid from the query string only, and pages 10 000 at a time', async () => {
    await fake.close();
    fake = await startFakeWechat({ followerCount: 10_001 });
    const tok = await token();
    const first = await post('/cgi-bin/user/get', undefined, `?access_token=${tok}`, 'GET');
    expect(first).toMatchObject({ total: 10_001, count: 10_000 });
    const second = await post('/cgi-bin/user/get', undefined, `?access_token=${tok}&next_openid=${String(first.next_openid)}`, 'GET');
    expect(second).toMatchObject({ total: 10_001, count: 1, data: { openid: ['oFollower0010000'] } });
    const end = await post('/cgi-bin/user/get', undefined, `?access_token=${tok}&next_openid=${String(second.next_openid)}`, 'GET');
    expect(end).toMatchObject({ count: 0, next_openid: '' });
    // The old mistake: next_openid in a JSON body of a POST.
    expect(await post('/cgi-bin/user/get', { next_openid: first.next_openid }, `?access_token=${tok}`)).toMatchObject({ errcode: 43001 });
  });
});

describe('our clients against the documented contracts', () => {
  test('every request the functions send conforms: token, follower sync, template and bizsend pushes, OA customer-service reply, openapi over HTTP', async () => {
    startCloud();
    process.env.WX_OPENAPI_BASE = fake.base;
    process.env.WX_OA_APPID = 'wxoa-test';
    process.env.WX_OA_SECRET = 'test-secret';
    expectOk(await call('push', 'syncFollowers', {}, ADMIN));
    const cat = loadCatalogue(process.env);
    const t = byKey(cat, 'policyNotice')!;
    const req = { channel: 'oa' as const, openid: 'OPENID1', templateKey: t.key, templateId: t.templateId, data: { thing1: { value: '政策' } }, page: 'pages/index/index', clientMsgId: 'c1', timeoutMs: 5000 };
    await runInvocation({ OPENID: '' }, async () => {
      expect(await send(req, { ...cat, oa: { ...cat.oa, mode: 'template' } })).toMatchObject({ errcode: 0 });
      expect(await send(req, { ...cat, oa: { ...cat.oa, mode: 'bizsend' } })).toMatchObject({ errcode: 0 });
      expect(await sendCustomerService('cs-oa', 'OPENID2', { msgtype: 'text', text: { content: '您好' } }, 5000)).toMatchObject({ errcode: 0 });
      // Cloud calls in the local cloud's HTTP mode (WX_OPENAPI_BASE): the HTTPS form of each.
      const cloud = sdk as unknown as { openapi: Record<string, Record<string, (p: unknown) => Promise<unknown>>> };
      await cloud.openapi.subscribeMessage.send({ touser: 'OPENID1', templateId: t.templateId, page: 'pages/index/index', data: { thing1: { value: '政策' } }, miniprogramState: 'formal', lang: 'zh_CN' });
      await cloud.openapi.security.msgSecCheck({ openid: 'OPENID1', scene: 2, version: 2, content: '护照怎么办' });
    });
    const paths = new Set(fake.requests.map((r) => r.path));
    expect([...paths].sort()).toEqual(contracts.map((c) => c.path).sort());
    expect(fake.requests.flatMap(violations)).toEqual([]);
  });
});
