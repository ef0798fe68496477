/** 服务号 over HTTP access (payload level): signature, echostr, XML in and out, follow events, handoff, dedupe. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { invokeFunction } from '../../local-cloud';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { oaSignature, parseOaXml, replyFor, textReply } from '../../cloudfunctions/consult/channels/oa';
import { ADMIN, call, expectOk, startCloud } from './harness';
import { startFakeWechat } from '../../scripts/lib/fake-wechat';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
/** 护找怎么办's answer as a text channel sends it: the passport entry, its related entry numbered under it (回复序号). */
const PASSPORT_REPLY = `${KB.faqs.find((f: any) => f.id === 'faq-passport').answer}\n\n您可能还想问（回复序号）：\n1. ${KB.faqs.find((f: any) => f.id === 'faq-passport-lost').question}`;
const TOKEN = 'test-oa-token';
const FAN = 'oFan_openid_123';
const AGENT = 'agent-openid';

let nonces = 0;
/** A fresh nonce per request, as WeChat sends: a reused one is refused as a replay. */
const freshNonce = () => `n${Date.now()}x${(nonces += 1)}`;
const nowTs = () => String(Math.floor(Date.now() / 1000));
function signed(extra: Record<string, string> = {}, token = TOKEN, timestamp = nowTs(), nonce = freshNonce()) {
  return { signature: oaSignature(token, timestamp, nonce), timestamp, nonce, ...extra };
}
const http = (httpMethod: string, query: Record<string, string>, body = '', source = 'wx_http') =>
  invokeFunction('consult', { path: '/oa', httpMethod, headers: { 'content-type': 'text/xml' }, queryStringParameters: query, body, isBase64Encoded: false }, { SOURCE: source }) as Promise<any>;
