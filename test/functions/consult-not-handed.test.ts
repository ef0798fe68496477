/**
 * consult: what no agent can answer does not fill the inbox. An off-topic message (今天天气怎么样) is
 * declined, saying how to reach a person if really needed; a message that only opens (你好，我想问个事)
 * gets a prompt to say what about. Every channel says the same; nothing promises 已转给工作人员.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { getOpenapiSink, invokeFunction } from '../../local-cloud';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { oaSignature } from '../../cloudfunctions/consult/channels/oa';
import { BLANK_REPLY, CONTENT_FREE_REPLY, OFF_TOPIC_REPLY } from '../../cloudfunctions/consult/conversation';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const KF_USER = 'o-kf-user-openid';
const FAN = 'oFan_openid_123';
const TOKEN = 'test-oa-token';

beforeEach(async () => {
  startCloud();
  process.env.OA_TOKEN = TOKEN;
  delete process.env.WX_OPENAPI_BASE;
  // The push dispatcher sends 客服消息 right after the commit, as in production.
  delete process.env.PUSH_KICK;
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
});
afterAll(() => { delete process.env.OA_TOKEN; });

const inbox = async () => (await getDb().collection('consult_inbox').limit(100).get()).data;
const botMessages = async () => (await getDb().collection('consult_messages').where({ role: 'bot' }).limit(100).get()).data as { text: string; reason?: string; questionId?: string }[];

/** 客服消息 push: the function invoked with the user's OPENID and a non-client SOURCE. */
const kf = (Content: string, MsgId: string) => invokeFunction('consult', { ToUserName: 'gh_test', FromUserName: KF_USER, CreateTime: 1764550000, MsgType: 'text', Content, MsgId }, { OPENID: KF_USER, SOURCE: 'wx_unknown' });
let nonces = 0;
/** 服务号 over HTTP: a signed text message; the passive reply's Content. */
async function oa(Content: string, MsgId: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `n${Date.now()}x${(nonces += 1)}`;
  const body = `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName><CreateTime>1764550000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${Content}]]></Content><MsgId>${MsgId}</MsgId></xml>`;
  const r = await invokeFunction('consult', {
    path: '/oa', httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, body, isBase64Encoded: false,
    queryStringParameters: { signature: oaSignature(TOKEN, timestamp, nonce), timestamp, nonce },
  }, { SOURCE: 'wx_http' }) as { statusCode: number; body: string };
  expect(r.statusCode).toBe(200);
  return String(new XMLParser({ parseTagValue: false }).parse(r.body).xml.Content);
}
const kfSent = () => getOpenapiSink({ touser: KF_USER, api: 'customerServiceMessage.send' }).map((s) => (s.payload as { text?: { content: string } }).text?.content);

describe('off-topic', () => {
  it('in the app: declined with how to reach a person, kept in the chat, no inbox item', async () => {
    const r = expectOk(await call('consult', 'ask', { text: '今天天气怎么样' }, CITIZEN));
    expect(r.message).toBe(OFF_TOPIC_REPLY);
    expect(r.message).toContain('回复“人工”');
    expect(r.questionId).toBeUndefined();
    expect(await inbox()).toEqual([]);
    const history = expectOk(await call('consult', 'history', { conversationId: r.conversationId }, CITIZEN));
    expect(history.messages.map((m) => m.text)).toEqual(['今天天气怎么样', OFF_TOPIC_REPLY]);
    expect(await botMessages()).toEqual([expect.objectContaining({ reason: 'off-topic', text: OFF_TOPIC_REPLY })]);
    // Really wanting a person still works: 人工 hands the conversation over.
    const human = expectOk(await call('consult', 'ask', { text: '人工', conversationId: r.conversationId }, CITIZEN));
    expect(human.questionId).toBeDefined();
    expect(await inbox()).toHaveLength(1);
  });

  it('on 客服消息: the assistant says the same, no transfer to WeChat\'s human service, no inbox item', async () => {
    expect(await kf('今天天气怎么样', 'kf-1')).toBe('success');
    expect(kfSent()).toEqual([OFF_TOPIC_REPLY]);
    expect(await inbox()).toEqual([]);
  });

  it('on 服务号: the passive reply says the same, no inbox item', async () => {
    expect(await oa('今天天气怎么样', '6100000000000000101')).toBe(OFF_TOPIC_REPLY);
    expect(await inbox()).toEqual([]);
  });
});

describe('content-free openings', () => {
  it('in the app: a prompt, nothing stored; a greeting the base answers is still answered', async () => {
    for (const text of ['你好，我想问个事', '请问', '您好！有个问题想咨询一下']) {
      const r = expectOk(await call('consult', 'ask', { text }, CITIZEN));
      expect(r).toMatchObject({ type: 'suggestions', suggestions: [], message: CONTENT_FREE_REPLY });
      expect(r.messageId).toBeUndefined();
    }
    expect(await inbox()).toEqual([]);
    expect(await botMessages()).toEqual([]);
    // 你好 alone meets the base's greeting rule: answered as before.
    expect(expectOk(await call('consult', 'ask', { text: '你好' }, CITIZEN)).type).toBe('answer');
    // Tapping 转人工 with such a text is still a request for a person.
    expect(expectOk(await call('consult', 'ask', { text: '你好，我想问个事', handoff: true }, CITIZEN)).questionId).toBeDefined();
  });

  it('on 客服消息 and 服务号: the same prompt, no inbox item; a blank-looking message is prompted too, not handed over', async () => {
    expect(await kf('你好，我想问个事', 'kf-2')).toBe('success');
    expect(kfSent()).toEqual([CONTENT_FREE_REPLY]);
    expect(await oa('你好，我想问个事', '6100000000000000102')).toBe(CONTENT_FREE_REPLY);
    expect(await oa('\u200b。', '6100000000000000103')).toBe(BLANK_REPLY);
    expect(await inbox()).toEqual([]);
  });
});
