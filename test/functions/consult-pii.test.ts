/** Personal numbers typed into a consultation: sealed at rest, masked in the inbox, revealed only with a log, never pushed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const AGENT = 'agent-openid';
const PLAIN_STAFF = 'plain-staff-openid';
const ID = '11010519491231002X';
const PHONE = '13812345678';
const QUESTION = `我的身份证号${ID}，手机 138 1234 5678，社保转移办到哪一步了？`;

async function all(collection: string): Promise<unknown[]> {
  return (await getDb().collection(collection).limit(100).get()).data;
}
const plain = (docs: unknown[]) => JSON.stringify(docs);

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: PLAIN_STAFF, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
});

async function askAndFind() {
  expectOk(await call('consult', 'ask', { text: QUESTION, handoff: true }, CITIZEN));
  const [item] = expectOk(await call('consult', 'inbox', {}, AGENT));
  return item;
}

it('stores only the masked text in the clear; the original is sealed', async () => {
  const item = await askAndFind();
  expect(item.question).toBe('我的身份证号110105********002X，手机 138****5678，社保转移办到哪一步了？');
  expect(item.personal).toBe(true);
  for (const c of ['consult_messages', 'consult_inbox']) {
    const docs = plain(await all(c));
    expect(docs).not.toContain(ID);
    expect(docs).not.toContain('1234 5678');
    expect(docs).not.toContain(PHONE);
  }
  const history = expectOk(await call('consult', 'history', {}, CITIZEN));
  expect(JSON.stringify(history)).not.toContain(ID);
});

it('reveals the original to an agent only, writing the access log first', async () => {
  const item = await askAndFind();
  expect(await call('consult', 'revealQuestion', { questionId: item.id }, PLAIN_STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('consult', 'revealQuestion', { questionId: item.id }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await all('access_logs')).toEqual([]);
  expect(expectOk(await call('consult', 'revealQuestion', { questionId: item.id }, AGENT))).toEqual({ question: QUESTION });
  expect(await all('access_logs')).toEqual([expect.objectContaining({ openid: AGENT, questionId: item.id, purpose: 'consultReveal' })]);
});

it('never puts the numbers into the push of the reply', async () => {
  const item = await askAndFind();
  expectOk(await call('consult', 'reply', { questionId: item.id, text: `已查到，${ID} 名下的转移已受理，将短信通知 ${PHONE}` }, AGENT));
  const outbox = plain(await all('outbox'));
  expect(outbox).toContain('consultReply');
  expect(outbox).not.toContain(ID);
  expect(outbox).not.toContain(PHONE);
});
