/**
 * The two template channels behind one interface:
 * - mp: 小程序订阅消息 via cloud.openapi.subscribeMessage.send (cloud call; locally the sink or WX_OPENAPI_BASE).
 * - oa: 服务号 template messages (/cgi-bin/message/template/send, with client_msg_id) or 订阅通知
 *   (/cgi-bin/message/subscribe/bizsend), over HTTPS with the OA's stable_token (shared/oa-api.ts).
 * And the customer-service channels for an agent's answer (sendCustomerService, at the end).
 */
import { createHash } from 'node:crypto';
import { getCloud } from '../shared/cloud';
import type { Catalogue, TemplateKey } from '../../core/push/templates';
import type { CustomerServiceMessage } from '../../core/events/outbox';
import { oaCall, oaConfigured, type OaCallResult } from '../shared/oa-api';
import { TEMPLATE_NOT_CONFIGURED } from '../../core/push/errors';
import { C, _, db } from './repo';

export interface SendRequest {
  channel: 'mp' | 'oa';
  openid: string;
  templateKey: TemplateKey;
  templateId: string;
  data: Record<string, { value: string }>;
  page: string;
  clientMsgId: string;
  timeoutMs: number;
}

export type SendResult = OaCallResult;

export function clientMsgIdOf(deliveryId: string): string {
  return createHash('sha1').update(deliveryId).digest('hex').slice(0, 32);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((r) => { t = setTimeout(() => r('timeout'), ms); })]).finally(() => clearTimeout(t));
}

export function oaEnabled(cat: Catalogue, key: TemplateKey): boolean {
  return cat.oa.mode !== 'off' && !!cat.oa.templates[key] && oaConfigured();
}

export async function send(req: SendRequest, cat: Catalogue): Promise<SendResult> {
  if (!idConfigured(req, cat)) {
    console.error(`[push] ${req.templateKey}: no real template id configured (PUSH_TEMPLATE_IDS / PUSH_OA_TEMPLATE_IDS); refusing to send the preview's`);
    return { errcode: TEMPLATE_NOT_CONFIGURED, errmsg: 'template id not configured' };
  }
  return req.channel === 'mp' ? sendMp(req, cat) : sendOa(req, cat);
}

/** Only an id the deployment configured leaves: the preview catalogue's fake ids never reach WeChat. */
function idConfigured(req: SendRequest, cat: Catalogue): boolean {
  if (req.channel === 'oa') return cat.oa.templates[req.templateKey]?.idConfigured ?? true;
  return cat.templates.find((t) => t.templateId === req.templateId)?.idConfigured ?? true;
}

async function sendMp(req: SendRequest, cat: Catalogue): Promise<SendResult> {
  try {
    const r = await withTimeout(getCloud().openapi.subscribeMessage.send({
      touser: req.openid, templateId: req.templateId, page: req.page, data: req.data, miniprogramState: cat.miniprogramState, lang: 'zh_CN',
    } as never), req.timeoutMs);
    if (r === 'timeout') return { errcode: -1, transport: 'timeout' };
    return { errcode: 0 };
  } catch (e) {
    return cloudCallError(e);
  }
}

/** A rejected cloud call: WeChat's errCode, or a network failure (the request may not have left). */
function cloudCallError(e: unknown): SendResult {
  const err = e as { errCode?: number; errMsg?: string };
  if (typeof err.errCode === 'number' && err.errCode !== 0) return { errcode: err.errCode, errmsg: err.errMsg };
  return { errcode: -1, errmsg: String(err.errMsg ?? (e as Error).message), transport: 'network' };
}

async function sendOa(req: SendRequest, cat: Catalogue): Promise<SendResult> {
  const oa = cat.oa.templates[req.templateKey];
  if (!oa) return { errcode: 40037, errmsg: 'no OA template for this key' };
  const appid = getCloud().getWXContext().APPID ?? process.env.WX_APPID ?? '';
  const miniprogram = { appid, pagepath: req.page };
  const body = cat.oa.mode === 'bizsend'
    ? { touser: req.openid, template_id: oa.templateId, miniprogram, data: req.data }
    : { touser: req.openid, template_id: oa.templateId, miniprogram, client_msg_id: req.clientMsgId, data: req.data };
  const path = cat.oa.mode === 'bizsend' ? '/cgi-bin/message/subscribe/bizsend' : '/cgi-bin/message/template/send';
  const r = await oaCall(path, body, req.timeoutMs);
  if (r.errcode === 43004) await markUnfollowed(req.openid);
  return r;
}

/** WeChat says this follower has left (43004): later campaigns leave them out until a sync or a new subscribe. */
async function markUnfollowed(openid: string): Promise<void> {
  await db().collection(C.followers).where({ _id: _().eq(openid), subscribed: true })
    .update({ data: { subscribed: false, unsubscribedAt: new Date().toISOString() } });
}

/**
 * One customer-service message: `cs-mp` 小程序客服消息 (cloud.openapi.customerServiceMessage.send)
 * or `cs-oa` 服务号客服消息 (/cgi-bin/message/custom/send).
 */
export async function sendCustomerService(channel: 'cs-mp' | 'cs-oa', touser: string, message: CustomerServiceMessage, timeoutMs: number): Promise<SendResult> {
  const body = { touser, ...message };
  if (channel === 'cs-oa') return oaCall('/cgi-bin/message/custom/send', body, timeoutMs);
  try {
    const r = await withTimeout(getCloud().openapi.customerServiceMessage.send(body as never), timeoutMs);
    return r === 'timeout' ? { errcode: -1, transport: 'timeout' } : { errcode: 0 };
  } catch (e) {
    return cloudCallError(e);
  }
}
