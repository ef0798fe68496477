/**
 * The consult function's platform channels through the gateway: the 服务号 over the HTTP access
 * route (`/http/consult/oa`) and the local preview route for customer-service message push.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { invokeFunction } from '../../local-cloud';
import { oaSignature } from '../../cloudfunctions/consult/channels/oa';
import { request } from './http-client';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const TOKEN = 'gateway-oa-token';
let gw: Gateway;
let root: string;

beforeAll(async () => {
  process.env.OA_TOKEN = TOKEN;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-consult-'));
  gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), staticDir: root, adminOpenids: ['local-admin'], localMode: true, log: () => undefined });
  const r = await invokeFunction('consult', { action: 'importKnowledge', params: { kb: KB, mode: 'replace' } }, { OPENID: 'local-admin' }) as { ok: boolean };
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  await gw?.close();
  fs.rmSync(root, { recursive: true, force: true });
  delete process.env.OA_TOKEN;
});

let sent = 0;
/** Signed the way WeChat signs: now, with a nonce never used before (a reused one is a replay). */
const query = (token = TOKEN) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `gw${Date.now()}n${(sent += 1)}`;
  return `signature=${oaSignature(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`;
};

describe('服务号 through /http/consult/oa', () => {
  it('answers the echostr check and a text message with passive-reply XML; refuses bad signatures', async () => {
    const check = await request(gw.url, `/http/consult/oa?${query()}&echostr=hello42`);
    expect(check.status).toBe(200);
    expect(check.text).toBe('hello42');
    const xml = '<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[oFanGw1]]></FromUserName><CreateTime>1764550000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[护找怎么办]]></Content><MsgId>7000000000000000001</MsgId></xml>';
    const r = await request(gw.url, `/http/consult/oa?${query()}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/xml/);
    expect(r.text).toContain('<ToUserName><![CDATA[oFanGw1]]></ToUserName>');
    expect(r.text).toContain(KB.faqs.find((f: { id: string }) => f.id === 'faq-passport').answer);
    const bad = await request(gw.url, `/http/consult/oa?${query('not-the-token')}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml });
    expect(bad.status).toBe(403);
    expect(bad.text).not.toContain('护照');
  });
});

describe('POST /api/local/message-push/consult', () => {
  it('invokes consult as WeChat message push: answers through customerServiceMessage.send, once per MsgId', async () => {
    const user = 'local-citizen';
    const payload = { ToUserName: 'gh_mini', FromUserName: user, CreateTime: 1764550000, MsgType: 'text', Content: '护找怎么办', MsgId: 'kf-gw-1' };
    const post = () => request(gw.url, '/api/local/message-push/consult', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    const r = await post();
    expect(r.status).toBe(200);
    expect(r.json).toBe('success');
    await post();
    const inbox = await request(gw.url, `/api/local/inbox?openid=${user}`);
    const sent = (inbox.json as { api: string; payload: { text?: { content: string } } }[]).filter((m) => m.api === 'customerServiceMessage.send');
    expect(sent).toHaveLength(1);
    // The answer, and its related entry numbered under it (回复序号).
    const lost = KB.faqs.find((f: { id: string }) => f.id === 'faq-passport-lost').question;
    expect(sent[0].payload.text?.content).toBe(`${KB.faqs.find((f: { id: string }) => f.id === 'faq-passport').answer}\n\n您可能还想问（回复序号）：\n1. ${lost}`);
  });

  it('hands an unknown question to a person and refuses malformed payloads', async () => {
    const r = await request(gw.url, '/api/local/message-push/consult', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ToUserName: 'gh_mini', FromUserName: 'local-citizen-2', CreateTime: 1764550001, MsgType: 'text', Content: '我家拆迁补偿太少了找谁', MsgId: 'kf-gw-2' }) });
    expect(r.json).toMatchObject({ MsgType: 'transfer_customer_service', ToUserName: 'local-citizen-2' });
    const bad = await request(gw.url, '/api/local/message-push/consult', { method: 'POST', body: JSON.stringify({ MsgType: 'text' }) });
    expect(bad.status).toBe(400);
    const none = await request(gw.url, '/api/local/message-push/nosuchfn', { method: 'POST', body: '{}' });
    expect(none.status).toBe(404);
  });
});
