/** The pure decisions of one delivery's life (core/push/delivery.ts). */
import { afterExpiredLease, customerServiceFallback, hasCredit, ledgerDocId, settle, type Delivery } from '../../core/push/delivery';
import { classify } from '../../core/push/errors';
import type { CustomerServiceReplyEvent } from '../../core/events/outbox';

const NOW = 1_000_000;
const timing = { now: NOW, baseMs: 100, capMs: 1000 };
const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  _id: 'e:x:o', source: 'event', sourceId: 'x', openid: 'o', channel: 'mp', templateKey: 'caseProgress', templateId: 'T', category: 'case',
  data: {}, page: 'p', priority: 50, status: 'inflight', nextAt: 0, deadline: NOW + 60_000, attempts: 0, clientMsgId: 'c', createdAt: 0, updatedAt: 0, ...over,
});
const csEvent: CustomerServiceReplyEvent = {
  _id: 'customerServiceReply:q1:1', type: 'customerServiceReply', channel: 'kf', openid: 'o', at: '2026-12-07T10:00:00.000Z', status: 'pending',
  page: 'packages/consult/pages/chat/index?conversationId=kf%3Ao', conversationId: 'kf:o', questionId: 'q1', question: '问', reply: '答',
};

test('credits: long-term needs the flag, one-time a credit; only mini-program templates draw on the ledger', () => {
  expect(hasCredit({ kind: 'long', long: true })).toBe(true);
  expect(hasCredit({ kind: 'once', quota: 0 })).toBe(false);
  expect(hasCredit(null)).toBe(false);
  expect(ledgerDocId(delivery())).toBe('o:T');
  expect(ledgerDocId(delivery({ channel: 'cs-mp' }))).toBeNull();
});

test('outcomes: sent, no quota clears the ledger, a permanent error refunds, -1 retries, a timeout is unknown', () => {
  expect(settle(delivery(), classify(0), 0, true, timing)).toEqual({ status: 'sent' });
  expect(settle(delivery(), classify(43101), 43101, true, timing)).toEqual({ status: 'skipped', reason: 'no-quota', clearLedger: true });
  expect(settle(delivery(), classify(47003), 47003, true, timing)).toEqual({ status: 'failed', reason: 'invalid-data', refund: true });
  expect(settle(delivery(), classify(-1), -1, true, timing)).toMatchObject({ status: 'queued', reason: 'busy' });
  expect(settle(delivery({ deadline: NOW }), classify(-1), -1, true, timing)).toMatchObject({ status: 'failed', deadlinePassed: true });
  expect(settle(delivery({ channel: 'cs-oa' }), classify(-1, 'timeout'), -1, true, timing)).toEqual({ status: 'unknown', reason: 'timeout' });
  // The OA template channel resends under the same client_msg_id: WeChat de-duplicates it.
  expect(settle(delivery({ channel: 'oa' }), classify(-1, 'timeout'), -1, true, timing)).toMatchObject({ status: 'queued' });
});

test('a closed customer-service window fails the reply and, for 客服消息, hands over to the subscription message', () => {
  const fallback = customerServiceFallback(csEvent)!;
  expect(fallback).toMatchObject({ type: 'consultReply', openid: 'o', questionId: 'q1', reply: '答', status: 'pending' });
  expect(customerServiceFallback({ ...csEvent, channel: 'oa' })).toBeUndefined();
  expect(settle(delivery({ channel: 'cs-mp', fallback }), classify(45015), 45015, true, timing)).toEqual({ status: 'failed', reason: 'cs-window-closed', refund: false, fallback });
  expect(settle(delivery({ channel: 'cs-mp', fallback }), classify(40003), 40003, true, timing)).toEqual({ status: 'failed', reason: 'invalid-openid', refund: false });
});

test('an expired lease: claimed is requeued, inflight becomes unknown unless WeChat de-duplicates the resend', () => {
  expect(afterExpiredLease(delivery({ status: 'claimed' }), true, NOW)).toEqual({ status: 'queued', logged: false });
  expect(afterExpiredLease(delivery({ channel: 'cs-mp', firstInflightAt: NOW - 1000 }), true, NOW)).toEqual({ status: 'unknown', logged: true });
  expect(afterExpiredLease(delivery({ channel: 'oa', firstInflightAt: NOW - 1000 }), true, NOW)).toEqual({ status: 'queued', logged: false });
  expect(afterExpiredLease(delivery({ channel: 'oa', firstInflightAt: NOW - 10 * 60_000 }), true, NOW)).toEqual({ status: 'unknown', logged: true });
});
