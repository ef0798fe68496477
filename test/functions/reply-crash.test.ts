/**
 * An agent's answer to a 服务号 follower survives `kill -9` between commit and send: the answer and
 * its outbox event are committed together, the process dies before the customer-service message
 * leaves (WeChat's token service is slow), and after the restart the dispatcher delivers it
 * exactly once.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, resetLocalCloud } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { call, expectOk, fireTimer, registerSource, ADMIN } from './harness';
import { main as push } from '../../cloudfunctions/push';
import { main as account } from '../../cloudfunctions/account';
import { main as consult } from '../../cloudfunctions/consult';
import { startFakeWechat, type FakeWechat } from '../../scripts/lib/fake-wechat';
import { exited } from '../../scripts/lib/push-worker-process';
import { db } from './push-fixtures';

const AGENT = 'crash-agent';
const FAN = 'oa-fan-crash';
const REPLY = '请联系所在区征收办，电话 12345。';
const ENV = { WX_OA_APPID: 'wx-oa-crash', WX_OA_SECRET: 'oa-secret-crash', PUSH_LEASE_MS: '1000' };
let dir: string;
let fake: FakeWechat;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reply-crash-'));
  fake = await startFakeWechat({ tokenLatencyMs: 20_000 });
  resetLocalCloud();
  configureLocalCloud({ dataDir: dir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  registerSource('push', push);
  registerSource('account', account);
  registerSource('consult', consult);
  process.env.ADMIN_OPENIDS = ADMIN;
  Object.assign(process.env, ENV, { WX_OPENAPI_BASE: fake.base });
});
afterAll(async () => {
  resetLocalCloud();
  await fake.close();
  for (const k of [...Object.keys(ENV), 'WX_OPENAPI_BASE']) delete process.env[k];
  fs.rmSync(dir, { recursive: true, force: true });
});

const customMessages = () => fake.messages.filter((m) => m.path === '/cgi-bin/message/custom/send');

test('kill -9 between commit and send, then the reply arrives exactly once', async () => {
  expectOk(await call('account', 'setStaff', { openid: AGENT, name: '王坐席', role: 'staff', departments: [], grants: ['consult'], active: true }, ADMIN));
  const at = new Date().toISOString();
  await db().collection('consult_conversations').doc(`oa:${FAN}`).set({ data: { openid: FAN, channel: 'oa', createdAt: at, updatedAt: at, status: 'waiting' } });
  await db().collection('consult_inbox').doc('q-crash').set({ data: { conversationId: `oa:${FAN}`, openid: FAN, question: '拆迁补偿找谁', status: 'open', at, channel: 'oa' } });

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/reply-worker.ts')], {
    cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dir, QUESTION_ID: 'q-crash', AGENT, REPLY },
  });
  // Committed: the inbox says answered. The send is still waiting for WeChat's token.
  const t0 = Date.now();
  const answered = async () => ((await db().collection('consult_inbox').doc('q-crash').get()).data as { status: string }).status === 'answered';
  while (!(await answered()) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
  expect(await answered()).toBe(true);
  child.kill('SIGKILL');
  await exited(child);
  expect(customMessages()).toHaveLength(0);

  // Restart: WeChat answers normally again; the dispatcher picks the reply up once its lease expired.
  fake.opts = { ...fake.opts, tokenLatencyMs: 0 };
  const t1 = Date.now();
  while (customMessages().length === 0 && Date.now() - t1 < 15_000) expectOk(await fireTimer('push', 'dispatch'));
  expectOk(await fireTimer('push', 'dispatch'));
  expect(customMessages().map((m) => [m.touser, m.data.content.value])).toEqual([[FAN, REPLY]]);
});
