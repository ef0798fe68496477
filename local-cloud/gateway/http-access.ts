/**
 * 云开发 HTTP 访问服务, emulated: `ANY /http/<function>/<rest...>` invokes the function with the
 * integration-request event and relays its integration response. Used for platform callbacks
 * (the 公众号 server URL), so no x-local-openid is needed — and none is honoured: the call has no
 * OPENID, and getWXContext().SOURCE is `wx_http`. The Host check still applies (routes.ts).
 *
 * Event: { path, httpMethod, headers, queryStringParameters, body, isBase64Encoded }, `body` a
 * string (base64 when the content is binary). Reply: { statusCode, headers?, body?, isBase64Encoded? };
 * anything else is sent as JSON with 200, as the platform does. HTTP-triggered runs time out at 5 s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedFunction } from '../runtime';
import { fail, MAX_BODY_BYTES, readBody, refuseAndClose, sendJson } from './http-util';
import { invokeWithDeadline } from './invoke';
import { invoke } from './local-cloud-api';

export const HTTP_ACCESS_SOURCE = 'wx_http';
export const HTTP_ACCESS_TIMEOUT_MS = 5000;

export interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  queryStringParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

const TEXTUAL = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;
const HOP_BY_HOP = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'trailer']);

export function toHttpEvent(req: IncomingMessage, url: URL, body: Buffer): HttpAccessEvent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const textual = body.length === 0 || TEXTUAL.test(headers['content-type'] ?? 'text/plain');
  return {
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters: query,
    body: textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !textual,
  };
}

function sendIntegrationResponse(res: ServerResponse, result: unknown): void {
  const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown } | null;
  if (!r || typeof r !== 'object' || !Number.isInteger(r.statusCode) || (r.statusCode as number) < 100 || (r.statusCode as number) > 599) {
    return sendJson(res, 200, result === undefined ? null : result);
  }
  const headers: Record<string, string> = {};
  if (r.headers && typeof r.headers === 'object') {
    for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
      if (!HOP_BY_HOP.has(k.toLowerCase()) && (typeof v === 'string' || typeof v === 'number')) headers[k] = String(v);
    }
  }
  const raw = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const body = r.isBase64Encoded === true ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  res.writeHead(r.statusCode as number, { ...headers, 'Content-Length': body.length });
  res.end(body);
}

export async function httpAccess(
  fns: ReadonlyMap<string, LoadedFunction>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  fnName: string,
  log: (line: string) => void,
): Promise<void> {
  const fn = fns.get(fnName);
  if (!fn) {
    req.resume();
    return sendJson(res, 404, fail('UNKNOWN_FUNCTION', '没有与该路径关联的云函数'));
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.kind === 'too-large') return refuseAndClose(req, res, 413, fail('PAYLOAD_TOO_LARGE', '请求内容过大'));
  const event = toHttpEvent(req, url, body.body);
  const limit = Math.min(HTTP_ACCESS_TIMEOUT_MS, fn.timeoutMs);
  const outcome = await invokeWithDeadline(
    () => invoke(fn.name, event, { source: HTTP_ACCESS_SOURCE, clientIp: req.socket.remoteAddress }, limit),
    limit,
  );
  if (outcome.kind === 'timeout') {
    log(`[HTTP 访问] ${fn.name} 执行超时（${limit} ms）`);
    return sendJson(res, 504, outcome.result);
  }
  if (outcome.kind === 'error') {
    const e = outcome.error;
    log(`[HTTP 访问] ${fn.name} 抛出异常：${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return sendJson(res, 502, outcome.result);
  }
  sendIntegrationResponse(res, outcome.result);
}
