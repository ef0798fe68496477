/** Request routing for the gateway. Everything the preview exposes is listed here. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedFunction } from '../runtime';
import type { TimerScheduler } from '../timers';
import { resolveInside, sendBuffer, sendFile, sendText } from './files';
import { fail, readBody, refuseAndClose, sendJson, sendResult } from './http-util';
import { IDENTITY_HEADER, OPENID_PATTERN, publicIdentities } from './identities';
import { invokeWithDeadline, type InvokeOutcome } from './invoke';
import { inboxOf, invoke, isSignedFor, readStored, recordSubscribeDialog, storeUpload } from './local-cloud-api';
import { handleUpload } from './upload';
import { httpAccess } from './http-access';
import { messagePush } from './message-push';
import { isAllowedHostHeader } from './host-check';
import { nestingDepth } from '../util';
import { CALL_DATA_LIMIT_BYTES, callDataRefusal, oversizedCallData } from '../call-limits';
import type { SdkError } from '../errors';
import type { WechatPayEmulator } from '../wechatpay/emulator';
import { payConfirm } from './pay-confirm';

/** Deepest call event accepted (cloudfunctions/shared/router.ts refuses deeper ones too). */
export const MAX_EVENT_DEPTH = 64;

export interface RouteContext {
  functions: ReadonlyMap<string, LoadedFunction>;
  scheduler: TimerScheduler;
  staticDir: string;
  /** Local preview only: trigger firing, inbox and identities endpoints. */
  localMode: boolean;
  /** Take OPENID from `x-local-openid`. Never on a gateway reachable by real users. */
  trustLocalIdentityHeader: boolean;
  /** Refuse requests whose Host is not loopback (DNS rebinding); on whenever localMode or the header is trusted. */
  checkHost: boolean;
  log: (line: string) => void;
  /** The preview's WeChat Pay (local mode, no merchant configured). */
  payEmulator?: WechatPayEmulator;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;

export async function route(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.checkHost && !isAllowedHostHeader(req.headers.host)) {
    req.resume();
    return sendResult(res, 403, fail('FORBIDDEN', '本地预览只接受通过 localhost、127.0.0.1 或 [::1] 访问的请求'));
  }
  // Prefix rather than resolve against a base: `//x/y` must stay a path, not become host "x".
  const raw = req.url ?? '/';
  let url: URL;
  try {
    if (!raw.startsWith('/')) throw new Error('not origin-form');
    url = new URL(`http://gateway.local${raw}`);
  } catch {
    return sendText(res, 400, '请求地址无效');
  }
  const p = url.pathname;
  const method = req.method ?? 'GET';

  // 云开发 HTTP 访问服务: platform callbacks, no identity header needed (or honoured).
  const httpMatch = /^\/http\/([A-Za-z0-9_-]{1,60})(?:\/.*)?$/.exec(p);
  if (httpMatch) return httpAccess(ctx.functions, req, res, url, httpMatch[1] ?? '', ctx.log);

  if (p.startsWith('/api/')) {
    const fnMatch = /^\/api\/functions\/([^/]+)$/.exec(p);
    if (fnMatch) return method === 'POST' ? callFunction(ctx, req, res, fnMatch[1] ?? '') : methodNotAllowed(res, 'POST');
    if (p === '/api/storage/upload') return method === 'POST' ? upload(ctx, req, res) : methodNotAllowed(res, 'POST');
    if (ctx.localMode) {
      const trigMatch = /^\/api\/triggers\/([^/]+)\/([^/]+)$/.exec(p);
      if (trigMatch) return method === 'POST' ? fireTrigger(ctx, res, trigMatch[1] ?? '', trigMatch[2] ?? '') : methodNotAllowed(res, 'POST');
      if (p === '/api/local/identities') return method === 'GET' ? sendJson(res, 200, publicIdentities()) : methodNotAllowed(res, 'GET');
      if (p === '/api/local/inbox') return method === 'GET' ? inbox(res, url) : methodNotAllowed(res, 'GET');
      const pushMatch = /^\/api\/local\/message-push\/([A-Za-z0-9_-]{1,60})$/.exec(p);
      if (pushMatch) return method === 'POST' ? messagePush(ctx.functions, req, res, pushMatch[1] ?? '', ctx.log) : methodNotAllowed(res, 'POST');
      if (p === '/api/local/subscribe-dialog') return method === 'POST' ? subscribeDialog(ctx, req, res) : methodNotAllowed(res, 'POST');
      if (p === '/api/local/pay/confirm') return method === 'POST' ? payConfirm(ctx.payEmulator, callerOf(ctx, req), req, res) : methodNotAllowed(res, 'POST');
    }
    return sendResult(res, 404, fail('NOT_FOUND', '接口不存在'));
  }

  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');

