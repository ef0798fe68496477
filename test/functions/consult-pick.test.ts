/**
 * 回复序号: a citizen replies with the number of a question the bot listed, in the mini-program
 * chat, on the 服务号 (signed XML) and through 客服消息; the number refers to the list stored on the
 * bot's last message of the caller's own conversation, for 30 minutes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { getOpenapiSink, invokeFunction } from '../../local-cloud';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { consultRouter } from '../../cloudfunctions/consult';
import { oaSignature } from '../../cloudfunctions/consult/channels/oa';
import type { KnowledgeBase } from '../../core/consult/kb';
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, CITIZEN, call, expectOk, present, registerSource, startCloud } from './harness';

const KB: KnowledgeBase = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const OTHER = 'other-citizen-openid';
const AGENT = 'agent-openid';
const FAN = 'oFan_pick_openid';
const KF_USER = 'o-kf-pick-openid';
const TOKEN = 'test-oa-token';
const faq = (id: string) => present(KB.faqs.find((f) => f.id === id), id);

let fixed: number | null = null;
const setClock = (at: Date) => { fixed = at.getTime(); };

let nonces = 0;
function signed() {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `n${Date.now()}x${(nonces += 1)}`;
  return { signature: oaSignature(TOKEN, timestamp, nonce), timestamp, nonce };
}
let msgIds = 0;
/** A follower's text message to the 服务号, signed as WeChat signs it; the reply's Content. */
async function oa(content: string): Promise<string> {
  const body = `<xml><ToUserName><![CDATA[gh_city]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName><CreateTime>1764550000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>62000000${String(msgIds += 1).padStart(8, '0')}</MsgId></xml>`;
  const r = await invokeFunction('consult', { path: '/oa', httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, queryStringParameters: signed(), body, isBase64Encoded: false }, { SOURCE: 'wx_http' }) as { statusCode: number; body: string };
  expect(r.statusCode).toBe(200);
  return String(new XMLParser({ parseTagValue: false }).parse(r.body).xml.Content);
}

const messages = async (openid: string) => (await getDb().collection('consult_messages').where({ openid }).orderBy('at', 'asc').limit(100).get()).data as Record<string, any>[];
const inboxCount = async () => (await getDb().collection('consult_inbox').count()).total;

beforeEach(async () => {
  startCloud();
  fixed = null;
  // The consult function on a clock the test can move (the system clock until set).
  registerSource('consult', consultRouter(() => (fixed === null ? new Date() : new Date(fixed))));
  process.env.OA_TOKEN = TOKEN;
  delete process.env.OA_H5_BASE_URL;
  delete process.env.MINIPROGRAM_APPID;
  delete process.env.WX_OPENAPI_BASE;
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
});
afterAll(() => { delete process.env.OA_TOKEN; });

// First in the file: the warm engine is keyed by knowledge-base version, and each test starts a fresh
// database, so two tests in a row that both reach version 2 with different bases would share it.
it('a picked entry that references a matter carries its live catalogue facts, as a typed question does', async () => {
  const matter = makeMatter({ name: '居民身份证补领', fees: { charged: false, items: [], onlinePayment: false }, timeLimit: { statutoryDays: 60, promisedDays: 7, caseKind: '承诺件' } });
  const entry = { id: 'faq-idcard-lost', category: '户籍', question: '身份证丢了怎么补办', similar: [], keywords: ['身份证', '补办'], answer: '携带户口簿到户籍窗口申请补领。', matter: matter.implementationCode };
  expectOk(await call('consult', 'importKnowledge', { kb: { faqs: [entry], rules: [], synonyms: [] }, mode: 'replace' }, ADMIN));
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN));
  // The bot listed it a minute ago in the citizen's conversation.
  const at = new Date(Date.now() - 60_000).toISOString();
  await getDb().collection('consult_conversations').doc('cv-facts').set({ data: { openid: CITIZEN, channel: 'app', createdAt: at, updatedAt: at, status: 'bot' } });
  await getDb().collection('consult_messages').doc('m-listed').set({ data: {
    conversationId: 'cv-facts', openid: CITIZEN, role: 'bot', type: 'suggestions', text: '您是不是想问：', at, channel: 'app', suggestions: [{ id: entry.id, question: entry.question }],
  } });
  const r = expectOk(await call('consult', 'ask', { text: '１', conversationId: 'cv-facts' }, CITIZEN));
  expect(r.answer).toMatchObject({ id: entry.id, matter: { name: '居民身份证补领', fee: '免费', promised: '7个工作日' } });
  expect(r.message).toContain('本市免收费用');
});

