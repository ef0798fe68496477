/**
 * consult: 本市 facts of the matter the message names (an FAQ covering several services), and
 * 相关办事指南 from the published catalogue when no FAQ answered — in the app and the text channels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConsultAskResult } from '../../core/api';
import type { MatterInput } from '../../core/matter/schema';
import { getOpenapiSink, invokeFunction } from '../../local-cloud';
import { replyFor } from '../../cloudfunctions/consult/channels/oa';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const SEED: MatterInput[] = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8')).matters;
const seeded = (name: string) => SEED.find((m) => m.name === name)!;
const CATALOGUE = [
  '社会保障卡申领', '社会保障卡补领、换领', '普通护照签发', '普通护照换发、补发', '往来港澳通行证签发（含签注）',
  '出生医学证明首次签发', '出生医学证明补发', '新生儿出生登记（户口申报）', '居民身份证补领（含挂失申报）',
].map(seeded);
const BIRTH_CERT = seeded('出生医学证明补发').implementationCode;
const KF_USER = 'o-kf-user-openid';

async function publish(matters: MatterInput[]) {
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters }) }, ADMIN));
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  await publish(CATALOGUE);
});

describe('an FAQ covering several services shows the facts of the one asked about', () => {
  it('社保卡丢了补办要几天 → 社会保障卡补领、换领 (5 个工作日), not 申领 (10)', async () => {
    const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '社保卡丢了补办要几天' }, CITIZEN));
    expect(a.answer?.id).toBe('faq-shebao-card');
    expect(a.answer?.matter).toMatchObject({ name: '社会保障卡补领、换领', promised: '5个工作日' });
    expect(a.message).toContain('【本市社会保障卡补领、换领】');
    expect(a.message).not.toContain('【本市社会保障卡申领】');
  });

  it('港澳通行证丢了怎么补 → the 港澳通行证 matter, not the passport one', async () => {
    const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '港澳通行证丢了怎么补' }, CITIZEN));
    expect(a.answer?.id).toBe('faq-passport-lost');
    expect(a.answer?.matter?.name).toBe('往来港澳通行证签发（含签注）');
    expect(a.message).not.toContain('普通护照');
  });

  it('a question naming no variant gets the FAQ\'s first matter; a withdrawn one is skipped', async () => {
    const first: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '社保卡怎么申领' }, CITIZEN));
    expect(first.answer?.matter?.name).toBe('社会保障卡申领');
    await publish(CATALOGUE.map((m) => (m.name === '社会保障卡补领、换领' ? { ...m, status: '暂停' } as MatterInput : m)));
    const lost: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '社保卡丢了补办要几天' }, CITIZEN));
    expect(lost.answer?.matter?.name).toBe('社会保障卡申领');
  });
});

describe('相关办事指南 when no FAQ answered', () => {
  it('孩子出生证明丢了怎么补: the chips and a link to 出生医学证明补发, kept in the history', async () => {
    const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '孩子出生证明丢了怎么补' }, CITIZEN));
    expect(a.type).toBe('suggestions');
    expect(a.matters).toEqual([{
      id: BIRTH_CERT, name: '出生医学证明补发', guideLink: `/packages/matters/pages/guide/index?id=${BIRTH_CERT}`,
      // 网办深度 Ⅲ: 在线申办 is offered too.
      applyLink: `/packages/affairs/pages/apply/index?matterId=${BIRTH_CERT}`,
    }]);
    const h = expectOk(await call('consult', 'history', { conversationId: a.conversationId }, CITIZEN));
    expect(h.messages.find((m) => m.role === 'bot')?.matters).toEqual(a.matters);
  });

  it('no link for a complaint, a direct answer, a weak search or an empty catalogue', async () => {
    const complaint: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '出生证明补发一直不给办，我要投诉' }, CITIZEN));
    expect(complaint.type).toBe('handoff');
    expect(complaint.matters).toBeUndefined();
    const answered: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '身份证丢了怎么补办' }, CITIZEN));
    expect(answered.type).toBe('answer');
    expect(answered.matters).toBeUndefined();
    const vague: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '今天天气怎么样' }, CITIZEN));
    expect(vague.matters).toBeUndefined();
    startCloud();
    expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
    const none: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '孩子出生证明丢了怎么补' }, CITIZEN));
    expect(none.type).toBe('suggestions');
    expect(none.matters).toBeUndefined();
  });

  it('a newly published catalogue is searched in the next message (the warm cache follows the version)', async () => {
    const before: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '孩子出生证明丢了怎么补' }, CITIZEN));
    expect(before.matters?.[0]?.name).toBe('出生医学证明补发');
    await publish(CATALOGUE.map((m) => (m.implementationCode === BIRTH_CERT ? { ...m, status: '取消' } as MatterInput : m)));
    const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '孩子出生证明丢了怎么补' }, CITIZEN));
    expect(a.matters?.map((m) => m.name) ?? []).not.toContain('出生医学证明补发');
  });
});

describe('text channels', () => {
  const push = (Content: string, MsgId: string) => invokeFunction('consult', { ToUserName: 'gh_test', FromUserName: KF_USER, CreateTime: 1764550000, MsgType: 'text', Content, MsgId }, { OPENID: KF_USER, SOURCE: 'wx_unknown' });
  const sent = () => getOpenapiSink({ touser: KF_USER, api: 'customerServiceMessage.send' }).map((s) => s.payload as any);

  it('客服消息: the 【本市…】 line of the fitting matter; 相关办事指南 named with a page card', async () => {
    delete process.env.WX_OPENAPI_BASE;
    expect(await push('社保卡丢了补办要几天', 'fit-1')).toBe('success');
    expect(sent()[0].text.content).toContain('【本市社会保障卡补领、换领】');
    process.env.KF_CARD_THUMB_MEDIA_ID = 'thumb-media-1';
    try {
      expect(await push('孩子出生证明丢了怎么补', 'fit-2')).toBe('success');
    } finally {
      delete process.env.KF_CARD_THUMB_MEDIA_ID;
    }
    const [text, card] = sent().slice(1);
    expect(text.text.content).toContain('相关办事指南：出生医学证明补发');
    expect(card.miniprogrampage).toMatchObject({ title: '出生医学证明补发', pagepath: `packages/matters/pages/guide/index?id=${BIRTH_CERT}`, thumb_media_id: 'thumb-media-1' });
  });

  it('服务号: the line, with a mini-program link where the account prints links', () => {
    const m = { ToUserName: 'gh_city', FromUserName: 'fan', CreateTime: '0', MsgType: 'text' };
    const d = {
      type: 'suggestions' as const, reason: 'unsure', confidence: 0.3, margin: 0, candidates: [],
      suggestions: [{ id: 'faq-newborn-hukou', question: '刚出生的孩子怎么上户口？' }],
      matters: [{ id: BIRTH_CERT, name: '出生医学证明补发', guideLink: `/packages/matters/pages/guide/index?id=${BIRTH_CERT}` }],
    };
    delete process.env.MINIPROGRAM_APPID;
    expect(replyFor(m, d)).toContain('1. 刚出生的孩子怎么上户口？\n回复序号即可查看，或直接发送您的问题。\n相关办事指南：出生医学证明补发');
    process.env.MINIPROGRAM_APPID = 'wxapp123';
    try {
      expect(replyFor(m, d)).toContain(`相关办事指南：<a data-miniprogram-appid="wxapp123" data-miniprogram-path="packages/matters/pages/guide/index?id=${BIRTH_CERT}" href="https://mp.weixin.qq.com">出生医学证明补发</a>`);
    } finally {
      delete process.env.MINIPROGRAM_APPID;
    }
  });
});
