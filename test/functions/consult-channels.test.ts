/** Customer-service message push (payload level): recognition, answers, handoff, dedupe, 45015/45047. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { getOpenapiSink, invokeFunction } from '../../local-cloud';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { ADMIN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
/** 护找怎么办's answer as a text channel sends it: the passport entry, its related entry numbered under it (回复序号). */
const PASSPORT_REPLY = `${KB.faqs.find((f: any) => f.id === 'faq-passport').answer}\n\n您可能还想问（回复序号）：\n1. ${KB.faqs.find((f: any) => f.id === 'faq-passport-lost').question}`;
const USER = 'o-kf-user-openid';
const AGENT = 'agent-openid';

/** WeChat's message push: the function is invoked with the user's OPENID and a non-client SOURCE. */
const push = (event: Record<string, unknown>, source = 'wx_unknown') => invokeFunction('consult', event, { OPENID: USER, SOURCE: source });
const text = (Content: string, MsgId: string) => ({ ToUserName: 'gh_test', FromUserName: USER, CreateTime: 1764550000, MsgType: 'text', Content, MsgId });

beforeEach(async () => {
  startCloud();
  delete process.env.WX_OPENAPI_BASE;
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
});

describe('customer-service message push', () => {
  it('answers a text message through customerServiceMessage.send, once per MsgId', async () => {
    expect(await push(text('护找怎么办', 'm-1'))).toBe('success');
    expect(await push(text('护找怎么办', 'm-1'))).toBe('success'); // WeChat retry
    const sent = getOpenapiSink({ touser: USER, api: 'customerServiceMessage.send' });
    expect(sent).toHaveLength(1);
    expect((sent[0].payload as any).text.content).toBe(PASSPORT_REPLY);
  });

  it('welcomes on user_enter_tempsession (deduped by FromUserName + CreateTime) and transfers unknown questions', async () => {
    const enter = { ToUserName: 'gh_test', FromUserName: USER, CreateTime: 1764550001, MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'home' };
    await push(enter);
    await push(enter);
    expect(getOpenapiSink({ touser: USER, api: 'customerServiceMessage.send' })).toHaveLength(1);
    const r = await push(text('我家拆迁补偿太少了找谁', 'm-2')) as any;
    expect(r).toMatchObject({ MsgType: 'transfer_customer_service', ToUserName: USER, FromUserName: 'gh_test' });
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    expect(box[0]).toMatchObject({ channel: 'kf', question: '我家拆迁补偿太少了找谁' });
  });

  it('is never recognised from a client call with the same body', async () => {
    const forged = await invokeFunction('consult', text('护照', 'm-3'), { OPENID: USER, SOURCE: 'wx_client' }) as any;
    expect(forged).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const otherUser = await invokeFunction('consult', text('护照', 'm-4'), { OPENID: 'someone-else', SOURCE: 'wx_unknown' }) as any;
    expect(otherUser.ok).toBe(false);
  });

  it.each([[45015, '48小时'], [45047, '5条']])('a staff reply hitting %s tells staff and keeps the reply in the chat and outbox', async (errcode, words) => {
    const r = await push(text('我家拆迁补偿太少了找谁', `m-${errcode}`)) as any;
    expect(r.MsgType).toBe('transfer_customer_service');
    const [item] = expectOk(await call('consult', 'inbox', {}, AGENT));
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end(JSON.stringify({ errcode, errmsg: 'out of limit' }))); });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    process.env.WX_OPENAPI_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = expectOk(await call('consult', 'reply', { questionId: item.id, text: '请联系所在区征收办。' }, AGENT));
      expect(res.warning).toContain(words);
      expect(res.warning).toContain('小程序');
      // The customer-service message failed; the subscription message that replaces it is in the outbox.
      const { data: events } = await getDb().collection('outbox').get();
      expect(events.find((e) => e.type === 'consultReply')).toMatchObject({ type: 'consultReply', reply: '请联系所在区征收办。' });
    } finally {
      delete process.env.WX_OPENAPI_BASE;
      server.close();
    }
    const answered = expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT));
    expect(answered[0]).toMatchObject({ id: item.id, reply: '请联系所在区征收办。' });
  });
});
