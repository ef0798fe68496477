/**
 * One post-commit hook for every domain: a transaction that writes an outbox event kicks the push
 * dispatcher, so the message leaves at once. No timer is fired in these tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getOpenapiSink, grantSubscription } from '../../local-cloud';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';
import { PASSPORT, nextWorkdays, rid, seedAll } from './booking-helpers';

const cat = loadCatalogue(process.env);
const AGENT = 'kick-agent';
const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));

beforeEach(() => {
  delete process.env.PUSH_KICK;
  delete process.env.WX_OPENAPI_BASE;
  startCloud();
});

async function accept(openid: string, key: string) {
  const t = byKey(cat, key)!;
  grantSubscription(openid, t.templateId, 'accept', t.kind);
  expectOk(await call('push', 'subscribe', { results: { [t.templateId]: 'accept' } }, openid));
}

/** Polls WeChat's side (the sink) for the citizen's subscription messages, without firing any timer. */
async function received(openid: string, n: number): Promise<unknown[]> {
  const t0 = Date.now();
  const sent = () => getOpenapiSink({ touser: openid, api: 'subscribeMessage.send' });
  while (sent().length < n && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
  return sent();
}

test('a booking is pushed right after its commit', async () => {
  await seedAll();
  await accept(CITIZEN, 'bookingSuccess');
  const [day] = nextWorkdays(1);
  const [slot] = expectOk(await call('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: day }));
  expectOk(await call('booking', 'book', { slotId: slot.slotId, matterId: PASSPORT, requestId: rid() }, CITIZEN));
  expect(await received(CITIZEN, 1)).toHaveLength(1);
});

test('an agent\'s in-app answer is pushed right after its commit', async () => {
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  await accept(CITIZEN, 'consultReply');
  const asked = expectOk(await call('consult', 'ask', { text: '我家拆迁补偿太少了找谁', handoff: true }, CITIZEN));
  const [item] = expectOk(await call('consult', 'inbox', {}, AGENT)).filter((i) => i.conversationId === asked.conversationId);
  expectOk(await call('consult', 'reply', { questionId: item.id, text: '请联系所在区征收办。' }, AGENT));
  expect(await received(CITIZEN, 1)).toHaveLength(1);
});
