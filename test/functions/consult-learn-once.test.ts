/**
 * consult: a question teaches the knowledge base once. Two tabs, or an agent and an admin at the
 * same time, learning the same question: one commits, the others are refused, the version moves once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KnowledgeBase } from '../../core/consult/kb';
import { ADMIN, CITIZEN, call, expectOk, present, startCloud } from './harness';
import { db } from './push-fixtures';

const KB: KnowledgeBase = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const Q = '老年人坐公交免费卡在哪办';
process.env.PUSH_KICK = 'off';

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expect(expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT)).applied).toBe(true);
});

/** A handed-off question the agent has answered. */
async function answeredQuestion(text = Q): Promise<string> {
  const h = expectOk(await call('consult', 'ask', { text, handoff: true }, CITIZEN));
  const questionId = present(h.questionId, 'questionId');
  expectOk(await call('consult', 'reply', { questionId, text: '请带身份证到社区办理老年优待卡。' }, AGENT));
  return questionId;
}

const versions = async () => expectOk(await call('consult', 'kbHistory', {}, AGENT));

it('a second learn of the same question is CONFLICT, in either mode, and the knowledge base moved once', async () => {
  const questionId = await answeredQuestion();
  const before = (await versions())[0].version;
  const learned = expectOk(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT));
  expect(learned.version).toBe(before + 1);
  expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT))
    .toEqual({ ok: false, code: 'CONFLICT', message: '该提问已加入知识库' });
  expect(await call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-retirement' }, ADMIN))
    .toEqual({ ok: false, code: 'CONFLICT', message: '该提问已加入知识库' });
  expect((await versions())[0].version).toBe(before + 1);
  const kb = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
  expect(kb.faqs.filter((f) => f.id === learned.faqId)).toHaveLength(1);
  expect(present(kb.faqs.find((f) => f.id === 'faq-retirement'), 'faq-retirement').similar).not.toContain(Q);
  const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
  expect(item.learnedAs).toBe(learned.faqId);
  // The learned sentence is answered by its own entry, not offered as one of two.
  const again = expectOk(await call('consult', 'ask', { text: Q }, 'another-citizen-openid'));
  expect(again).toMatchObject({ type: 'answer', answer: { id: learned.faqId } });
});

it('learns at once (two tabs of the agent, an admin adding it to another FAQ): exactly one commits', async () => {
  const questionId = await answeredQuestion();
  const before = (await versions())[0].version;
  const results = await Promise.all([
    call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT),
    call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT),
    call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-retirement' }, ADMIN),
    call('consult', 'learn', { questionId, mode: 'newFaq', category: '其他', question: '老年优待卡怎么办理？' }, ADMIN),
    call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-retirement' }, AGENT),
  ]);
  const won = results.filter((r) => r.ok);
  expect(won).toHaveLength(1);
  for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, code: 'CONFLICT', message: '该提问已加入知识库' });
  const history = await versions();
  expect(history[0].version).toBe(before + 1);
  expect(history.filter((v) => v.version > before)).toHaveLength(1);
  const kb = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
  const asNewFaq = kb.faqs.filter((f) => f.id.startsWith('faq-learned-')).length;
  const asSimilar = kb.faqs.filter((f) => f.similar.includes(Q)).filter((f) => !f.id.startsWith('faq-learned-')).length;
  // Taught exactly one way.
  expect(asNewFaq + asSimilar).toBe(1);
  const winner = won[0].ok ? won[0].data.faqId : '';
  const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
  expect(item.learnedAs).toBe(winner);
});