  if (p.startsWith('/storage/')) return serveStored(req, res, p.slice('/storage/'.length), url.searchParams);
  return serveStatic(ctx, req, res, p);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendResult(res, 405, fail('INVALID_INPUT', '不支持的请求方法'), { Allow: allow });
}

/** The caller's OPENID, or undefined (anonymous), or false when the header is malformed. */
function callerOf(ctx: RouteContext, req: IncomingMessage): string | undefined | false {
  if (!ctx.trustLocalIdentityHeader) return undefined;
  const raw = req.headers[IDENTITY_HEADER];
  if (raw === undefined || raw === '') return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value !== undefined && OPENID_PATTERN.test(value) ? value : false;
}

async function callFunction(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, rawName: string): Promise<void> {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    name = '';
  }
  const fn = FUNCTION_NAME.test(name) ? ctx.functions.get(name) : undefined;
  if (!fn) {
    // Answer before reading: an unknown function gets no say over how much we buffer.
    if (!req.readableEnded) req.resume();
    return sendResult(res, 404, fail('UNKNOWN_FUNCTION', '云函数不存在'));
  }
  const caller = callerOf(ctx, req);
  if (caller === false) {
    req.resume();
    return sendResult(res, 400, fail('INVALID_INPUT', '身份标识格式不正确'));
  }
  // Read a little past WeChat's cap (whitespace and \u escapes make a body longer than its data);
  // the cap itself is checked on the parsed data below, as WeChat counts it.
  const body = await readBody(req, CALL_BODY_READ_LIMIT);
  if (body.kind === 'too-large') return refuseAsWeChat(req, res, callDataRefusal());
  let data: unknown = {};
  if (body.body.length > 0) {
    try {
      data = JSON.parse(body.body.toString('utf8'));
    } catch {
      return sendResult(res, 400, fail('INVALID_INPUT', '请求体不是合法的 JSON'));
    }
  }
  // callFunction's `data` is always an object; anything else is a client bug.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return sendResult(res, 400, fail('INVALID_INPUT', '请求体须为 JSON 对象'));
  }
  // Same limit as the router (MAX_EVENT_DEPTH), checked without recursion before anything copies the event.
  if (nestingDepth(data, MAX_EVENT_DEPTH) > MAX_EVENT_DEPTH) {
    return sendResult(res, 400, fail('INVALID_INPUT', `请求数据嵌套过深（超过${MAX_EVENT_DEPTH}层）`));
  }
  const oversized = oversizedCallData(data);
  if (oversized) return refuseAsWeChat(req, res, oversized);
  const clientIp = req.socket.remoteAddress;
  // With an identity the call stands for the mini-program (SOURCE wx_client, set by the local
  // cloud). Without one it is an anonymous caller WeChat itself never produces: wx_unknown, so it
  // is mistakable neither for a timer (wx_trigger) nor for the HTTP access service (wx_http).
  const source = caller ? undefined : 'wx_unknown';
  const outcome = await invokeWithDeadline(() => invoke(fn.name, data, { openid: caller, clientIp, source }), fn.timeoutMs);
  report(ctx, fn.name, outcome);
  sendResult(res, statusOf(outcome), outcome.result);
}

const CALL_BODY_READ_LIMIT = 4 * CALL_DATA_LIMIT_BYTES;

/**
 * WeChat rejects an oversized callFunction in the client (wx.cloud.callFunction fails with
 * errCode/errMsg, no result); the gateway answers the same shape, so the H5 page reacts exactly
 * as on a phone.
 */
function refuseAsWeChat(req: IncomingMessage, res: ServerResponse, error: SdkError): void {
  sendJson(res, 413, { errCode: error.errCode, errMsg: error.errMsg }, { Connection: 'close' });
  if (!req.readableEnded) res.on('finish', () => { setTimeout(() => req.socket.destroy(), 200).unref(); });
}

async function upload(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = callerOf(ctx, req);
  if (caller === false) {
    req.resume();
    return sendResult(res, 400, fail('INVALID_INPUT', '身份标识格式不正确'));
  }
  if (!caller) {
    req.resume();
    return sendResult(res, 401, fail('UNAUTHENTICATED', '请先登录再上传文件'));
  }
  return handleUpload(req, res, caller, storeUpload);
}

function statusOf(outcome: InvokeOutcome): number {
  return outcome.kind === 'ok' ? 200 : outcome.kind === 'timeout' ? 504 : 500;
}

