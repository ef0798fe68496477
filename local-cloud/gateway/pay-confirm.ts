/**
 * Preview only: `POST /api/local/pay/confirm { outTradeNo, outcome? }` stands in for the citizen
 * confirming in WeChat's payment sheet (outcome `success`, default, or `insufficient` — 零钱余额不足).
 * Only the order's payer (the preview identity) may confirm it. The emulator then completes the
 * payment and notifies the `pay` function through the HTTP access service, as WeChat Pay would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WechatPayEmulator } from '../wechatpay/emulator';
import { fail, readBody, refuseAndClose, sendJson, sendResult } from './http-util';

export async function payConfirm(emulator: WechatPayEmulator | undefined, caller: string | undefined | false, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!emulator) {
    req.resume();
    return sendResult(res, 404, fail('NOT_FOUND', '本地预览未启用微信支付模拟器（已配置真实商户）'));
  }
  if (!caller) {
    req.resume();
    return sendResult(res, caller === false ? 400 : 401, fail(caller === false ? 'INVALID_INPUT' : 'UNAUTHENTICATED', '请先选择预览身份'));
  }
  const body = await readBody(req);
  if (body.kind === 'too-large') return refuseAndClose(req, res, 413, fail('PAYLOAD_TOO_LARGE', '请求内容过大'));
  let parsed: { outTradeNo?: unknown; outcome?: unknown };
  try {
    parsed = JSON.parse(body.body.toString('utf8')) as typeof parsed;
  } catch {
    return sendResult(res, 400, fail('INVALID_INPUT', '请求体不是合法的 JSON'));
  }
  const outTradeNo = typeof parsed?.outTradeNo === 'string' ? parsed.outTradeNo : '';
  const outcome = parsed?.outcome === undefined ? 'success' : parsed.outcome;
  if (!outTradeNo || (outcome !== 'success' && outcome !== 'insufficient')) return sendResult(res, 400, fail('INVALID_INPUT', '缺少订单号或支付结果不正确'));
  if (emulator.payerOf(outTradeNo) !== caller) return sendResult(res, 404, fail('NOT_FOUND', '订单不存在'));
  const result = await emulator.confirm(outTradeNo, outcome);
  sendJson(res, 200, result.ok ? { ok: true, data: { message: result.message } } : fail('CONFLICT', result.message));
}