describe('mini-program chat', () => {
  it('"2" after 您是不是想问 answers the second entry; the message is stored as typed with what it picked', async () => {
    const unsure = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    expect(unsure.type).toBe('suggestions');
    const listed = present(unsure.suggestions, 'suggestions');
    expect(listed.length).toBeGreaterThanOrEqual(3);

    const picked = expectOk(await call('consult', 'ask', { text: '2', conversationId: unsure.conversationId }, CITIZEN));
    expect(picked.type).toBe('answer');
    expect(picked.answer).toMatchObject({ id: listed[1].id, source: 'faq' });
    expect(picked.message.startsWith(faq(listed[1].id).answer)).toBe(true);
    // The rest of the list stays one number away, renumbered in its order.
    expect(picked.suggestions).toEqual([listed[0], ...listed.slice(2)]);
    expect(await inboxCount()).toBe(0);

    const stored = await messages(CITIZEN);
    expect(stored.map((m) => m.role)).toEqual(['citizen', 'bot', 'citizen', 'bot']);
    expect(stored[2]).toMatchObject({ text: '2', picked: { id: listed[1].id, question: listed[1].question } });
    expect(stored[3]).toMatchObject({ type: 'answer', reason: 'picked', question: listed[1].question, answer: { id: listed[1].id }, suggestions: [listed[0], ...listed.slice(2)] });

    // The chat's history says what the number picked (its 转人工 hands over that question).
    const h = expectOk(await call('consult', 'history', { conversationId: unsure.conversationId }, CITIZEN));
    expect(h.messages[2]).toMatchObject({ role: 'citizen', text: '2', picked: listed[1] });

    // 第一个 now refers to the list under that answer.
    const again = expectOk(await call('consult', 'ask', { text: '第一个', conversationId: unsure.conversationId }, CITIZEN));
    expect(again.answer?.id).toBe(listed[0].id);
  });

  it('a number outside the list: the not-found prompt, nothing stored, no inbox item; the list still holds', async () => {
    const unsure = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    const before = (await messages(CITIZEN)).length;
    const seven = expectOk(await call('consult', 'ask', { text: '7', conversationId: unsure.conversationId }, CITIZEN));
    expect(seven).toMatchObject({ type: 'suggestions', suggestions: [], message: '没有找到第 7 条可选问题，请直接发送您想问的问题。' });
    expect(seven.messageId).toBeUndefined();
    expect(await messages(CITIZEN)).toHaveLength(before);
    expect(await inboxCount()).toBe(0);
    // A first message that is only a number: nothing was listed.
    const fresh = expectOk(await call('consult', 'ask', { text: '1' }, CITIZEN));
    expect(fresh.message).toBe('没有找到第 1 条可选问题，请直接发送您想问的问题。');
    // The earlier list is still the one "1" picks from.
    const one = expectOk(await call('consult', 'ask', { text: '1', conversationId: unsure.conversationId }, CITIZEN));
    expect(one.answer?.id).toBe(present(unsure.suggestions)[0].id);
    // A case number or the hotline is a question, not a pick.
    const hotline = expectOk(await call('consult', 'ask', { text: '12345', conversationId: unsure.conversationId }, CITIZEN));
    expect(hotline.message).not.toContain('没有找到第');
  });

  it('another citizen replying "1" never gets the first citizen\'s list', async () => {
    const mine = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    const theirs = expectOk(await call('consult', 'ask', { text: '身份证' }, OTHER));
    const theirList = present(theirs.suggestions);
    // In their own conversation: their own list.
    const own = expectOk(await call('consult', 'ask', { text: '1', conversationId: theirs.conversationId }, OTHER));
    expect(own.answer?.id).toBe(theirList[0].id);
    expect(own.answer?.id).not.toBe(present(mine.suggestions)[0].id);
    // Naming the first citizen's conversation: nothing picked, nothing written into it.
    const before = (await messages(CITIZEN)).length;
    const foreign = expectOk(await call('consult', 'ask', { text: '1', conversationId: mine.conversationId }, OTHER));
    expect(foreign.answer).toBeUndefined();
    expect(foreign.message).toBe('没有找到第 1 条可选问题，请直接发送您想问的问题。');
    expect(await messages(CITIZEN)).toHaveLength(before);
    expect((await messages(OTHER)).filter((m) => m.conversationId === mine.conversationId)).toEqual([]);
  });

  it('a list older than 30 minutes (the function\'s clock) is not picked from', async () => {
    const t0 = new Date('2026-12-08T02:00:00Z');
    setClock(t0);
    const unsure = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    setClock(new Date(t0.getTime() + 31 * 60_000));
    const late = expectOk(await call('consult', 'ask', { text: '2', conversationId: unsure.conversationId }, CITIZEN));
    expect(late).toMatchObject({ type: 'suggestions', message: '没有找到第 2 条可选问题，请直接发送您想问的问题。' });
    expect(late.answer).toBeUndefined();
    setClock(new Date(t0.getTime() + 29 * 60_000));
    const inTime = expectOk(await call('consult', 'ask', { text: '2', conversationId: unsure.conversationId }, CITIZEN));
    expect(inTime.answer?.id).toBe(present(unsure.suggestions)[1].id);
  });

  it('an entry deleted since it was listed: its question is asked afresh', async () => {
    const unsure = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    const first = present(unsure.suggestions)[0];
    const trimmed = { ...KB, faqs: KB.faqs.filter((f) => f.id !== first.id) };
    expectOk(await call('consult', 'importKnowledge', { kb: trimmed, mode: 'replace' }, ADMIN));
    const r = expectOk(await call('consult', 'ask', { text: '1', conversationId: unsure.conversationId }, CITIZEN));
    expect(r.answer?.id).not.toBe(first.id);
    const stored = await messages(CITIZEN);
    expect(stored[stored.length - 1]).toMatchObject({ role: 'bot', question: first.question });
    expect(stored[stored.length - 1].reason).not.toBe('picked');
  });
});