function report(ctx: RouteContext, name: string, outcome: InvokeOutcome): void {
  if (outcome.kind === 'timeout') ctx.log(`[云函数] ${name} 执行超时`);
  if (outcome.kind === 'error') {
    const e = outcome.error;
    ctx.log(`[云函数] ${name} 抛出异常：${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

async function fireTrigger(ctx: RouteContext, res: ServerResponse, fnName: string, triggerName: string): Promise<void> {
  const fn = ctx.functions.get(fnName);
  if (!fn) return sendResult(res, 404, fail('UNKNOWN_FUNCTION', '云函数不存在'));
  if (!ctx.scheduler.find(fnName, triggerName)) return sendResult(res, 404, fail('NOT_FOUND', '定时触发器不存在'));
  // The scheduler's invoke already applies the deadline and maps errors to INTERNAL.
  // Like WeChat, a firing never waits for (or is refused because of) a previous one still running.
  const fired = await ctx.scheduler.fire(fnName, triggerName);
  const result = fired.result as InvokeOutcome;
  sendResult(res, statusOf(result), result.result);
}

function inbox(res: ServerResponse, url: URL): void {
  const openid = url.searchParams.get('openid') ?? '';
  if (!OPENID_PATTERN.test(openid)) return sendResult(res, 400, fail('INVALID_INPUT', '请提供 openid'));
  sendJson(res, 200, inboxOf(openid));
}

const DIALOG_RESULTS = new Set(['accept', 'reject', 'ban', 'filter']);
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The H5 imitation of WeChat's subscription dialog reports the user's answers here, so the
 * sink's quotas (what WeChat would hold) match the dialog. Local mode only; the caller is the
 * preview identity. Body: `{ answers: [{ templateId, result, kind }] }` (≤ 5).
 */
async function subscribeDialog(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = callerOf(ctx, req);
  if (!caller) {
    req.resume();
    return sendResult(res, caller === false ? 400 : 401, fail(caller === false ? 'INVALID_INPUT' : 'UNAUTHENTICATED', '请先选择预览身份'));
  }
  const body = await readBody(req);
  if (body.kind === 'too-large') return refuseAndClose(req, res, 413, fail('PAYLOAD_TOO_LARGE', '请求内容过大'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.body.toString('utf8'));
  } catch {
    return sendResult(res, 400, fail('INVALID_INPUT', '请求体不是合法的 JSON'));
  }
  const answers = (parsed as { answers?: unknown })?.answers;
  const valid = Array.isArray(answers) && answers.length >= 1 && answers.length <= 5 && answers.every((a) =>
    a && typeof a === 'object' && typeof a.templateId === 'string' && TEMPLATE_ID.test(a.templateId) &&
    DIALOG_RESULTS.has(a.result) && (a.kind === 'once' || a.kind === 'long'));
  if (!valid) return sendResult(res, 400, fail('INVALID_INPUT', '订阅结果格式不正确'));
  recordSubscribeDialog(caller, answers as Parameters<typeof recordSubscribeDialog>[1]);
  sendJson(res, 200, { ok: true, data: { recorded: (answers as unknown[]).length } });
}

function serveStatic(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, p: string): void {
  const indexFile = path.join(ctx.staticDir, 'index.html');
  if (p === '/' || p === '/index.html') {
    if (fs.existsSync(indexFile)) return sendFile(req, res, indexFile);
    return sendText(res, 503, 'H5 前端尚未构建：请先运行 npm run build:h5（npm start 会自动构建）');
  }
  // Taro H5 routes in the hash, so only real files live at other paths: no SPA fallback.
  const file = resolveInside(ctx.staticDir, p);
  if (file) return sendFile(req, res, file);
  sendText(res, 404, '页面不存在');
}

/**
 * Uploaded files live in the local cloud's database; the URL path is the cloudPath. Like WeChat's
 * temp links, a file opens only with the `t` (expiry) and `sign` getTempFileURL issued for that
 * path — checked before looking the file up, so an unsigned request cannot even probe existence.
 */
function serveStored(req: IncomingMessage, res: ServerResponse, encoded: string, query: URLSearchParams): void {
  let cloudPath: string;
  try {
    cloudPath = encoded.split('/').map(decodeURIComponent).join('/');
  } catch {
    return sendText(res, 404, '文件不存在');
  }
  if (!isSignedFor(cloudPath, query.get('t') ?? '', query.get('sign') ?? '')) {
    return sendResult(res, 403, fail('FORBIDDEN', '文件链接无效或已过期，请回到页面重新打开'));
  }
  const valid = cloudPath !== '' && !cloudPath.includes('\\') && !cloudPath.includes('\0') &&
    cloudPath.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
  const file = valid ? readStored(cloudPath) : undefined;
  if (!file) return sendText(res, 404, '文件不存在');
  // User uploads share the app's origin: never let one run as a page (an .html or .svg upload).
  sendBuffer(req, res, file.content, file.contentType, {
    'Cache-Control': 'private, max-age=60',
    'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  });
}
