/**
 * A fake WeChat HTTP API for tests and the bench (`WX_OPENAPI_BASE=http://127.0.0.1:<port>`):
 * stable_token, subscribe/send (mini-program), template/send and subscribe/bizsend (official
 * account), message/custom/send (OA customer-service replies), user/get (followers). Latency, error injection, a rate cap (answers 45011 beyond it)
 * and 43101 for users without quota. Every accepted message is recorded for duplicate counting.
 *
 * As strict as WeChat where WeChat is strict: each API answers only its own HTTP method (43001
 * "require GET method" / 43002 "require POST method"), a POST body must be JSON (47001), the
 * OA's APIs need access_token in the query (41001 when missing), required fields are checked per
 * API, and user/get reads `next_openid` from the query string only (a JSON body is not read).
 * Template messages to someone who has unfollowed (`unfollowed`) answer 43004.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMessage { path: string; touser: string; templateId: string; data: Record<string, { value: string }>; page?: string; clientMsgId?: string; at: number }

export interface FakeWechatOptions {
  latencyMs?: number;
  /** Extra delay before stable_token answers (a slow token service). */
  tokenLatencyMs?: number;
  /** Max accepted sends per second (sliding 1 s window); beyond it the reply is 45011. 0 = no cap. */
  ratePerSec?: number;
  /** Quota per (touser, templateId); default: unlimited for everyone. */
  quota?: (touser: string, templateId: string) => number;
  /** Per-call error injection: return an errcode (non-zero) to fail this call. */
  inject?: (body: Record<string, any>, path: string) => number | 'hang' | 0;
  followers?: string[];
  /** Instead of `followers`: this many generated followers `oFollower<n>` (the bench's 200 000). */
  followerCount?: number;
  /** OA openids that have unfollowed: template messages to them answer 43004. */
  unfollowed?: string[];
  /** OA followers whose last message is older than 48 h: customer-service messages to them answer 45015. */
  silentFollowers?: string[];
  tokenTtlSec?: number;
}

export interface FakeRequest { method: string; path: string; query: Record<string, string>; body: unknown }

export interface FakeWechat {
  base: string;
  messages: FakeMessage[];
  /** Every request as it arrived (access_token left out), for checking our clients against the contracts. */
  requests: FakeRequest[];
  calls: { path: string; errcode: number; at: number }[];
  tokensIssued: number;
  /** Make the current token invalid (next call answers 40001 until a new token is fetched). */
  expireToken(): void;
  used: Map<string, number>;
  opts: FakeWechatOptions;
  close(): Promise<void>;
}

/** Which method each API answers; the OA's APIs (HTTPS with our own token) need access_token. */
const METHOD: Record<string, { method: 'GET' | 'POST'; token: boolean; required: string[] }> = {
  '/cgi-bin/stable_token': { method: 'POST', token: false, required: [] },
  '/cgi-bin/user/get': { method: 'GET', token: true, required: [] },
  '/cgi-bin/message/template/send': { method: 'POST', token: true, required: ['touser', 'template_id', 'data'] },
  '/cgi-bin/message/subscribe/bizsend': { method: 'POST', token: true, required: ['touser', 'template_id', 'data'] },
  '/cgi-bin/message/custom/send': { method: 'POST', token: true, required: ['touser', 'msgtype', 'text'] },
  '/cgi-bin/message/subscribe/send': { method: 'POST', token: false, required: ['touser', 'template_id', 'data'] },
  '/wxa/msg_sec_check': { method: 'POST', token: false, required: ['content', 'version', 'scene', 'openid'] },
};
const PAGE = 10_000;

/** The follower list in subscription order, and where each openid sits in it. */
function followerList(o: FakeWechatOptions): { all: string[]; index: Map<string, number> } {
  const all = o.followers ?? Array.from({ length: o.followerCount ?? 0 }, (_, i) => `oFollower${String(i).padStart(7, '0')}`);
  return { all, index: new Map(all.map((id, i) => [id, i])) };
}

