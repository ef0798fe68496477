/** The admin's 对账差异 message: a valid 办件进度 subscription message that opens the 对账 page. */
import { mapEvent } from '../../core/push/events';
import { renderData } from '../../core/push/fields';
import { byKey } from '../../core/push/templates';
import { loadCatalogue } from '../../core/push/catalogue';
import { validateSubscribeSend } from '../../local-cloud/openapi/validate';
import type { PayReconcileEvent } from '../../core/events/outbox';

const event: PayReconcileEvent = {
  _id: 'payReconcile:2026-12-06:admin-openid', type: 'payReconcile', status: 'pending', openid: 'admin-openid', at: '2026-12-07T01:05:00.000Z',
  page: '/packages/staff/pages/pay-reports/index?date=2026-12-06', date: '2026-12-06', mismatchCount: 3,
  reason: '微信支付账单有此笔交易，本系统当日无对应的已缴账单',
};

test('a day with differences maps to a sendable caseProgress message with the count and the first reason', () => {
  const m = mapEvent(event);
  if (!('push' in m)) throw new Error('not pushed');
  expect(m.push).toMatchObject({ templateKey: 'caseProgress', page: event.page });
  expect(m.push.raw).toMatchObject({ character_string1: '20261206', phrase3: '对账有差异', thing5: expect.stringMatching(/^3笔差异：微信支付账单/) });
  const t = byKey(loadCatalogue(process.env), 'caseProgress')!;
  const r = renderData(t, m.push.raw);
  expect(r.ok).toBe(true);
  if (r.ok) {
    expect(r.data.time4?.value).toBe('2026年12月7日 09:05');
    expect(() => validateSubscribeSend({ touser: event.openid, templateId: t.templateId, data: r.data })).not.toThrow();
  }
});