it('newFaq and similar learns racing on one question, round after round: one ok, the rest CONFLICT, one version, one entry', async () => {
  for (let round = 0; round < 4; round++) {
    // A new wording each round: a wording learned once is not learned into another entry again.
    const q = `${Q}（第${round + 1}次问）`;
    const questionId = await answeredQuestion(q);
    const before = (await versions())[0].version;
    const kbBefore = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
    const learns = [
      () => call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-passport' }, ADMIN),
      () => call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT),
      () => call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-retirement' }, AGENT),
      () => call('consult', 'learn', { questionId, mode: 'newFaq', category: '其他', question: `老年优待卡怎么办理${round}？` }, ADMIN),
      () => call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-passport' }, AGENT),
      () => call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, ADMIN),
    ];
    // Each round starts the race from a different mode, so neither path always goes first.
    const order = [...learns.slice(round % learns.length), ...learns.slice(0, round % learns.length)];
    const results = await Promise.all(order.map((go) => go()));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, code: 'CONFLICT', message: '该提问已加入知识库' });
    const history = await versions();
    expect(history.filter((v) => v.version > before)).toHaveLength(1);
    const kb = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
    const winner = won[0].ok ? won[0].data.faqId : '';
    // The question (or its new FAQ) appears in exactly one entry, and that entry is the winner's.
    const learnedFaq = `faq-learned-${questionId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const touched = kb.faqs.filter((f) => f.id === learnedFaq || (f.similar.includes(q) && !kbBefore.faqs.find((b) => b.id === f.id)?.similar.includes(q)));
    expect(touched.map((f) => f.id)).toEqual([winner]);
    const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
    expect(item.learnedAs).toBe(winner);
  }
});

it('the same text asked twice (two inbox items) teaches one entry: the second learn into another entry is refused, nothing written', async () => {
  const first = await answeredQuestion();
  const second = await answeredQuestion();
  expect(first).not.toBe(second);
  expectOk(await call('consult', 'learn', { questionId: first, mode: 'similar', faqId: 'faq-retirement' }, AGENT));
  const before = (await versions())[0].version;
  expect(await call('consult', 'learn', { questionId: second, mode: 'similar', faqId: 'faq-passport' }, AGENT)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('这个问法已在问答') });
  expect(await call('consult', 'learn', { questionId: second, mode: 'newFaq', category: '民政' }, AGENT)).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect((await versions())[0].version).toBe(before);
  const kb = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
  expect(kb.faqs.filter((f) => [f.question, ...f.similar].includes(Q)).map((f) => f.id)).toEqual(['faq-retirement']);
});

describe('a reply that shows nothing cannot teach the knowledge base', () => {
  for (const blank of ['\u2800', '\u3164', ' \u3164\u2800\u200b ']) {
    it(`stored reply ${JSON.stringify(blank)}: refused in both modes, nothing written`, async () => {
      const h = expectOk(await call('consult', 'ask', { text: Q, handoff: true }, CITIZEN));
      const questionId = present(h.questionId, 'questionId');
      // Today reply refuses such text; an item answered before that check still holds it.
      expect(await call('consult', 'reply', { questionId, text: blank }, AGENT)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '答复内容不能为空' });
      await db().collection('consult_inbox').doc(questionId).update({ data: { status: 'answered', reply: blank, answeredBy: AGENT, answeredAt: '2026-12-01T04:00:00.000Z' } });
      const before = (await versions())[0].version;
      const refused = { ok: false, code: 'INVALID_INPUT', message: '该提问的答复没有可见文字，请重新答复后再加入知识库' };
      expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT)).toEqual(refused);
      expect(await call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-passport' }, AGENT)).toEqual(refused);
      expect((await versions())[0].version).toBe(before);
      const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
      expect(item.learnedAs).toBeUndefined();
    });
  }

  it('an answer typed at learn time that shows nothing is refused as well', async () => {
    const questionId = await answeredQuestion();
    expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政', answer: '\u3164\u2800' }, AGENT))
      .toEqual({ ok: false, code: 'INVALID_INPUT', message: '答案内容没有可见文字，不能加入知识库' });
    expect(expectOk(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '民政' }, AGENT)).faqId).toMatch(/^faq-learned-/);
  });
});
