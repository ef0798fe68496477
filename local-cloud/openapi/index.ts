/**
 * `cloud.openapi.*` for the calls our functions make. Two modes:
 * - WX_OPENAPI_BASE set: POST the WeChat HTTP API body (snake_case, converted exactly as
 *   wx-server-sdk converts it) to `${base}<cgi path>` and translate the reply like the SDK.
 * - unset (default): validate like WeChat, record the call in the `_openapi_sink` table and
 *   reply ok, so the preview can show "messages this user received".
 */
import { postJson } from './http-post';
import { getStore } from '../context';
import { makeSdkError, type SdkError } from '../errors';
import { convertCase, isPlainObject, nextTick, newRequestId, type AnyObject } from '../util';
import { consumeSubscription, injectedFault, sinkFaults } from './quota';
import {
  reviewWordIn, riskyWordIn, validateCustomerServiceSend, validateMsgSecCheck, validateSubscribeSend, WxApiError,
} from './validate';

interface ApiDef {
  /** Path WeChat's HTTP API uses for this call. */
  cgiPath: string;
  /** Whose "inbox" the sink files the call under. */
  touser: (p: AnyObject) => string;
  validate: (p: AnyObject) => void;
  /** Reply in WeChat's snake_case HTTP shape (errcode 0), or throws WxApiError. */
  sinkReply: (p: AnyObject) => AnyObject;
}

const API: Record<string, ApiDef> = {
  'subscribeMessage.send': {
    cgiPath: '/cgi-bin/message/subscribe/send',
    touser: (p) => String(p.touser ?? ''),
    validate: validateSubscribeSend,
    sinkReply: (p) => {
      // As WeChat: each one-time acceptance allows one send; none left (or never accepted) → 43101.
      if (sinkFaults().enforceQuota && !consumeSubscription(String(p.touser), String(p.templateId))) {
        throw new WxApiError(43101, 'user refuse to accept the msg');
      }
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  'customerServiceMessage.send': {
    cgiPath: '/cgi-bin/message/custom/send',
    touser: (p) => String(p.touser ?? ''),
    validate: validateCustomerServiceSend,
    sinkReply: () => ({ errcode: 0, errmsg: 'ok' }),
  },
  'security.msgSecCheck': {
    cgiPath: '/wxa/msg_sec_check',
    touser: (p) => String(p.openid ?? ''),
    validate: validateMsgSecCheck,
    sinkReply: (p) => {
      const hit = riskyWordIn(String(p.content));
      if (Number(p.version) !== 2) {
        // v1 answers risky content with an error instead of a verdict.
        if (hit) throw new WxApiError(87014, 'risky content');
        return { errcode: 0, errmsg: 'ok' };
      }
      const review = hit ? undefined : reviewWordIn(String(p.content));
      const flagged = hit ?? review;
      const suggest = hit ? 'risky' : review ? 'review' : 'pass';
      const label = flagged ? flagged.label : 100;
      const detail = flagged
        ? [{ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: flagged.word }]
        : [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }];
      return { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail, trace_id: newRequestId() };
    },
  },
};

function fail(api: string, errcode: number, errmsg: string): SdkError {
  // errMsg carries the WeChat errcode as well, e.g. "openapi.subscribeMessage.send:fail 43101 user refuse to accept the msg".
  return makeSdkError(`openapi.${api}`, errcode, `${errcode} ${errmsg}`);
}

/** The SDK's success shape: reply minus errcode/errmsg, camelCased, plus errMsg/errCode. */
function success(api: string, reply: AnyObject): AnyObject {
  const rest = { ...reply };
  delete rest.errcode;
  delete rest.errmsg;
  return { ...(convertCase(rest, 'camel') as AnyObject), errMsg: `openapi.${api}:ok`, errCode: 0 };
}

async function callHttp(api: string, def: ApiDef, params: AnyObject, base: string): Promise<AnyObject> {
  const token = process.env.WX_ACCESS_TOKEN;
  const url = `${base.replace(/\/+$/, '')}${def.cgiPath}${token ? `?access_token=${encodeURIComponent(token)}` : ''}`;
  let text: string;
  try {
    text = await postJson(url, convertCase(params, 'snake'));
  } catch (e) {
    throw makeSdkError(`openapi.${api}`, -1, `request to ${url} failed: ${(e as Error).message}`);
  }
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw makeSdkError(`openapi.${api}`, -1, `wechat server internal error, response body is invalid json: ${text.slice(0, 200)}`);
  }
  if (!isPlainObject(reply)) throw makeSdkError(`openapi.${api}`, -1, 'wechat server returned a non-object reply');
  if (reply.errcode) throw fail(api, Number(reply.errcode), String(reply.errmsg ?? ''));
  return success(api, reply);
}

async function call(api: string, params: unknown): Promise<AnyObject> {
  const def = API[api];
  const p = isPlainObject(params) ? params : {};
  const base = process.env.WX_OPENAPI_BASE;
  if (base) return callHttp(api, def, p, base);
  await nextTick();
  const { latencyMs } = sinkFaults();
  if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
  try {
    if (api === 'subscribeMessage.send') {
      const injected = injectedFault();
      if (injected) throw new WxApiError(injected, injected === -1 ? 'system error' : 'injected fault');
    }
    def.validate(p);
    const reply = def.sinkReply(p);
    getStore().addSink(api, def.touser(p), p);
    return success(api, reply);
  } catch (e) {
    if (e instanceof WxApiError) throw fail(api, e.errcode, e.errmsg);
    throw e;
  }
}

const fn = (api: string) => (params: AnyObject) => call(api, params);

const known = {
  subscribeMessage: { send: fn('subscribeMessage.send') },
  customerServiceMessage: { send: fn('customerServiceMessage.send') },
  security: { msgSecCheck: fn('security.msgSecCheck') },
};

// Property names test frameworks and `await` probe on objects; they must not look like APIs.
const NOT_APIS = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', 'inspect', '$$typeof', 'prototype']);

function unsupported(path: string): () => Promise<never> {
  return () => Promise.reject(makeSdkError(`openapi.${path}`, -1, 'this openapi is not emulated by the local cloud'));
}

/**
 * Like the real SDK's proxy, any `openapi.<ns>.<method>` exists; the ones we do not emulate
 * reject clearly instead of crashing with "cannot read property of undefined".
 */
export const openapi = new Proxy(known as typeof known & Record<string, Record<string, (p: AnyObject) => Promise<AnyObject>>>, {
  get(target, ns) {
    if (typeof ns !== 'string' || NOT_APIS.has(ns)) return undefined;
    if (ns in target) return target[ns as keyof typeof known];
    return new Proxy({}, {
      get: (_t, method) => (typeof method === 'string' && !NOT_APIS.has(method) ? unsupported(`${ns}.${method}`) : undefined),
    });
  },
});
