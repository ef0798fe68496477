/**
 * A fake WeChat HTTP API for tests and the bench (`WX_OPENAPI_BASE=http://127.0.0.1:<port>`):
 * stable_token, subscribe/send (mini-program), template/send and subscribe/bizsend (official
 * account), message/custom/send (OA customer-service replies), user/get (followers). Latency, error injection, a rate cap (answers 45011 beyond it)
 * and 43101 for users without quota. Every accepted message is recorded for duplicate counting.
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
  /** OA followers whose last message is older than 48 h: customer-service messages to them answer 45015. */
  silentFollowers?: string[];
  tokenTtlSec?: number;
}

export interface FakeWechat {
  base: string;
  messages: FakeMessage[];
  calls: { path: string; errcode: number; at: number }[];
  tokensIssued: number;
  /** Make the current token invalid (next call answers 40001 until a new token is fetched). */
  expireToken(): void;
  used: Map<string, number>;
  opts: FakeWechatOptions;
  close(): Promise<void>;
}

export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const messages: FakeMessage[] = [];
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
      let body: Record<string, any> = {};
      try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}; } catch { /* empty */ }
      const o = state.opts;
      if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
      if (o.tokenLatencyMs && url.pathname === '/cgi-bin/stable_token') await new Promise((r) => setTimeout(r, o.tokenLatencyMs));
      const reply = (obj: Record<string, unknown>) => {
        calls.push({ path: url.pathname, errcode: Number(obj.errcode ?? 0), at: Date.now() });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(obj));
      };
      const p = url.pathname;
      if (p === '/cgi-bin/stable_token') {
        if (!body.appid || !body.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
        tokensIssued += 1;
        token = `FAKE_TOKEN_${tokensIssued}`;
        return reply({ access_token: token, expires_in: o.tokenTtlSec ?? 7200 });
      }
      // Content security (cloud call security.msgSecCheck): everything passes here.
      if (p === '/wxa/msg_sec_check') return reply({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, detail: [] });
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
        const all = o.followers ?? [];
        const start = body.next_openid ? all.indexOf(String(body.next_openid)) + 1 : Number(url.searchParams.get('next_openid') ? all.indexOf(url.searchParams.get('next_openid')!) + 1 : 0);
        const page = all.slice(start, start + 10000);
        return reply({ total: all.length, count: page.length, data: { openid: page }, next_openid: page.length ? page[page.length - 1] : '' });
      }
      if (p === '/cgi-bin/message/subscribe/send' || isOa) {
        const now = Date.now();
        while (window.length && window[0] <= now - 1000) window.shift();
        if (o.ratePerSec && window.length >= o.ratePerSec) return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
        const touser = String(body.touser ?? '');
        const templateId = String(body.template_id ?? '');
        if (!touser) return reply({ errcode: 40003, errmsg: 'invalid openid' });
        if (!templateId) return reply({ errcode: 40037, errmsg: 'invalid template_id' });
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
        return reply({ errcode: 0, errmsg: 'ok', msgid: messages.length });
      }
      reply({ errcode: 40066, errmsg: 'invalid url' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    messages, calls, used,
    get tokensIssued() { return tokensIssued; },
    expireToken() { token = `EXPIRED_${Math.random()}`; },
    get opts() { return state.opts; },
    set opts(v: FakeWechatOptions) { state.opts = v; },
    close: () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  } as FakeWechat;
}
