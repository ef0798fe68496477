/**
 * 支付/退款结果通知 on the HTTP 访问服务: `POST /http/pay/notify`. Verified with the configured
 * WeChat Pay public key, decrypted with the APIv3 key, checked against the order, applied once.
 * A bad signature answers 401 and changes nothing; a well-signed notification that disagrees with
 * the order (amount, merchant) is recorded for 对账 and answered 200 (a retry would say the same);
 * a failure of ours answers 500 so WeChat Pay retries. The reply goes out within the 5 s limit.
 */
import type { PlatformEntry } from '../shared/router';
import { provider } from './repo';
import { applyOrder, applyRefund } from './settle';

interface HttpEvent { path: string; httpMethod: string; headers: Record<string, string>; body: string; isBase64Encoded?: boolean }

const reply = (statusCode: number, code: string, message: string) => ({
  statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, message }),
});

export async function handleNotify(e: HttpEvent): Promise<unknown> {
  if (e.httpMethod !== 'POST') return reply(405, 'FAIL', '只接受 POST');
  const body = e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : e.body;
  let notice;
  try {
    notice = provider().readNotification(e.headers ?? {}, body ?? '');
  } catch (err) {
    console.error('[pay] notify: provider not configured', err);
    return reply(500, 'FAIL', '商户未配置');
  }
  if (!notice) return reply(401, 'FAIL', '签名错误');
  try {
    if (notice.kind === 'transaction') await applyOrder(notice.order, 'notify');
    else await applyRefund(notice.refund);
    return { statusCode: 204, headers: {}, body: '' };
  } catch (err) {
    console.error('[pay] notify not applied; WeChat Pay will retry', err);
    return reply(500, 'FAIL', '处理失败');
  }
}

export const notifyEntry: PlatformEntry = {
  name: 'wechatpay-notify',
  recognise: (event, wx) => wx.SOURCE === 'wx_http' && !!event && typeof event === 'object'
    && typeof (event as HttpEvent).path === 'string' && /\/notify\/?$/.test((event as HttpEvent).path),
  handle: (event) => handleNotify(event as HttpEvent),
};

/** Any other HTTP access to pay: nothing is served there. */
export const httpFallback: PlatformEntry = {
  name: 'http-not-found',
  recognise: (event, wx) => wx.SOURCE === 'wx_http' && !!event && typeof event === 'object' && 'httpMethod' in event,
  handle: async () => ({ statusCode: 404, headers: { 'Content-Type': 'text/plain' }, body: 'not found' }),
};