export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const messages: FakeMessage[] = [];
  const requests: FakeRequest[] = [];
  let list = followerList(opts);
  const calls: FakeWechat['calls'] = [];
  const used = new Map<string, number>();
  const window: number[] = [];
  const seenClientMsgIds = new Map<string, number>();
  let token = '';
  let tokensIssued = 0;
  const state = { opts };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      let body: Record<string, any> = {};
      let badJson = false;
      try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}; } catch { badJson = true; }
      const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'access_token'));
      requests.push({ method, path: url.pathname, query, body: chunks.length ? body : undefined });
      const o = state.opts;
      if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
      if (o.tokenLatencyMs && url.pathname === '/cgi-bin/stable_token') await new Promise((r) => setTimeout(r, o.tokenLatencyMs));
      const reply = (obj: Record<string, unknown>) => {
        calls.push({ path: url.pathname, errcode: Number(obj.errcode ?? 0), at: Date.now() });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(obj));
      };
      const p = url.pathname;
      const contract = METHOD[p];
      if (!contract) return reply({ errcode: 40066, errmsg: 'invalid url' });
      if (method !== contract.method) return reply(contract.method === 'GET' ? { errcode: 43001, errmsg: 'require GET method' } : { errcode: 43002, errmsg: 'require POST method' });
      if (method === 'POST' && (badJson || !chunks.length || typeof body !== 'object' || Array.isArray(body) || body === null)) return reply({ errcode: 47001, errmsg: 'data format error' });
      if (contract.token && !url.searchParams.get('access_token')) return reply({ errcode: 41001, errmsg: 'access_token missing' });
      const missing = contract.required.find((k) => body[k] === undefined || body[k] === '');
      if (missing) return reply(missing === 'touser' ? { errcode: 40003, errmsg: 'invalid openid' } : missing === 'template_id' ? { errcode: 40037, errmsg: 'invalid template_id' } : { errcode: 47001, errmsg: `data format error: ${missing} missing` });
      if (p === '/cgi-bin/stable_token') {
        if (body.grant_type !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
        if (!body.appid || !body.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        tokensIssued += 1;
        token = `FAKE_TOKEN_${tokensIssued}`;
        return reply({ access_token: token, expires_in: o.tokenTtlSec ?? 7200 });
      }
      // Content security (cloud call security.msgSecCheck): everything passes here.
      if (p === '/wxa/msg_sec_check') {
        return reply({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }], trace_id: `fake-${requests.length}` });
      }
      const injected = o.inject?.(body, p) ?? 0;
      if (injected === 'hang') return; // never answers: a timeout for the caller
      if (injected) return reply({ errcode: injected, errmsg: 'injected' });
      const isOa = p === '/cgi-bin/message/template/send' || p === '/cgi-bin/message/subscribe/bizsend' || p === '/cgi-bin/user/get' || p === '/cgi-bin/message/custom/send';
      if (isOa && url.searchParams.get('access_token') !== token) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (p === '/cgi-bin/message/custom/send') {
        const touser = String(body.touser ?? '');
        if (!touser) return reply({ errcode: 40003, errmsg: 'invalid openid' });
        if (body.msgtype !== 'text' || typeof body.text?.content !== 'string') return reply({ errcode: 40008, errmsg: 'invalid message type' });
        if ((o.silentFollowers ?? []).includes(touser)) return reply({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' });
        messages.push({ path: p, touser, templateId: '', data: { content: { value: body.text.content } }, at: Date.now() });
        return reply({ errcode: 0, errmsg: 'ok' });
      }
      if (p === '/cgi-bin/user/get') {
        // Paged as WeChat documents it: up to 10 000 per page, next_openid = the page's last openid;
        // past the end count 0 and next_openid ''. Only the query string is read.
        const next = url.searchParams.get('next_openid') ?? '';
        const at = next ? list.index.get(next) : -1;
        if (at === undefined) return reply({ errcode: 40003, errmsg: 'invalid next_openid' });
        const page = list.all.slice(at + 1, at + 1 + PAGE);
        if (!page.length) return reply({ total: list.all.length, count: 0, next_openid: '' });
        return reply({ total: list.all.length, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] });
      }
      if (p === '/cgi-bin/message/subscribe/send' || isOa) {
        const now = Date.now();
        while (window.length && window[0] <= now - 1000) window.shift();
        if (o.ratePerSec && window.length >= o.ratePerSec) return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
        const touser = String(body.touser ?? '');
        const templateId = String(body.template_id ?? '');
        if (!touser) return reply({ errcode: 40003, errmsg: 'invalid openid' });
        if (!templateId) return reply({ errcode: 40037, errmsg: 'invalid template_id' });
        if (p === '/cgi-bin/message/template/send' && (o.unfollowed ?? []).includes(touser)) return reply({ errcode: 43004, errmsg: 'require subscribe' });
        if (p === '/cgi-bin/message/template/send' && body.client_msg_id) {
          const prev = seenClientMsgIds.get(String(body.client_msg_id));
          if (prev !== undefined && now - prev < 10 * 60_000) return reply({ errcode: 0, errmsg: 'ok', msgid: 1 });
        }
        if (p !== '/cgi-bin/message/template/send') {
          const key = `${touser}|${templateId}`;
          const q = o.quota ? o.quota(touser, templateId) : Infinity;
          if ((used.get(key) ?? 0) >= q) return reply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
          used.set(key, (used.get(key) ?? 0) + 1);
        }
        window.push(now);
        if (body.client_msg_id) seenClientMsgIds.set(String(body.client_msg_id), now);
        messages.push({ path: p, touser, templateId, data: body.data ?? {}, page: body.page ?? body.miniprogram?.pagepath, clientMsgId: body.client_msg_id, at: now });
        // Only template/send answers a msgid.
        return reply(p === '/cgi-bin/message/template/send' ? { errcode: 0, errmsg: 'ok', msgid: messages.length } : { errcode: 0, errmsg: 'ok' });
      }
      reply({ errcode: 40066, errmsg: 'invalid url' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    messages, calls, used, requests,
    get tokensIssued() { return tokensIssued; },
    expireToken() { token = `EXPIRED_${Math.random()}`; },
    get opts() { return state.opts; },
    set opts(v: FakeWechatOptions) { state.opts = v; list = followerList(v); },
    close: () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  } as FakeWechat;
}
