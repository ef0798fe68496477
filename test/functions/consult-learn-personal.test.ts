/**
 * consult: the learning loop never publishes one citizen's reply. An agent's answer to a citizen's
 * own case (办件编号, phone) saved as a new entry would be shown to everyone asking alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KnowledgeBase } from '../../core/consult/kb';
import { ADMIN, CITIZEN, call, expectOk, present, startCloud } from './harness';

const KB: KnowledgeBase = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const OTHER_CITIZEN = 'another-citizen-openid';
process.env.PUSH_KICK = 'off';

const LEAK_QUESTION = '我的社保卡补领已经受理好几天了，什么时候能拿到卡？麻烦帮我查一下';
const LEAK_REPLY = '李女士您好，您的社保卡补领办件BJ20261205000914已于12月5日受理，预计12月10日制卡完成，届时短信通知您到原网点领取。联系电话13900001111。';

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true }, ADMIN));
  expect(expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, AGENT)).applied).toBe(true);
});

async function answered(text: string, reply: string): Promise<string> {
  const h = expectOk(await call('consult', 'ask', { text, handoff: true }, CITIZEN));
  const questionId = present(h.questionId, 'questionId');
  expectOk(await call('consult', 'reply', { questionId, text: reply }, AGENT));
  return questionId;
}

const version = async () => expectOk(await call('consult', 'kbHistory', {}, AGENT))[0].version;

it('the tester\'s leak: an answer with a case number and phone is refused, nothing is written, nobody else is told', async () => {
  const questionId = await answered(LEAK_QUESTION, LEAK_REPLY);
  const before = await version();
  // As the inbox page sends it: 保存为新问答 with the question prefilled.
  expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', question: LEAK_QUESTION }, AGENT)).toEqual({
    // The question is about 李女士's own case (the assistant reads it so too): refused before the reply is even read.
    ok: false, code: 'INVALID_INPUT', message: '这是群众本人办件的提问，答复只适用于本人，不能加入知识库；可用“新增问答”写一条通用问答',
  });
  expect(await version()).toBe(before);
  const kb = expectOk(await call('consult', 'knowledge', {}, AGENT)).kb;
  expect(JSON.stringify(kb)).not.toMatch(/BJ20261205000914|13900001111|李女士/);
  const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
  expect(item.learnedAs).toBeUndefined();
  const asked = expectOk(await call('consult', 'ask', { text: '社保卡补领好几天了啥时候能拿到卡' }, OTHER_CITIZEN));
  expect(JSON.stringify(asked)).not.toMatch(/BJ20261205000914|13900001111|李女士/);
});

it('a typed answer or question with a personal number is refused too; the version does not move', async () => {
  const questionId = await answered('社保卡补领要多久', '一般 7 个工作日制卡。');
  const before = await version();
  expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', answer: '已制卡，请联系 139 0000 1111 领取。' }, AGENT))
    .toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/^答案含有手机号等个人信息/) });
  expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', question: 'YY20261205000012 社保卡补领要多久' }, AGENT))
    .toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/^标准问题含有办件或预约编号/) });
  expect(await version()).toBe(before);
  const item = present(expectOk(await call('consult', 'inbox', { status: 'answered' }, AGENT)).find((i) => i.id === questionId), 'the inbox item');
  expect(item.learnedAs).toBeUndefined();
});

it('a question about the citizen\'s own case is refused in both modes; a typed general question and answer learn without it', async () => {
  const questionId = await answered('我的社保卡办到哪一步了', '您的社保卡已制卡完成，请到原网点领取。');
  const before = await version();
  const OWN = { ok: false, code: 'INVALID_INPUT', message: '这是群众本人办件的提问，答复只适用于本人，不能加入知识库；可用“新增问答”写一条通用问答' };
  expect(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', question: '我的社保卡办到哪一步了' }, AGENT)).toEqual(OWN);
  expect(await call('consult', 'learn', { questionId, mode: 'similar', faqId: 'faq-retirement' }, AGENT)).toEqual(OWN);
  expect(await version()).toBe(before);
  const learned = expectOk(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', question: '社保卡补领后多久能拿到', answer: '一般受理后 7 个工作日制卡，可在“我的办件”查看进度。' }, AGENT));
  expect(learned.version).toBe(before + 1);
  const faq = present(expectOk(await call('consult', 'knowledge', {}, AGENT)).kb.faqs.find((f) => f.id === learned.faqId), 'the learned entry');
  expect(faq).toMatchObject({ question: '社保卡补领后多久能拿到', similar: [], answer: '一般受理后 7 个工作日制卡，可在“我的办件”查看进度。' });
});

it('a clean general answer still learns as a new entry', async () => {
  const questionId = await answered('社保卡补领好几天了啥时候能拿到卡', '社保卡补领受理后一般 7 个工作日制卡，制卡完成会短信通知，请到受理网点领取。');
  const before = await version();
  const learned = expectOk(await call('consult', 'learn', { questionId, mode: 'newFaq', category: '社保', question: '社保卡补领后多久能拿到卡' }, AGENT));
  expect(learned.version).toBe(before + 1);
  const again = expectOk(await call('consult', 'ask', { text: '社保卡补领后多久能拿到卡' }, OTHER_CITIZEN));
  expect(again).toMatchObject({ type: 'answer', answer: { id: learned.faqId } });
});
