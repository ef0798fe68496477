/**
 * The two delivery channels behind one interface:
 * - mp: 小程序订阅消息 via cloud.openapi.subscribeMessage.send (cloud call; locally the sink or WX_OPENAPI_BASE).
 * - oa: 服务号 template messages (/cgi-bin/message/template/send, with client_msg_id) or 订阅通知
 *   (/cgi-bin/message/subscribe/bizsend), over HTTPS with a stable_token from WX_OA_APPID/WX_OA_SECRET,
 *   cached in push_state, refreshed 5 minutes before expiry; 40001/42001 → one forced refresh and retry.
 */
import { createHash } from 'node:crypto';
import { getCloud } from '../shared/cloud';
import type { Catalogue, TemplateKey } from '../../core/push/templates';
import { C, db } from './store';

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

export interface SendResult { errcode: number; errmsg?: string; transport?: 'network' | 'timeout' }

export function clientMsgIdOf(deliveryId: string): string {
  return createHash('sha1').update(deliveryId).digest('hex').slice(0, 32);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((r) => { t = setTimeout(() => r('timeout'), ms); })]).finally(() => clearTimeout(t));
}

export function oaEnabled(cat: Catalogue, key: TemplateKey): boolean {
  return cat.oa.mode !== 'off' && !!cat.oa.templates[key] && !!process.env.WX_OA_APPID && !!process.env.WX_OA_SECRET;
}

const apiBase = () => (process.env.WX_OPENAPI_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, '');

export async function send(req: SendRequest, cat: Catalogue): Promise<SendResult> {
  return req.channel === 'mp' ? sendMp(req, cat) : sendOa(req, cat);
}

async function sendMp(req: SendRequest, cat: Catalogue): Promise<SendResult> {
  try {
    const r = await withTimeout(getCloud().openapi.subscribeMessage.send({
      touser: req.openid, templateId: req.templateId, page: req.page, data: req.data, miniprogramState: cat.miniprogramState, lang: 'zh_CN',
    } as never), req.timeoutMs);
    if (r === 'timeout') return { errcode: -1, transport: 'timeout' };
    return { errcode: 0 };
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string };
    if (typeof err.errCode === 'number' && err.errCode !== 0) return { errcode: err.errCode, errmsg: err.errMsg };
    return { errcode: -1, errmsg: String(err.errMsg ?? (e as Error).message), transport: 'network' };
  }
}

interface TokenDoc { _id: string; token: string; expiresAt: number }
let memToken: TokenDoc | null = null;

let refreshing: Promise<string> | null = null;

/**
 * The OA's access token: cached here and in push_state, refreshed before expiry. `rejected` is
 * the token WeChat just refused (40001/42001): refreshed once, shared by concurrent senders.
 */
export async function oaToken(force = false, rejected?: string): Promise<string> {
  if (force && rejected && memToken && memToken.token !== rejected) return memToken.token;
  if (force) {
    refreshing ??= fetchToken(true).finally(() => { refreshing = null; });
    return refreshing;
  }
  return fetchToken(false);
}

async function fetchToken(force: boolean): Promise<string> {
  const now = Date.now();
  if (!force && memToken && memToken.expiresAt - now > 5 * 60_000) return memToken.token;
  if (!force) {
    const { data } = await db().collection(C.state).where({ _id: 'oa-token' }).limit(1).get();
    const doc = data[0] as TokenDoc | undefined;
    if (doc && doc.expiresAt - now > 5 * 60_000) {
      memToken = doc;
      return doc.token;
    }
  }
  const res = await fetch(`${apiBase()}/cgi-bin/stable_token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: process.env.WX_OA_APPID, secret: process.env.WX_OA_SECRET, force_refresh: force }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
  if (!body.access_token) throw new Error(`stable_token failed: ${body.errcode} ${body.errmsg}`);
  memToken = { _id: 'oa-token', token: body.access_token, expiresAt: now + (body.expires_in ?? 7200) * 1000 };
  await db().collection(C.state).doc('oa-token').set({ data: { token: memToken.token, expiresAt: memToken.expiresAt } });
  return memToken.token;
}

/** For tests: forget the in-memory token. */
export function resetTokenCache(): void {
  memToken = null;
  refreshing = null;
}

async function postOa(path: string, body: Record<string, unknown>, timeoutMs: number, force = false, rejected?: string): Promise<SendResult & { token?: string }> {
  let token: string;
  try {
    token = await oaToken(force, rejected);
  } catch (e) {
    return { errcode: -1, errmsg: (e as Error).message, transport: 'network' };
  }
  const ctrl = new AbortController();
  const t = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(`${apiBase()}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: ctrl.signal,
    });
    const reply = (await res.json()) as { errcode?: number; errmsg?: string };
    return { ...reply, errcode: Number(reply.errcode ?? 0), errmsg: reply.errmsg, token };
  } catch (e) {
    return { errcode: -1, errmsg: (e as Error).message, transport: (e as Error).name === 'AbortError' ? 'timeout' : 'network' };
  } finally {
    clearTimeout(t);
  }
}

export async function oaCall(path: string, body: Record<string, unknown>, timeoutMs = 5000): Promise<SendResult> {
  let r = await postOa(path, body, timeoutMs);
  if (r.errcode === 40001 || r.errcode === 42001) r = await postOa(path, body, timeoutMs, true, r.token);
  return r;
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
  let r = await postOa(path, body, req.timeoutMs);
  if (r.errcode === 40001 || r.errcode === 42001) r = await postOa(path, body, req.timeoutMs, true, r.token);
  return r;
}
