/**
 * Local preview only: `POST /api/local/message-push/<function>` with a customer-service message
 * payload (JSON, as 云开发 → 消息推送 delivers it: ToUserName, FromUserName, CreateTime, MsgType, …)
 * invokes the function the way WeChat's message push does — as the user (`OPENID` =
 * `FromUserName`) and with a SOURCE that is not `wx_client` (the mini-program's own calls always
 * report wx_client, so a client cannot pose as the push). The function's raw reply is relayed
 * (`success`, or `{ MsgType: 'transfer_customer_service', … }`); what it sent through
 * `customerServiceMessage.send` shows up in `GET /api/local/inbox?openid=<FromUserName>`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedFunction } from '../runtime';
import { fail, readBody, refuseAndClose, sendJson, sendResult } from './http-util';
import { OPENID_PATTERN } from './identities';
import { invokeWithDeadline } from './invoke';
import { invoke } from './local-cloud-api';

/** WeChat does not document the SOURCE of message-push invocations; any non-client value is what matters. */
export const MESSAGE_PUSH_SOURCE = 'wx_message_push';

export async function messagePush(fns: ReadonlyMap<string, LoadedFunction>, req: IncomingMessage, res: ServerResponse, fnName: string, log: (line: string) => void): Promise<void> {
  const fn = fns.get(fnName);
  if (!fn) {
    req.resume();
    return sendResult(res, 404, fail('UNKNOWN_FUNCTION', '云函数不存在'));
  }
  const body = await readBody(req);
  if (body.kind === 'too-large') return refuseAndClose(req, res, 413, fail('PAYLOAD_TOO_LARGE', '请求内容过大'));
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(body.body.toString('utf8'));
  } catch {
    return sendResult(res, 400, fail('INVALID_INPUT', '消息推送内容须为 JSON'));
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || typeof payload.MsgType !== 'string'
    || typeof payload.FromUserName !== 'string' || !OPENID_PATTERN.test(payload.FromUserName)) {
    return sendResult(res, 400, fail('INVALID_INPUT', '消息推送须包含 MsgType 与合法的 FromUserName'));
  }
  const outcome = await invokeWithDeadline(() => invoke(fn.name, payload, { openid: payload.FromUserName as string, source: MESSAGE_PUSH_SOURCE }), fn.timeoutMs);
  if (outcome.kind === 'error') log(`[消息推送] ${fn.name} 抛出异常：${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`);
  sendJson(res, outcome.kind === 'ok' ? 200 : outcome.kind === 'timeout' ? 504 : 500, outcome.result ?? null);
}
