/**
 * 小程序客服消息: the assistant's answers are outbox events sent by the push dispatcher, so a send
 * WeChat refuses for a moment (-1 system busy) is retried and arrives once, never lost.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { invokeFunction } from '../../local-cloud';
import { ADMIN, call, expectOk, fireTimer, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const USER = 'o-kf-outbox-user';
const sent: { touser: string; msgtype: string; text?: { content: string }; miniprogrampage?: { title: string } }[] = [];
let customCalls = 0;
/** Which customer-service calls (1-based, counted per test) answer -1. */
let failing = new Set<number>();
let server: http.Server;

/** WeChat's HTTP API for cloud calls: content checks pass; the first customer-service send is -1. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (req.url?.startsWith('/wxa/msg_sec_check')) return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } }));
      customCalls += 1;
      if (failing.has(customCalls)) return res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' }));
      sent.push(body);
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
});
afterAll(() => {
  server.close();
  delete process.env.WX_OPENAPI_BASE;
});

beforeEach(async () => {
  startCloud();
  delete process.env.PUSH_KICK;
  process.env.PUSH_BACKOFF_BASE_MS = '20';
  process.env.PUSH_BACKOFF_CAP_MS = '40';
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  process.env.WX_OPENAPI_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sent.length = 0;
  customCalls = 0;
});

async function say(content: string, msgId: string): Promise<void> {
  const payload = { ToUserName: 'gh_test', FromUserName: USER, CreateTime: 1764550000, MsgType: 'text', Content: content, MsgId: msgId };
  expect(await invokeFunction('consult', payload, { OPENID: USER, SOURCE: 'wx_unknown' })).toBe('success');
}

/** Fires the dispatcher until `n` messages arrived (or 10 s), then once more: nothing else may come. */
async function drainUntil(n: number): Promise<void> {
  const t0 = Date.now();
  while (sent.length < n && Date.now() - t0 < 10_000) expectOk(await fireTimer('push', 'dispatch'));
  expectOk(await fireTimer('push', 'dispatch'));
}

test('an answer WeChat refuses once (-1) is retried by the dispatcher and arrives exactly once', async () => {
  failing = new Set([1]);
  await say('护找怎么办', 'm-outbox-1');
  await drainUntil(1);
  const lost = KB.faqs.find((f: { id: string }) => f.id === 'faq-passport-lost').question;
  // The related entry is numbered under the answer (回复序号).
  const answer = `${KB.faqs.find((f: { id: string }) => f.id === 'faq-passport').answer}\n\n您可能还想问（回复序号）：\n1. ${lost}`;
  expect(sent.map((m) => [m.touser, m.msgtype, m.text?.content])).toEqual([[USER, 'text', answer]]);
});

test('a text and a page card leave in order; a retry after the card failed does not repeat the text', async () => {
  const card = {
    id: 'rule-passport-card', keywords: ['护照指南卡片'], match: 'exact', priority: 60,
    reply: { type: 'miniprogrampage', content: '普通护照的办理材料和流程见办事指南。', title: '普通护照签发', target: 'guide', matterId: 'm-passport' },
  };
  expectOk(await call('consult', 'importKnowledge', { kb: { ...KB, rules: [...KB.rules, card] }, mode: 'replace' }, ADMIN));
  // The card's cover is uploaded media (WeChat requires it): configured for this city.
  process.env.KF_CARD_THUMB_MEDIA_ID = 'thumb-media-1';
  try {
    failing = new Set([2]);
    await say('护照指南卡片', 'm-outbox-2');
    await drainUntil(2);
  } finally {
    delete process.env.KF_CARD_THUMB_MEDIA_ID;
  }
  expect(sent.map((m) => m.msgtype)).toEqual(['text', 'miniprogrampage']);
  expect(sent[0].text?.content).toBe('普通护照的办理材料和流程见办事指南。');
  expect(sent[1].miniprogrampage).toMatchObject({ title: '普通护照签发', thumb_media_id: 'thumb-media-1' });
});

test('without a card cover configured the page goes into the text (WeChat refuses a card without thumb_media_id)', async () => {
  const card = {
    id: 'rule-passport-card', keywords: ['护照指南卡片'], match: 'exact', priority: 60,
    reply: { type: 'miniprogrampage', content: '普通护照的办理材料和流程见办事指南。', title: '普通护照签发', target: 'guide', matterId: 'm-passport' },
  };
  expectOk(await call('consult', 'importKnowledge', { kb: { ...KB, rules: [...KB.rules, card] }, mode: 'replace' }, ADMIN));
  await say('护照指南卡片', 'm-outbox-3');
  await drainUntil(1);
  expect(sent.map((m) => m.msgtype)).toEqual(['text']);
  expect(sent[0].text?.content).toBe('普通护照的办理材料和流程见办事指南。\n请在小程序中查看“普通护照签发”。');
});
