/** consult: the explicit 转人工 says it was handed over; a reply to an answered question never reaches the content check. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getOpenapiSink } from '../../local-cloud';
import { ADMIN, CITIZEN, call, expectOk, present, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const AGENT_2 = 'agent-2-openid';
const EDITOR = 'kb-editor-openid';

beforeEach(async () => {
  startCloud();
  for (const [openid, name, grants] of [[AGENT, '王坐席', ['consult']], [AGENT_2, '钱坐席', ['consult']], [EDITOR, '赵编辑', ['knowledge']]] as const) {
    expectOk(await call('account', 'setStaff', { openid, name, role: 'staff', departments: [], grants: [...grants], active: true }, ADMIN));
  }
  expect(expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, EDITOR)).applied).toBe(true);
});

it('转人工 tells the citizen their question went to staff, without claiming the bot could not answer', async () => {
  const r = expectOk(await call('consult', 'ask', { text: '社保卡丢了咋办', handoff: true }, CITIZEN));
  expect(r.type).toBe('handoff');
  expect(r.message).not.toContain('无法准确回答');
  expect(r.message).toContain('已转给工作人员');
  const h = expectOk(await call('consult', 'history', { conversationId: r.conversationId }, CITIZEN));
  expect(h.messages.at(-1)).toMatchObject({ role: 'bot', text: r.message });
  // When the bot itself gives up, it still says so.
  const unsure = expectOk(await call('consult', 'ask', { text: '老年人坐公交免费卡在哪办', conversationId: r.conversationId }, CITIZEN));
  if (unsure.type === 'handoff') expect(unsure.message).toContain('暂时无法准确回答');
});

it('a late reply to a question already answered is CONFLICT without calling the content check', async () => {
  const r = expectOk(await call('consult', 'ask', { text: '我要投诉窗口态度', handoff: true }, CITIZEN));
  expectOk(await call('consult', 'reply', { questionId: present(r.questionId, 'questionId'), text: '您好，已转相关部门核查。' }, AGENT));
  // The emulated msgSecCheck records every call: the late agent's reply must cause none.
  const checks = () => getOpenapiSink({ api: 'security.msgSecCheck', touser: AGENT_2 }).length;
  expect(await call('consult', 'reply', { questionId: present(r.questionId, 'questionId'), text: '迟到的答复' }, AGENT_2))
    .toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('已有人答复') });
  expect(checks()).toBe(0);
});
