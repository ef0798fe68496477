/**
 * consult: what an agent's reply and a citizen's question may be. A reply is cleaned of invisible
 * and direction-changing characters like a question is, refused when nothing is left, and its
 * messages name 答复内容; a too-long question gets one message whatever the excess.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { ADMIN, CITIZEN, call, callBad, expectOk, present, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
process.env.PUSH_KICK = 'off';

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expect(expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT)).applied).toBe(true);
});

async function openQuestion(): Promise<{ questionId: string; conversationId: string }> {
  const h = expectOk(await call('consult', 'ask', { text: '老年人坐公交免费卡在哪办', handoff: true }, CITIZEN));
  return { questionId: present(h.questionId, 'questionId'), conversationId: h.conversationId };
}

const staffLines = async (conversationId: string) =>
  expectOk(await call('consult', 'history', { conversationId }, CITIZEN)).messages.filter((m) => m.role === 'staff');

describe('reply', () => {
  it.each(['\u200b\u200b\u202e', ' \u2066\u200e\ufeff ', '\u0000\u200c'])('only invisible characters (%j) is refused and nothing is written', async (text) => {
    const { questionId, conversationId } = await openQuestion();
    expect(await call('consult', 'reply', { questionId, text }, AGENT)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '答复内容不能为空' });
    const item = present(expectOk(await call('consult', 'inbox', {}, AGENT)).find((i) => i.id === questionId), 'the inbox item');
    expect(item.status).toBe('open');
    expect(item.reply).toBeUndefined();
    expect(await staffLines(conversationId)).toEqual([]);
    expect((await getDb().collection('outbox').get()).data).toEqual([]);
  });

  it('stores and sends the reply without its invisible and direction-changing characters', async () => {
    const { questionId, conversationId } = await openQuestion();
    const answered = expectOk(await call('consult', 'reply', { questionId, text: '\u202e请带身份证\u200b到社区\u2066办理。\u200f ' }, AGENT));
    expect(answered.reply).toBe('请带身份证到社区办理。');
    expect((await staffLines(conversationId)).map((m) => m.text)).toEqual(['请带身份证到社区办理。']);
    const { data: events } = await getDb().collection('outbox').get();
    expect(events.map((e) => e.reply)).toEqual(['请带身份证到社区办理。']);
  });

  it('names 答复内容 when it is empty or too long, whatever the excess', async () => {
    const { questionId } = await openQuestion();
    expect(await call('consult', 'reply', { questionId, text: '' }, AGENT)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '答复内容不能为空' });
    for (const n of [2001, 20001, 30000]) {
      expect(await call('consult', 'reply', { questionId, text: '办'.repeat(n) }, AGENT)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '答复内容不能超过2000字' });
    }
    // Invisible characters do not count against the limit: what is stored is what counts.
    expectOk(await call('consult', 'reply', { questionId, text: `${'办'.repeat(2000)}${'\u200b'.repeat(50)}` }, AGENT));
  });

  it('a reply that is not text names neither the citizen\'s question nor an English key', async () => {
    const { questionId } = await openQuestion();
    const r = await callBad('consult', 'reply', { questionId, text: 12345 }, AGENT);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(r.ok ? '' : r.message).not.toMatch(/咨询|text/);
  });
});

describe('ask', () => {
  it('a too-long question gets one message, from 2001 characters to past 20000', async () => {
    for (const n of [2001, 19999, 20001, 30000]) {
      expect(await call('consult', 'ask', { text: '社'.repeat(n) }, CITIZEN)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '问题太长了，请控制在 2000 字以内' });
    }
    // Exactly 2000 after invisible characters are dropped is still a question.
    expect((await call('consult', 'ask', { text: `${'社'.repeat(2000)}\u200b\u200b` }, CITIZEN)).ok).toBe(true);
  });
});