const xml = (fields: Record<string, string | number>) =>
  `<xml>${Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`)).join('')}</xml>`;
const msg = (Content: string, MsgId: string) => xml({ ToUserName: 'gh_city', FromUserName: FAN, CreateTime: 1764550000, MsgType: 'text', Content, MsgId });
const parse = (body: string) => new XMLParser({ parseTagValue: false }).parse(body).xml;

beforeEach(async () => {
  startCloud();
  process.env.OA_TOKEN = TOKEN;
  delete process.env.OA_H5_BASE_URL;
  delete process.env.MINIPROGRAM_APPID;
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
});
afterAll(() => { delete process.env.OA_TOKEN; delete process.env.OA_ENCODING_AES_KEY; delete process.env.WX_OA_APPID; });

describe('服务号 HTTP entry', () => {
  it('answers the server check with echostr only when the signature is right', async () => {
    const ok = await http('GET', signed({ echostr: '8837461' }));
    expect(ok).toMatchObject({ statusCode: 200, body: '8837461' });
    const bad = await http('GET', { ...signed({ echostr: '8837461' }), signature: 'a'.repeat(40) });
    expect(bad).toMatchObject({ statusCode: 403 });
    expect(bad.body).not.toContain('8837461');
    expect(await http('GET', signed({ echostr: 'x' }, 'wrong-token'))).toMatchObject({ statusCode: 403 });
    delete process.env.OA_TOKEN;
    expect(await http('GET', signed({ echostr: 'x' }))).toMatchObject({ statusCode: 403 });
  });

  it('refuses a bad signature before touching the body: nothing stored', async () => {
    const r = await http('POST', { ...signed(), nonce: 'other' }, msg('我家拆迁补偿太少了找谁', 'x-1'));
    expect(r.statusCode).toBe(403);
    expect(expectOk(await call('consult', 'inbox', {}, AGENT))).toHaveLength(0);
    const { total } = await getDb().collection('consult_processed').count();
    expect(total).toBe(0);
  });

  it('answers a text message with a passive reply XML from the same engine', async () => {
    const r = await http('POST', signed(), msg('护找怎么办', '6100000000000000001'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['Content-Type']).toMatch(/xml/);
    const x = parse(r.body);
    expect(x).toMatchObject({ ToUserName: FAN, FromUserName: 'gh_city', MsgType: 'text' });
    expect(x.Content).toBe(PASSPORT_REPLY);
    expect(Number(x.CreateTime)).toBeGreaterThan(1.7e9);
  });

  it('dedupes WeChat retries by MsgId and returns the same reply', async () => {
    const first = await http('POST', signed(), msg('我家拆迁补偿太少了找谁', '6100000000000000002'));
    const again = await http('POST', signed(), msg('我家拆迁补偿太少了找谁', '6100000000000000002'));
    const third = await http('POST', signed(), msg('我家拆迁补偿太少了找谁', '6100000000000000002'));
    expect(again.body).toBe(first.body);
    expect(third.body).toBe(first.body);
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ channel: 'oa', question: '我家拆迁补偿太少了找谁', status: 'open' });
    expect(parse(first.body).Content).toMatch(/工作人员/);
    const answered = expectOk(await call('consult', 'reply', { questionId: box[0].id, text: '请联系所在区征收办。' }, AGENT));
    expect(answered.warning).toMatch(/服务号/);
  });

  it('welcomes on subscribe and keeps the follower registry', async () => {
    const sub = (Event: string, CreateTime: number, extra: Record<string, string> = {}) =>
      http('POST', signed(), xml({ ToUserName: 'gh_city', FromUserName: FAN, CreateTime, MsgType: 'event', Event, ...extra }));
    const r = await sub('subscribe', 1764550100, { UnionId: 'uUnion_1' });
    expect(parse(r.body).Content).toMatch(/感谢关注/);
    let doc = (await getDb().collection('oa_followers').doc(FAN).get()).data as any;
    expect(doc).toMatchObject({ subscribed: true, unionid: 'uUnion_1' });
    expect(typeof doc.at).toBe('string');
    const un = await sub('unsubscribe', 1764550200);
    expect(un.body).toBe('success');
    doc = (await getDb().collection('oa_followers').doc(FAN).get()).data as any;
    expect(doc).toMatchObject({ subscribed: false, unionid: 'uUnion_1' });
  });

  it('is recognised only from SOURCE wx_http, and serves nothing but /oa', async () => {
    const forged = await http('POST', signed(), msg('护照', 'x-3'), 'wx_client');
    expect(forged).toMatchObject({ ok: false });
    const other = await invokeFunction('consult', { path: '/elsewhere', httpMethod: 'GET', headers: {}, queryStringParameters: signed(), body: '', isBase64Encoded: false }, { SOURCE: 'wx_http' }) as any;
    expect(other.statusCode).toBe(404);
  });

  it('rejects broken XML and an unknown encrypt_type with 400', async () => {
    expect((await http('POST', signed(), '<xml><ToUserName>')).statusCode).toBe(400);
    expect((await http('POST', signed({ encrypt_type: 'rsa' }), msg('护照', 'x-4'))).statusCode).toBe(400);
  });

  it('turns a guide card into a news item when the H5 site is configured', () => {
    const m = parseOaXml(msg('x', '1'))!;
    const d = { type: 'answer' as const, reason: 'faq', confidence: 1, margin: 1, candidates: [],
      answer: { id: 'faq-a', source: 'faq' as const, content: '请看办事指南', reply: { type: 'miniprogrampage' as const, content: '请看办事指南', title: '社保卡补领', target: 'guide' as const, matterId: 'm-1' } } };
    expect(parse(replyFor(m, d)).MsgType).toBe('text');
    process.env.OA_H5_BASE_URL = 'https://zw.example.gov.cn/';
    const news = parse(replyFor(m, d));
    expect(news).toMatchObject({ MsgType: 'news', ArticleCount: '1' });
    expect(news.Articles.item).toMatchObject({ Title: '社保卡补领', Url: 'https://zw.example.gov.cn/#/packages/matters/pages/guide/index?id=m-1' });
    // CDATA cannot be broken out of.
    expect(parse(textReply(m, 'a]]><b>x</b>')).Content).toBe('a]]><b>x</b>');
  });
});

describe('服务号 replay and forgery', () => {
  const event = (Event: string, from = FAN) => xml({ ToUserName: 'gh_city', FromUserName: from, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event });
  const stored = async () => ({
    processed: (await getDb().collection('consult_processed').count()).total,
    inbox: (expectOk(await call('consult', 'inbox', {}, AGENT)) as unknown[]).length,
    followers: ((await getDb().collection('oa_followers').where({ subscribed: true }).get()).data as { _id: string }[]).map((f) => f._id).sort(),
  });
  const secondsAgo = (s: number) => String(Math.floor(Date.now() / 1000) - s);

  it('refuses a signature whose timestamp is more than 5 minutes away, storing nothing', async () => {
    const before = await stored();
    const old = await http('POST', signed({}, TOKEN, secondsAgo(301)), msg('我家拆迁补偿太少了找谁', 'r-1'));
    const future = await http('POST', signed({}, TOKEN, secondsAgo(-301)), msg('我家拆迁补偿太少了找谁', 'r-2'));
    const echo = await http('GET', signed({ echostr: 'e1' }, TOKEN, secondsAgo(3600)));
    expect([old.statusCode, future.statusCode, echo.statusCode]).toEqual([403, 403, 403]);
    expect(await stored()).toEqual(before);
    // Inside the window the same kind of request is served.
    expect((await http('POST', signed({}, TOKEN, secondsAgo(240)), msg('护找怎么办', 'r-3'))).statusCode).toBe(200);
  });

  it('refuses a captured signature used again, with any body, storing nothing', async () => {
    expect((await http('POST', signed(), event('subscribe', 'oVictim_1'))).statusCode).toBe(200);
    const captured = signed();
    expect((await http('POST', captured, msg('护找怎么办', 'r-10'))).statusCode).toBe(200);
    const before = await stored();
    expect(before.followers).toEqual(['oVictim_1']);
    // The victim "unsubscribes" and "asks" in the attacker's replays of the logged query string.
    const unsubscribe = await http('POST', captured, event('unsubscribe', 'oVictim_1'));
    const planted = await http('POST', captured, xml({ ToUserName: 'gh_city', FromUserName: 'oVictim_1', CreateTime: 1, MsgType: 'text', Content: '我要投诉', MsgId: 'r-11' }));
    const same = await http('POST', captured, msg('护找怎么办', 'r-10'));
    expect([unsubscribe.statusCode, planted.statusCode, same.statusCode]).toEqual([403, 403, 403]);
    expect(await stored()).toEqual(before);
  });

  it('remembers nonces in the database, shared by every instance, and prunes them after the window', async () => {
    const q = signed();
    expect((await http('POST', q, msg('护找怎么办', 'r-20'))).statusCode).toBe(200);
    // The memory is a collection (any instance sees it), not module state.
    const nonces = getDb().collection('oa_nonces');
    expect((await nonces.count()).total).toBe(1);
    expect((await http('POST', q, msg('护找怎么办', 'r-21'))).statusCode).toBe(403);
    await nonces.add({ data: { _id: 'stale', expiresAt: Date.now() - 1000 } });
    expect((await http('POST', signed(), msg('护找怎么办', 'r-22'))).statusCode).toBe(200);
    expect((await nonces.where({ _id: 'stale' }).count()).total).toBe(0);
  });

  it('with an EncodingAESKey configured, refuses plaintext requests, storing nothing', async () => {
    process.env.OA_ENCODING_AES_KEY = AES_KEY;
    process.env.WX_OA_APPID = OA_APPID;
    try {
      const before = await stored();
      const plain = await http('POST', signed(), msg('我家拆迁补偿太少了找谁', 'r-30'));
      const unsub = await http('POST', signed({ encrypt_type: 'raw' }), event('unsubscribe'));
      expect([plain.statusCode, unsub.statusCode]).toEqual([403, 403]);
      expect(await stored()).toEqual(before);
      expect((await getDb().collection('oa_nonces').count()).total).toBe(0);
      // The server check (GET echostr) is never encrypted by WeChat and still answers.
      expect(await http('GET', signed({ echostr: 'e2' }))).toMatchObject({ statusCode: 200, body: 'e2' });
    } finally {
      delete process.env.OA_ENCODING_AES_KEY;
      delete process.env.WX_OA_APPID;
    }
  });
});

/*
 * 安全模式 written out here independently of oa-crypto.ts (WeChat's published algorithm), so a
 * mistake in the function's cipher cannot hide behind the same mistake in the test.
 */
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OA_APPID = 'wxTESTOA0000000001';
function wxEncrypt(xmlText: string, appid = OA_APPID): string {
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const msgBuf = Buffer.from(xmlText, 'utf8');
  const len = Buffer.alloc(4); len.writeUInt32BE(msgBuf.length, 0);
  const body = Buffer.concat([randomBytes(16), len, msgBuf, Buffer.from(appid)]);
  const n = 32 - (body.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)); c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([body, Buffer.alloc(n, n)])), c.final()]).toString('base64');
}
function wxDecrypt(b64: string): { xml: string; appid: string } {
  const key = Buffer.from(AES_KEY + '=', 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)); d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
  const body = plain.subarray(16, plain.length - plain[plain.length - 1]);
  const len = body.readUInt32BE(0);
  return { xml: body.subarray(4, 4 + len).toString('utf8'), appid: body.subarray(4 + len).toString('utf8') };
}
const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');
function aesRequest(inner: string, nonce = freshNonce(), opts: { compat?: boolean; appid?: string; badSignature?: boolean } = {}) {
  const enc = wxEncrypt(inner, opts.appid);
  const timestamp = nowTs();
  const query = { ...signed(), nonce, signature: sha1([TOKEN, timestamp, nonce]), encrypt_type: 'aes', openid: FAN,
    msg_signature: opts.badSignature ? sha1([TOKEN, timestamp, nonce, enc + 'x']) : sha1([TOKEN, timestamp, nonce, enc]) };
  // 兼容模式 sends the plain fields too; 安全模式 only ToUserName and Encrypt.
  const body = opts.compat ? inner.replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`) : `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
  return http('POST', query, body);
}
function opened(body: string, nonce: string) {
  const env = parse(body);
  expect(env.Nonce).toBe(nonce);
  expect(env.MsgSignature).toBe(sha1([TOKEN, String(env.TimeStamp), nonce, env.Encrypt]));
  const { xml: inner, appid } = wxDecrypt(env.Encrypt);
  expect(appid).toBe(OA_APPID);
  return parse(inner);
}

describe('服务号 安全模式 / 兼容模式', () => {
  beforeEach(() => {
    process.env.OA_ENCODING_AES_KEY = AES_KEY;
    process.env.WX_OA_APPID = OA_APPID;
  });

  it('decrypts an encrypted message and answers with an encrypted, signed reply', async () => {
    const r = await aesRequest(msg('护找怎么办', '6100000000000000101'), 'n0nce42');
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('护照');
    const x = opened(r.body, 'n0nce42');
    expect(x).toMatchObject({ ToUserName: FAN, FromUserName: 'gh_city', MsgType: 'text' });
    expect(x.Content).toBe(PASSPORT_REPLY);
  });

  it('takes 兼容模式 bodies by their encrypted part', async () => {
    const r = await aesRequest(msg('护找怎么办', '6100000000000000102'), 'compat1', { compat: true });
    expect(opened(r.body, 'compat1').Content).toBe(PASSPORT_REPLY);
  });

  it('a retry with its own nonce gets the same answer sealed for that nonce', async () => {
    const first = await aesRequest(msg('我家拆迁补偿太少了找谁', '6100000000000000103'), 'first1');
    const again = await aesRequest(msg('我家拆迁补偿太少了找谁', '6100000000000000103'), 'again2');
    expect(opened(again.body, 'again2').Content).toBe(opened(first.body, 'first1').Content);
    expect(expectOk(await call('consult', 'inbox', {}, AGENT))).toHaveLength(1);
  });

  it('refuses a wrong msg_signature or another account\'s message, storing nothing', async () => {
    expect((await aesRequest(msg('我家拆迁补偿太少了找谁', 'x-201'), 'n1', { badSignature: true })).statusCode).toBe(403);
    expect((await aesRequest(msg('我家拆迁补偿太少了找谁', 'x-202'), 'n2', { appid: 'wxOTHER00000000001' })).statusCode).toBe(400);
    const q = signed();
    const tampered = await http('POST', { ...q, encrypt_type: 'aes', msg_signature: sha1([TOKEN, q.timestamp, q.nonce, 'AAAA']) },
      '<xml><ToUserName>gh_city</ToUserName><Encrypt>AAAA</Encrypt></xml>');
    expect(tampered.statusCode).toBe(400);
    expect(expectOk(await call('consult', 'inbox', {}, AGENT))).toHaveLength(0);
    expect((await getDb().collection('consult_processed').count()).total).toBe(0);
  });

  it('says so when 安全模式 is used but not configured', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    delete process.env.OA_ENCODING_AES_KEY;
    const r = await aesRequest(msg('护照', 'x-301'));
    expect(r.statusCode).toBe(500);
    expect(spy.mock.calls.flat().join(' ')).toMatch(/OA_ENCODING_AES_KEY/);
    spy.mockRestore();
    // The plain-text mode keeps working without the key.
    expect((await http('POST', signed(), msg('护找怎么办', 'x-302'))).statusCode).toBe(200);
  });
});

describe('an agent\'s answer to a 服务号 follower', () => {
  const SILENT = 'oFan_silent_456';
  const ask = (from: string, MsgId: string) =>
    http('POST', signed(), xml({ ToUserName: 'gh_city', FromUserName: from, CreateTime: 1764550000, MsgType: 'text', Content: '我家拆迁补偿太少了找谁', MsgId }));
  /** The one open question (each test starts from an empty inbox). */
  const openQuestion = async () => {
    const box = expectOk(await call('consult', 'inbox', {}, AGENT)) as { id: string; channel: string }[];
    expect(box).toEqual([expect.objectContaining({ channel: 'oa' })]);
    return box[0];
  };
  let fake: Awaited<ReturnType<typeof startFakeWechat>>;
  beforeEach(async () => {
    fake = await startFakeWechat({ silentFollowers: [SILENT] });
    process.env.WX_OPENAPI_BASE = fake.base;
    process.env.WX_OA_APPID = 'wxoa-test';
    process.env.WX_OA_SECRET = 'test-secret';
  });
  afterEach(async () => {
    delete process.env.WX_OPENAPI_BASE;
    delete process.env.WX_OA_APPID;
    delete process.env.WX_OA_SECRET;
    await fake.close();
  });

  it('arrives as an OA customer-service message, exactly once, with a token refresh when WeChat refuses the old one', async () => {
    const customCalls = () => fake.calls.filter((c) => c.path === '/cgi-bin/message/custom/send').map((c) => c.errcode);
    await ask(FAN, '6100000000000000201');
    const q = await openQuestion();
    const answered = expectOk(await call('consult', 'reply', { questionId: q.id, text: '请联系所在区征收办，电话 12345。' }, AGENT));
    expect(answered.warning).toBeUndefined();
    expect(answered.status).toBe('answered');
    const sent = fake.messages.filter((m) => m.path === '/cgi-bin/message/custom/send');
    expect(sent).toEqual([expect.objectContaining({ touser: FAN, data: { content: { value: '请联系所在区征收办，电话 12345。' } } })]);
    expect(customCalls()).toEqual([0]);
    // A second answer to the same question is refused and sends nothing.
    expect(await call('consult', 'reply', { questionId: q.id, text: '再答一次' }, AGENT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(customCalls()).toEqual([0]);
    // The cached token is refused (40001): one refresh, one retry, delivered once.
    await ask(FAN, '6100000000000000211');
    const q2 = (expectOk(await call('consult', 'inbox', {}, AGENT)) as { id: string }[]).find((x) => x.id !== q.id)!;
    fake.expireToken();
    expect(expectOk(await call('consult', 'reply', { questionId: q2.id, text: '补充：可拨打12345。' }, AGENT)).warning).toBeUndefined();
    expect(customCalls()).toEqual([0, 40001, 0]);
    expect(fake.messages.filter((m) => m.path === '/cgi-bin/message/custom/send')).toHaveLength(2);
  });

  it('explains a closed 48-hour window and keeps the answer', async () => {
    await ask(SILENT, '6100000000000000202');
    const q = await openQuestion();
    const answered = expectOk(await call('consult', 'reply', { questionId: q.id, text: '请联系所在区征收办。' }, AGENT));
    expect(answered.warning).toMatch(/48小时/);
    expect(answered.status).toBe('answered');
    expect(fake.messages.filter((m) => m.path === '/cgi-bin/message/custom/send')).toHaveLength(0);
    expect(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT))).toEqual([expect.objectContaining({ id: q.id, reply: '请联系所在区征收办。' })]);
  });

  it('says what is missing when the OA AppID/AppSecret are not configured', async () => {
    delete process.env.WX_OA_SECRET;
    await ask(FAN, '6100000000000000203');
    const q = await openQuestion();
    const answered = expectOk(await call('consult', 'reply', { questionId: q.id, text: '请联系所在区征收办。' }, AGENT));
    expect(answered.warning).toMatch(/WX_OA_APPID \/ WX_OA_SECRET/);
    expect(fake.calls.filter((c) => c.path.startsWith('/cgi-bin/'))).toHaveLength(0);
  });
});
