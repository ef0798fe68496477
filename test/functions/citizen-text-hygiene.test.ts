/** Free text a citizen submits to staff: direction overrides and invisible controls are refused (or, for questions, dropped). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sdk } from '../../local-cloud';
import type { KnowledgeBase } from '../../core/consult/kb';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

process.env.PUSH_KICK = 'off';

const KB: KnowledgeBase = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const EDITOR = 'kb-editor-openid';
const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`;

async function completedApplication(id: string) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  await sdk.database().collection('applications').doc(id).set({ data: {
    no: 'BJ202612070001', openid: CITIZEN, requestId: id, matterId: 'm1', matterName: '居民身份证补领', department: 'psb', departmentName: '示例市公安局',
    formFields: [], form: {}, status: 'completed', timeline: [{ seq: 1, at, action: 'complete', status: 'completed', by: '示例市公安局' }], updatedAt: at, submittedAt: at,
  } });
}

beforeEach(() => startCloud());

describe('evaluation comments', () => {
  it.each([['RLO', '\u202E'], ['LRI', '\u2066'], ['PDI', '\u2069'], ['RLM', '\u200F'], ['a C0 control', '\u0007']])('refuses a rating comment with %s, naming 评价内容', async (_name, ch) => {
    await completedApplication('A0000000000000000001');
    const r = await call('evaluation', 'rate', { targetType: 'application', targetId: 'A0000000000000000001', level: 1, comment: `abc${ch}def`, requestId: rid() }, CITIZEN);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('评价内容') });
    expect((await sdk.database().collection('evaluation_ratings').get()).data).toEqual([]);
  });

  it('still accepts an ordinary comment with line breaks and emoji', async () => {
    await completedApplication('A0000000000000000002');
    expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A0000000000000000002', level: 5, comment: '很快\n窗口热情👨\u200D👩\u200D👧', requestId: rid() }, CITIZEN));
  });

  it('refuses a 追评 with a direction override before looking anything up', async () => {
    const r = await call('evaluation', 'followUp', { id: 'E1', comment: 'abc\u202Edef' }, CITIZEN);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('评价内容') });
  });
});

describe('consult questions', () => {
  it('drops invisible and direction characters instead of refusing, so staff and history see the plain text', async () => {
    expectOk(await call('account', 'setStaff', { openid: EDITOR, name: '赵编辑', role: 'staff', departments: [], grants: ['knowledge'], active: true }, ADMIN));
    expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, EDITOR));
    const a = expectOk(await call('consult', 'ask', { text: '社宝卡\u202E丢了\u200B咋办\u2066' }, CITIZEN));
    expect(a.answer).toMatchObject({ id: 'faq-shebao-card' });
    const h = expectOk(await call('consult', 'history', { conversationId: a.conversationId }, CITIZEN));
    expect(h.messages[0].text).toBe('社宝卡丢了咋办');
  });
});
