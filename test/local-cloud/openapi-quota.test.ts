/** The sink enforces WeChat's subscription rules: per-user per-template credits, 43101, faults. */
import { getOpenapiSink, grantSubscription, setSinkFaults, subscriptionOf } from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();
beforeEach(() => {
  delete process.env.WX_OPENAPI_BASE;
  setSinkFaults({});
});

const send = (touser = 'u1', templateId = 'T1') =>
  cloud.openapi.subscribeMessage.send({ touser, templateId, page: 'pages/index/index', data: { thing1: { value: '通知' } } });

test('without an acceptance WeChat answers 43101 and records nothing', async () => {
  const e = await rejection(send());
  expect(e.errCode).toBe(43101);
  expect(getOpenapiSink()).toHaveLength(0);
});

test('each one-time acceptance allows exactly one send, per user and template', async () => {
  grantSubscription('u1', 'T1', 'accept');
  grantSubscription('u1', 'T1', 'accept');
  grantSubscription('u2', 'T1', 'accept');
  await send();
  await send();
  expect((await rejection(send())).errCode).toBe(43101);
  expect((await rejection(send('u1', 'T2'))).errCode).toBe(43101);
  await send('u2');
  expect(getOpenapiSink({ touser: 'u1' })).toHaveLength(2);
  expect(subscriptionOf('u1', 'T1').once).toBe(0);
});

test('long-term subscriptions do not run out; reject turns them off; ban clears credits', async () => {
  grantSubscription('u1', 'L', 'accept', 'long');
  await send('u1', 'L');
  await send('u1', 'L');
  grantSubscription('u1', 'L', 'reject', 'long');
  expect((await rejection(send('u1', 'L'))).errCode).toBe(43101);
  grantSubscription('u3', 'T1', 'accept');
  grantSubscription('u3', 'T1', 'ban');
  expect((await rejection(send('u3'))).errCode).toBe(43101);
});

test('invalid values are 47003 and do not use the credit', async () => {
  grantSubscription('u1', 'T1', 'accept');
  const e = await rejection(cloud.openapi.subscribeMessage.send({ touser: 'u1', templateId: 'T1', data: { phrase1: { value: '六个字的短语' } } }));
  expect(e.errCode).toBe(47003);
  expect(subscriptionOf('u1', 'T1').once).toBe(1);
});

test('injected -1 faults and latency', async () => {
  grantSubscription('u1', 'T1', 'accept');
  setSinkFaults({ failNext: { errcode: -1, count: 1 }, latencyMs: 30 });
  const t0 = Date.now();
  expect((await rejection(send())).errCode).toBe(-1);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
  expect(subscriptionOf('u1', 'T1').once).toBe(1);
  await send();
  expect(getOpenapiSink()).toHaveLength(1);
});
