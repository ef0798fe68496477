/** consult on the local cloud: every action and permission, the inbox loop, importKnowledge all-or-nothing. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KnowledgeBase } from '../../core/consult/kb';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { ADMIN, CITIZEN, call, expectOk, present, startCloud } from './harness';

const KB: KnowledgeBase = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const EDITOR = 'kb-editor-openid';
const PLAIN_STAFF = 'plain-staff-openid';
const OTHER = 'other-citizen-openid';

// These tests inspect the outbox events exactly as the function writes them; the post-commit kick
// (tested in test/functions/post-commit-kick.test.ts) would start consuming them.
process.env.PUSH_KICK = 'off';

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: EDITOR, name: '赵编辑', role: 'staff', departments: [], grants: ['knowledge'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: PLAIN_STAFF, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  const imported = expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, EDITOR));
  expect(imported.applied).toBe(true);
});

describe('ask', () => {
  it('answers a colloquial question with the right FAQ and keeps the conversation', async () => {
    const a = expectOk(await call('consult', 'ask', { text: '社宝卡丢了咋办' }, CITIZEN));
    expect(a.type).toBe('answer');
    expect(a.answer).toMatchObject({ id: 'faq-shebao-card', source: 'faq' });
    expect(a.conversationId).toBeTruthy();
    const b = expectOk(await call('consult', 'ask', { text: '你好', conversationId: a.conversationId }, CITIZEN));
    expect(b.answer).toMatchObject({ id: 'rule-greeting', source: 'rule' });
    const h = expectOk(await call('consult', 'history', { conversationId: a.conversationId }, CITIZEN));
    expect(h.messages.map((m) => m.role)).toEqual(['citizen', 'bot', 'citizen', 'bot']);
    // Another citizen cannot read or write into it.
    expect((await call('consult', 'ask', { text: '你好', conversationId: a.conversationId }, OTHER)).ok).toBe(false);
    expect(expectOk(await call('consult', 'history', { conversationId: a.conversationId }, OTHER)).messages).toEqual([]);
  });

  it('suggests when unsure and hands off unknown or out-of-scope questions into the inbox', async () => {
    const s = expectOk(await call('consult', 'ask', { text: '公积金' }, CITIZEN));
    expect(s.type).toBe('suggestions');
    expect(present(s.suggestions, 'suggestions').length).toBeGreaterThanOrEqual(2);
    const h = expectOk(await call('consult', 'ask', { text: '身份证被冒用办贷款了怎么办' }, CITIZEN));
    expect(h.type).toBe('handoff');
    expect(h.questionId).toBeTruthy();
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    expect(box.map((i) => i.question)).toContain('身份证被冒用办贷款了怎么办');
    expect(box[0].maskedOpenid).not.toBe(CITIZEN);
  });

  it('handles blank, emoji-only, too long and too frequent messages', async () => {
    const blank = expectOk(await call('consult', 'ask', { text: '   😀😀 ' }, CITIZEN));
    expect(blank.type).toBe('suggestions');
    expect(blank.suggestions).toEqual([]);
    expect(blank.message).toContain('请输入');
    const long = await call('consult', 'ask', { text: '社保'.repeat(1001) }, CITIZEN);
    expect(long).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await call('consult', 'ask', { text: '护照怎么办' }, OTHER));
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(results[20]).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((results[20] as any).message).toContain('每分钟');
  });

  it('content security: risky refused and not stored; review stored and flagged', async () => {
    const risky = await call('consult', 'ask', { text: '测试违规词 社保卡' }, CITIZEN);
    expect(risky).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    const { data } = await getDb().collection('consult_messages').where({ openid: CITIZEN }).get();
    expect(data).toHaveLength(0);
    // The emulated msgSecCheck answers `review` for its review word (SINK_REVIEW_WORDS).
    const r = expectOk(await call('consult', 'ask', { text: '测试待审词 我有个奇怪的问题想找人聊聊' }, CITIZEN));
    expect(r.flagged).toBe(true);
    const stored = await getDb().collection('consult_messages').where({ openid: CITIZEN, role: 'citizen' }).get();
    expect(stored.data[0].flagged).toBe(true);
  });

  it('asks for a person with 人工', async () => {
    const r = expectOk(await call('consult', 'ask', { text: '我要人工' }, CITIZEN));
    expect(r.type).toBe('handoff');
    expect(r.answer?.id).toBe('rule-human');
  });

  it('转人工 (handoff: true) sends the question itself to the inbox, even one the bot could answer', async () => {
    const r = expectOk(await call('consult', 'ask', { text: '护照怎么办', handoff: true }, CITIZEN));
    expect(r.type).toBe('handoff');
    expect(r.answer).toBeUndefined();
    expect(r.questionId).toBeDefined();
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    expect(box.map((i) => i.question)).toEqual(['护照怎么办']);
  });
});

describe('feedback', () => {
  it('records 有帮助/没帮助 on one\'s own answers only', async () => {
    const a = expectOk(await call('consult', 'ask', { text: '护照怎么办' }, CITIZEN));
    const messageId = present(a.messageId, 'messageId');
    expectOk(await call('consult', 'feedback', { messageId, helpful: false }, CITIZEN));
    expect((await call('consult', 'feedback', { messageId, helpful: true }, OTHER))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const h = expectOk(await call('consult', 'history', { conversationId: a.conversationId }, CITIZEN));
    expect(h.messages.find((m) => m.id === messageId)?.helpful).toBe(false);
    const st = expectOk(await call('consult', 'stats', {}, AGENT));
    expect(st.ranking.find((r) => r.question === '护照怎么办')?.kinds).toContain('unhelpful');
  });
});

describe('importKnowledge', () => {
  it('rejects a bad base whole, reporting every bad entry, and writes nothing', async () => {
    const before = expectOk(await call('consult', 'knowledge', {}, EDITOR));
    const bad = JSON.parse(JSON.stringify(KB));
    bad.faqs[0].answer = '';
    bad.rules[1].match = 'regex';
    bad.faqs[3].question = 'changed but valid';
    const r = expectOk(await call('consult', 'importKnowledge', { kb: bad, mode: 'replace' }, EDITOR));
    expect(r.applied).toBe(false);
    expect(r.issues.map((i) => i.where)).toEqual(expect.arrayContaining(['faqs[0]', 'rules[1]']));
    const after = expectOk(await call('consult', 'knowledge', {}, EDITOR));
    expect(after.version).toBe(before.version);
    expect(after.kb.faqs[3].question).toBe(KB.faqs[3].question);
  });

  it('merges by id and is for knowledge editors only', async () => {
    const extra = { version: 1, faqs: [{ ...KB.faqs[0], id: 'faq-new-one', question: '新问题怎么办？' }], rules: [], synonyms: [] };
    const r = expectOk(await call('consult', 'importKnowledge', { kb: extra, mode: 'merge' }, EDITOR));
    expect(r.faqs).toBe(KB.faqs.length + 1);
    for (const who of [CITIZEN, AGENT, PLAIN_STAFF]) {
      expect(await call('consult', 'importKnowledge', { kb: extra, mode: 'merge' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });
});

describe('editing with history and rollback', () => {
  it('edits a rule, lists who changed what, rolls back one step', async () => {
    const rule = { ...KB.rules.find((x) => x.id === 'rule-office-hours'), reply: { type: 'text', content: '新的办公时间说明' } };
    expectOk(await call('consult', 'saveEntry', { kind: 'rule', entry: rule }, EDITOR));
    expect(expectOk(await call('consult', 'ask', { text: '几点上班' }, CITIZEN)).answer?.content).toBe('新的办公时间说明');
    const hist = expectOk(await call('consult', 'kbHistory', {}, EDITOR));
    expect(hist[0]).toMatchObject({ by: 'kb-e****enid', byName: '赵编辑', change: '修改规则 rule-office-hours' });
    expect(JSON.stringify(hist)).not.toContain(EDITOR); // editors' openids are masked
    const rb = expectOk(await call('consult', 'rollback', {}, EDITOR));
    expect(rb.restored).toBe(hist[0].version - 1);
    expect(expectOk(await call('consult', 'ask', { text: '几点上班' }, CITIZEN)).answer?.content).toBe(KB.rules.find((x) => x.id === 'rule-office-hours')?.reply.content);
    expect(await call('consult', 'saveEntry', { kind: 'rule', entry: rule }, AGENT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('consult', 'saveEntry', { kind: 'faq', entry: { id: 'faq-x' } }, EDITOR)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('edits synonyms and deletes entries', async () => {
    expectOk(await call('consult', 'saveEntry', { kind: 'synonyms', groups: [...KB.synonyms, ['身份证', '身份卡']] }, EDITOR));
    expectOk(await call('consult', 'deleteEntry', { id: 'rule-robot' }, EDITOR));
    const k = expectOk(await call('consult', 'knowledge', {}, EDITOR));
    expect(k.kb.rules.map((r) => r.id)).not.toContain('rule-robot');
    expect(k.kb.synonyms).toContainEqual(['身份证', '身份卡']);
  });
});

describe('inbox, reply, learning loop', () => {
  it('staff reply reaches the chat and the outbox; the reply becomes an FAQ answered at once', async () => {
    const q = '老年人坐公交免费卡在哪办';
    // The bot cannot answer it yet; the citizen then asks for a person (转人工 sends the question itself).
    expect(expectOk(await call('consult', 'ask', { text: q }, OTHER)).type).not.toBe('answer');
    const h = expectOk(await call('consult', 'ask', { text: q, handoff: true }, CITIZEN));
    expect(h.type).toBe('handoff');
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    const item = present(box.find((i) => i.id === h.questionId), 'the inbox item');
    expect(item).toMatchObject({ conversationId: h.conversationId, question: q });
    expect(await call('consult', 'reply', { questionId: item.id, text: '请带身份证到社区办理老年优待卡。' }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const replied = expectOk(await call('consult', 'reply', { questionId: item.id, text: '请带身份证到社区办理老年优待卡。' }, AGENT));
    expect(replied.status).toBe('answered');
    expect(await call('consult', 'reply', { questionId: item.id, text: '第二次' }, AGENT)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const hist = expectOk(await call('consult', 'history', { conversationId: h.conversationId }, CITIZEN));
    expect(hist.messages.at(-1)).toMatchObject({ role: 'staff', text: '请带身份证到社区办理老年优待卡。', staffName: '王坐席' });
    const { data: events } = await getDb().collection('outbox').get();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'consultReply', status: 'pending', openid: CITIZEN, questionId: item.id, reply: '请带身份证到社区办理老年优待卡。' });
    // Learning loop (needs the knowledge grant).
    expect(await call('consult', 'learn', { questionId: item.id, mode: 'newFaq', category: '民政' }, AGENT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const learned = expectOk(await call('consult', 'learn', { questionId: item.id, mode: 'newFaq', category: '民政', question: '老年优待卡怎么办理？' }, EDITOR));
    const again = expectOk(await call('consult', 'ask', { text: q }, OTHER));
    expect(again.type).toBe('answer');
    expect(again.answer).toMatchObject({ id: learned.faqId, content: '请带身份证到社区办理老年优待卡。' });
  });

  it('adds a handed-off phrasing as a similar question of an existing FAQ', async () => {
    const q = '俺家娃的出生纸弄好了，接下来户籍那边要跑啥流程';
    const handedOff = expectOk(await call('consult', 'ask', { text: q, handoff: true }, CITIZEN));
    expect(handedOff.type).toBe('handoff');
    const box = expectOk(await call('consult', 'inbox', {}, AGENT));
    const item = present(box.find((i) => i.id === handedOff.questionId), 'the inbox item');
    expect(item.question).toBe(q);
    expectOk(await call('consult', 'learn', { questionId: item.id, mode: 'similar', faqId: 'faq-newborn-hukou' }, EDITOR));
    const k = expectOk(await call('consult', 'knowledge', {}, EDITOR));
    expect(k.kb.faqs.find((f) => f.id === 'faq-newborn-hukou')?.similar).toContain(q);
  });

  it('stats: daily auto-answer rate and ranking; consult grant required', async () => {
    await call('consult', 'ask', { text: '护照怎么办' }, CITIZEN);
    await call('consult', 'ask', { text: '量子计算机是什么原理' }, CITIZEN);
    await call('consult', 'ask', { text: '量子计算机是什么原理' }, OTHER);
    const st = expectOk(await call('consult', 'stats', {}, AGENT));
    expect(st.days).toHaveLength(1);
    expect(st.days[0]).toMatchObject({ total: 3, answered: 1 });
    expect(st.ranking[0]).toMatchObject({ question: '量子计算机是什么原理', count: 2, kinds: ['unanswered'] });
    expect(await call('consult', 'stats', {}, PLAIN_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('consult', 'inbox', {}, CITIZEN)).toMatchObject({ ok: false });
  });
});