describe('服务号 (signed XML)', () => {
  it('numbers 您是不是想问 as stored, says 回复序号, and "1" answers the first entry', async () => {
    const listText = await oa('公积金');
    const bot = (await messages(FAN)).find((m) => m.role === 'bot')!;
    const listed = bot.suggestions as { id: string; question: string }[];
    expect(listText).toBe(`您是不是想问：\n${listed.map((s, i) => `${i + 1}. ${s.question}`).join('\n')}\n回复序号即可查看，或直接发送您的问题。`);

    const answer = await oa('1');
    expect(answer.startsWith(faq(listed[0].id).answer)).toBe(true);
    // Under it, the rest of the list, numbered as the bot message stores it.
    const after = (await messages(FAN)).filter((m) => m.role === 'bot').pop()!;
    expect(after.suggestions).toEqual(listed.slice(1));
    expect(answer).toContain(`\n\n您可能还想问（回复序号）：\n${listed.slice(1).map((s, i) => `${i + 1}. ${s.question}`).join('\n')}`);
    expect(await oa('９')).toBe('没有找到第 9 条可选问题，请直接发送您想问的问题。');
    expect(await inboxCount()).toBe(0);
  });

  it('a direct answer lists its related entries; a handoff its nearest ones, each pickable', async () => {
    const direct = await oa('护找怎么办');
    expect(direct).toBe(`${faq('faq-passport').answer}\n\n您可能还想问（回复序号）：\n1. ${faq('faq-passport-lost').question}`);
    expect((await oa('1')).startsWith(faq('faq-passport-lost').answer)).toBe(true);

    const handoff = await oa('家里老人今年满八十五了，听邻居说满了一定年龄政府每个月会给点钱，我们没领过，这个要找谁申请');
    expect(handoff).toMatch(/^这个问题我暂时无法准确回答，已转给工作人员.*\n\n您也可以先看看（回复序号）：\n1\. /s);
    expect(handoff).toContain(`1. ${faq('faq-elderly-allowance').question}`);
    expect((await oa('1')).startsWith(faq('faq-elderly-allowance').answer)).toBe(true);
  });
});

describe('客服消息', () => {
  const push = (Content: string, MsgId: string) => invokeFunction('consult', { ToUserName: 'gh_test', FromUserName: KF_USER, CreateTime: 1764550000, MsgType: 'text', Content, MsgId }, { OPENID: KF_USER, SOURCE: 'wx_unknown' });
  const sentTexts = () => getOpenapiSink({ touser: KF_USER, api: 'customerServiceMessage.send' }).map((s) => (s.payload as { text?: { content: string } }).text?.content);

  it('the same numbered list; "2" answers the second entry, "8" gets the not-found prompt', async () => {
    expect(await push('公积金', 'k-1')).toBe('success');
    const listed = (await messages(KF_USER)).find((m) => m.role === 'bot')!.suggestions as { id: string; question: string }[];
    expect(sentTexts()[0]).toBe(`您是不是想问：\n${listed.map((s, i) => `${i + 1}. ${s.question}`).join('\n')}\n回复序号即可查看，或直接发送您的问题。`);
    expect(await push('2', 'k-2')).toBe('success');
    expect(sentTexts()[1]?.startsWith(faq(listed[1].id).answer)).toBe(true);
    expect(await push('8', 'k-3')).toBe('success');
    expect(sentTexts()[2]).toBe('没有找到第 8 条可选问题，请直接发送您想问的问题。');
    expect(await inboxCount()).toBe(0);
  });
});
