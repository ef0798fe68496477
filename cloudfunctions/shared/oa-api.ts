/**
 * The city 服务号's server API over HTTPS, shared by push (template messages, follower sync) and
 * consult (customer-service replies): a stable_token from WX_OA_APPID/WX_OA_SECRET, cached in
 * memory and in push_state, refreshed 5 minutes before expiry; 40001/42001 → one forced refresh
 * and retry. Locally WX_OPENAPI_BASE points it at a fake.
 */
import { getDb } from './cloud';
import { PUSH_STATE } from './collections';

/** Where the token is cached (the push function's state collection). */
const db = () => getDb();

export interface OaCallResult { errcode: number; errmsg?: string; transport?: 'network' | 'timeout' }

export const oaConfigured = () => !!process.env.WX_OA_APPID && !!process.env.WX_OA_SECRET;

const apiBase = () => (process.env.WX_OPENAPI_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, '');

/**
 * A token belongs to the AppID and API host that issued it: a changed WX_OA_APPID (or
 * WX_OPENAPI_BASE) never reuses one cached for the old account, in memory or in push_state.
 */
interface TokenDoc { _id: string; token: string; expiresAt: number; issuer: string }
const issuer = () => `${process.env.WX_OA_APPID ?? ''}@${apiBase()}`;
let memToken: TokenDoc | null = null;

let refreshing: Promise<string> | null = null;

/**
 * The OA's access token: cached here and in push_state, refreshed before expiry. `rejected` is
 * the token WeChat just refused (40001/42001): refreshed once, shared by concurrent senders.
 */
export async function oaToken(force = false, rejected?: string): Promise<string> {
  if (force && rejected && memToken && memToken.issuer === issuer() && memToken.token !== rejected) return memToken.token;
  if (force) {
    refreshing ??= fetchToken(true).finally(() => { refreshing = null; });
    return refreshing;
  }
  return fetchToken(false);
}

async function fetchToken(force: boolean): Promise<string> {
  const now = Date.now();
  const by = issuer();
  if (!force && memToken && memToken.issuer === by && memToken.expiresAt - now > 5 * 60_000) return memToken.token;
  if (!force) {
    const { data } = await db().collection(PUSH_STATE).where({ _id: 'oa-token' }).limit(1).get();
    const doc = data[0] as TokenDoc | undefined;
    if (doc && doc.issuer === by && doc.expiresAt - now > 5 * 60_000) {
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
  memToken = { _id: 'oa-token', token: body.access_token, expiresAt: now + (body.expires_in ?? 7200) * 1000, issuer: by };
  await db().collection(PUSH_STATE).doc('oa-token').set({ data: { token: memToken.token, expiresAt: memToken.expiresAt, issuer: by } });
  return memToken.token;
}

type OaRequest = { method: 'POST'; body: Record<string, unknown> } | { method: 'GET'; query: Record<string, string> };

async function requestOa(path: string, req: OaRequest, timeoutMs: number, force = false, rejected?: string): Promise<OaCallResult & { token?: string }> {
  let token: string;
  try {
    token = await oaToken(force, rejected);
  } catch (e) {
    return { errcode: -1, errmsg: (e as Error).message, transport: 'network' };
  }
  const url = new URL(`${apiBase()}${path}`);
  url.searchParams.set('access_token', token);
  if (req.method === 'GET') for (const [k, v] of Object.entries(req.query)) url.searchParams.set(k, v);
  const ctrl = new AbortController();
  const t = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, req.method === 'GET'
      ? { method: 'GET', signal: ctrl.signal }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body), signal: ctrl.signal });
    const reply = (await res.json()) as { errcode?: number; errmsg?: string };
    return { ...reply, errcode: Number(reply.errcode ?? 0), errmsg: reply.errmsg, token };
  } catch (e) {
    return { errcode: -1, errmsg: (e as Error).message, transport: (e as Error).name === 'AbortError' ? 'timeout' : 'network' };
  } finally {
    clearTimeout(t);
  }
}

async function withTokenRetry(path: string, req: OaRequest, timeoutMs: number): Promise<OaCallResult> {
  let r = await requestOa(path, req, timeoutMs);
  if (r.errcode === 40001 || r.errcode === 42001) r = await requestOa(path, req, timeoutMs, true, r.token);
  return r;
}

/** A POST API (JSON body), e.g. message/template/send. */
export async function oaCall(path: string, body: Record<string, unknown>, timeoutMs = 5000): Promise<OaCallResult> {
  return withTokenRetry(path, { method: 'POST', body }, timeoutMs);
}

/** A GET API: parameters in the query string, beside access_token (e.g. user/get's next_openid). */
export async function oaGet<T extends object>(path: string, query: Record<string, string>, timeoutMs = 5000): Promise<OaCallResult & Partial<T>> {
  return withTokenRetry(path, { method: 'GET', query }, timeoutMs) as Promise<OaCallResult & Partial<T>>;
}
