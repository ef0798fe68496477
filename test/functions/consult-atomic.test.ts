/**
 * A citizen's message, its inbox entry and the bot's answer are one transaction: when one write
 * cannot happen (here the inbox collection was never created), none of them is stored.
 */
import { configureLocalCloud, declareCollections, getOpenapiSink, invokeFunction, resetLocalCloud } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as consult } from '../../cloudfunctions/consult';
import { main as account } from '../../cloudfunctions/account';
import { main as push } from '../../cloudfunctions/push';
import { call, registerSource, CITIZEN } from './harness';
import { db } from './push-fixtures';

beforeEach(() => {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR).filter((c) => c.name !== 'consult_inbox'));
  registerSource('consult', consult);
  registerSource('account', account);
  registerSource('push', push);
});

test('a handoff whose inbox entry cannot be written leaves no half conversation, and the caller gets no internal text', async () => {
  const r = await call('consult', 'ask', { text: '我家拆迁补偿太少了找谁', handoff: true }, CITIZEN);
  expect(r).toMatchObject({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试' });
  expect((await db().collection('consult_messages').get()).data).toEqual([]);
  expect((await db().collection('consult_conversations').get()).data).toEqual([]);
});

test('客服消息: an internal failure reaches the user as a calm message, never as its error text', async () => {
  const user = 'o-kf-atomic';
  const payload = { ToUserName: 'gh_test', FromUserName: user, CreateTime: 1764550000, MsgType: 'text', Content: '我家拆迁补偿太少了找谁', MsgId: 'm-atomic' };
  expect(await invokeFunction('consult', payload, { OPENID: user, SOURCE: 'wx_unknown' })).toBe('success');
  const sent = getOpenapiSink({ touser: user, api: 'customerServiceMessage.send' }).map((m) => (m.payload as { text: { content: string } }).text.content);
  expect(sent).toEqual(['系统繁忙，请稍后再试']);
  expect((await db().collection('consult_messages').get()).data).toEqual([]);
});
