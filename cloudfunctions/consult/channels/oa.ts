/**
 * The city's 服务号 (official account), served over 云开发 HTTP 访问服务 at `<env>/consult/oa`
 * (local preview: `ANY /http/consult/oa`). WeChat sends
 *   - GET  ?signature&timestamp&nonce&echostr  — the server check: answer `echostr`;
 *   - POST ?signature&timestamp&nonce with an XML body — a follower's message or event: answer
 *     within 5 s with a passive reply XML (or `success` for nothing).
 * `signature = sha1(sort([OA_TOKEN, timestamp, nonce]).join(''))`; anything else gets 403 before
 * the body is read. 明文模式 and 安全模式/兼容模式 (`encrypt_type=aes`, with `OA_ENCODING_AES_KEY` and
 * `WX_OA_APPID`): an encrypted message must also carry a valid `msg_signature`, and its reply goes
 * back encrypted (oa-crypto.ts). Once an EncodingAESKey is configured, plaintext POSTs are refused:
 * in 明文模式 nothing signs the body. A signature is good once and within 5 minutes (oa-replay.ts).
 *
 * Recognition: `getWXContext().SOURCE === 'wx_http'` (set by the platform, not by any client) and
 * an HTTP event shape. Same engine and same human inbox as the in-app chat (channel `oa`).
 */
import { XMLParser } from 'fast-xml-parser';
import type { PlatformEntry } from '../../shared/router';
import type { Decision } from '../../../core/consult/engine';
import { DomainError } from '../../../core/envelope';
import { getDb } from '../../shared/cloud';
import { C } from '../repo';
import { botReplyText, handleCitizenMessage, HANDOFF_REPLY } from '../conversation';
import { withChoices } from '../../../core/consult/choice';
import { matterLinksLine } from '../../../core/consult/related-matters';
import type { ConsultMatterLink } from '../../../core/consult/api';
import { oaCipher, OaCryptoConfigError, oaMsgSignature, sameSignature, wxSignature, type OaCipher } from './oa-crypto';
import { claimNonce, freshTimestampMs } from './oa-replay';
import { miniProgramLink, replyPage } from './pages';

export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}
export interface HttpResponse { statusCode: number; headers: Record<string, string>; body: string }

export const OA_WELCOME = '感谢关注示例市政务服务！直接发送您要办的事即可咨询，例如“社保卡丢了怎么补办”；回复“人工”转工作人员。';
/** Passive replies must arrive within 5 s; past this much used time we stop and hand off. */
const ANSWER_BUDGET_MS = 3500;
const MAX_BODY = 64 * 1024;

export function oaSignature(token: string, timestamp: string, nonce: string): string {
  return wxSignature(token, timestamp, nonce);
}

function verify(q: Record<string, string | undefined>): boolean {
  const token = process.env.OA_TOKEN;
  if (!token) return false;
  const { signature, timestamp, nonce } = q;
  if (!timestamp || !nonce) return false;
  return sameSignature(oaSignature(token, timestamp, nonce), signature);
}

/** The 安全模式 cipher from the environment; a config error when the key or appid is missing or malformed. */
function configuredCipher(): OaCipher | OaCryptoConfigError {
  try {
    return oaCipher(process.env.OA_ENCODING_AES_KEY ?? '', process.env.WX_OA_APPID ?? '');
  } catch (e) {
    if (e instanceof OaCryptoConfigError) return e;
    throw e;
  }
}

/** An encrypted reply: WeChat's envelope around the encrypted passive-reply XML. */
function sealedReply(cipher: OaCipher, xml: string, nonce: string): string {
  const token = process.env.OA_TOKEN ?? '';
  const encrypt = cipher.encrypt(xml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(oaMsgSignature(token, timestamp, nonce, encrypt))}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}

const text = (statusCode: number, body: string, type = 'text/plain; charset=utf-8'): HttpResponse => ({ statusCode, headers: { 'Content-Type': type }, body });

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export interface OaMessage {
  ToUserName: string; FromUserName: string; CreateTime: string; MsgType: string;
  Content?: string; MsgId?: string; Event?: string; EventKey?: string; UnionId?: string; Recognition?: string;
}

function head(m: OaMessage, type: string): string {
  return `<ToUserName>${cdata(m.FromUserName)}</ToUserName><FromUserName>${cdata(m.ToUserName)}</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata(type)}</MsgType>`;
}

export function textReply(m: OaMessage, content: string): string {
  return `<xml>${head(m, 'text')}<Content>${cdata(content)}</Content></xml>`;
}

export function newsReply(m: OaMessage, a: { title: string; description: string; url: string; picUrl?: string }): string {
  return `<xml>${head(m, 'news')}<ArticleCount>1</ArticleCount><Articles><item><Title>${cdata(a.title)}</Title><Description>${cdata(a.description.slice(0, 120))}</Description><PicUrl>${cdata(a.picUrl ?? '')}</PicUrl><Url>${cdata(a.url)}</Url></item></Articles></xml>`;
}

/**
 * The passive reply for a decision. A guide / 在线申办 card becomes a news item when the H5 site is
 * configured (`OA_H5_BASE_URL`), else a text with a mini-program link (`MINIPROGRAM_APPID`), else text.
 * A text carries the decision's numbered list (回复序号); a news item has no room for it.
 */
export function replyFor(m: OaMessage, d: Decision): string {
  const r = d.answer?.reply;
  // A handoff says why (asked for a person, a complaint…); anything else without an answer keeps the notice.
  const content = d.answer?.content ?? (d.type === 'handoff' ? botReplyText(d) : HANDOFF_REPLY);
  if (d.matters?.length) return textReply(m, `${withChoices(d, content)}\n${relatedGuides(d.matters)}`);
  if (d.type === 'suggestions' && d.suggestions?.length) return textReply(m, withChoices(d, content));
  if (r?.type === 'link') return newsReply(m, { title: r.title, description: content, url: r.url });
  if (r?.type === 'miniprogrampage') {
    const page = replyPage(r);
    const h5 = process.env.OA_H5_BASE_URL;
    if (h5) return newsReply(m, { title: r.title, description: content, url: `${h5.replace(/\/$/, '')}/#/${page}` });
    const appid = process.env.MINIPROGRAM_APPID;
    if (appid) return textReply(m, withChoices(d, `${content}\n${miniProgramLink(appid, page, r.target === 'guide' ? '查看办事指南' : '在线申办')}`));
  }
  return textReply(m, withChoices(d, content));
}

/** 相关办事指南：… — each name a mini-program link when the 服务号 prints such links (`MINIPROGRAM_APPID`). */
function relatedGuides(links: ConsultMatterLink[]): string {
  const appid = process.env.MINIPROGRAM_APPID;
  if (!appid) return matterLinksLine(links);
  const named = links.map((l) => miniProgramLink(appid, l.guideLink, l.name));
  return `相关办事指南：${named.join('、')}`;
}

const parser = new XMLParser({ parseTagValue: false, trimValues: true, processEntities: true, ignoreDeclaration: true });

/** The `<Encrypt>` of an encrypted (安全模式/兼容模式) request body. */
function encryptedPart(body: string): string | null {
  try {
    const x = (parser.parse(body) as { xml?: Record<string, unknown> }).xml;
    const e = x && typeof x === 'object' ? x.Encrypt : undefined;
    return typeof e === 'string' && e.length > 0 ? e : null;
  } catch {
    return null;
  }
}

export function parseOaXml(body: string): OaMessage | null {
  try {
    const doc = parser.parse(body) as { xml?: Record<string, unknown> };
    const x = doc.xml;
    if (!x || typeof x !== 'object') return null;
    const s = (k: string) => (typeof x[k] === 'string' || typeof x[k] === 'number' ? String(x[k]) : undefined);
    const m = { ToUserName: s('ToUserName'), FromUserName: s('FromUserName'), CreateTime: s('CreateTime'), MsgType: s('MsgType') };
    if (!m.ToUserName || !m.FromUserName || !m.MsgType || !/^[A-Za-z0-9_-]{1,64}$/.test(m.FromUserName)) return null;
    return { ...m, CreateTime: m.CreateTime ?? '0', Content: s('Content'), MsgId: s('MsgId'), Event: s('Event'), EventKey: s('EventKey'), UnionId: s('UnionId') ?? s('UnionID'), Recognition: s('Recognition') } as OaMessage;
  } catch {
    return null;
  }
}

/**
 * WeChat retries a message 3 times when no reply arrives within 5 s. The first delivery claims the
 * id; a retry gets the reply the first one stored (or `success` while it is still working).
 */
async function claim(key: string, at: string): Promise<{ first: true } | { first: false; reply?: string }> {
  const db = getDb();
  try {
    await db.collection(C.processed).add({ data: { _id: key, at } });
    return { first: true };
  } catch {
    const { data } = await db.collection(C.processed).where({ _id: db.command.eq(key) }).limit(1).get();
    return { first: false, reply: (data[0] as { reply?: string } | undefined)?.reply };
  }
}

async function follow(m: OaMessage, subscribed: boolean, at: string) {
  const db = getDb();
  const { data } = await db.collection(C.followers).where({ _id: db.command.eq(m.FromUserName) }).limit(1).get();
  const prev = data[0] as Record<string, unknown> | undefined;
  await db.collection(C.followers).doc(m.FromUserName).set({ data: {
    subscribed, at,
    ...(m.UnionId ? { unionid: m.UnionId } : prev?.unionid ? { unionid: prev.unionid } : {}),
    ...(subscribed ? { subscribedAt: at } : { unsubscribedAt: at, ...(prev?.subscribedAt ? { subscribedAt: prev.subscribedAt } : {}) }),
  } });
}

export async function handleOa(event: HttpEvent, remainingMs: () => number, now: () => Date = () => new Date()): Promise<HttpResponse> {
  const started = Date.now();
  const q = event.queryStringParameters ?? {};
  if (!verify(q)) return text(403, 'forbidden');
  const timestampMs = freshTimestampMs(q.timestamp!);
  if (timestampMs === null) return text(403, 'forbidden');
  const method = event.httpMethod.toUpperCase();
  if (method === 'GET') {
    if (!(await claimNonce(q.timestamp!, q.nonce!, timestampMs))) return text(403, 'forbidden');
    return text(200, typeof q.echostr === 'string' ? q.echostr : '');
  }
  if (method !== 'POST') return text(405, 'method not allowed');
  const mode = q.encrypt_type ?? 'raw';
  if (mode !== 'raw' && mode !== 'aes') return text(400, 'unknown encrypt_type');
  // 安全模式 configured: a plaintext body could be anyone's, whatever the query signature says.
  if (mode === 'raw' && process.env.OA_ENCODING_AES_KEY) return text(403, 'forbidden');
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (body.length > MAX_BODY) return text(413, 'too large');
  let cipher: OaCipher | undefined;
  let inner = body;
  if (mode === 'aes') {
    const c = configuredCipher();
    if (c instanceof OaCryptoConfigError) {
      console.error(`[consult] 服务号安全模式未配置：${c.message}（OA_ENCODING_AES_KEY、WX_OA_APPID）`);
      return text(500, 'encrypted mode is not configured');
    }
    const encrypt = encryptedPart(body);
    if (!encrypt) return text(400, 'bad xml');
    if (!sameSignature(oaMsgSignature(process.env.OA_TOKEN ?? '', q.timestamp!, q.nonce!, encrypt), q.msg_signature)) return text(403, 'forbidden');
    const plain = c.decrypt(encrypt);
    if (plain === null) return text(400, 'cannot decrypt');
    cipher = c;
    inner = plain;
  }
  const xmlReply = (xml: string) => text(200, cipher ? sealedReply(cipher, xml, q.nonce!) : xml, 'application/xml');
  const m = parseOaXml(inner);
  if (!m) return text(400, 'bad xml');
  if (!(await claimNonce(q.timestamp!, q.nonce!, timestampMs))) return text(403, 'forbidden');
  const at = new Date().toISOString();
  const key = m.MsgId ? `oa:${m.MsgId}` : `oa:${m.FromUserName}:${m.CreateTime}:${m.Event ?? m.MsgType}`;
  const claimed = await claim(key, at);
  // Stored in the clear and sealed per response: each retry carries its own nonce.
  if (!claimed.first) return claimed.reply ? xmlReply(claimed.reply) : text(200, 'success');
  const done = async (xml: string | null) => {
    if (xml) await getDb().collection(C.processed).doc(key).update({ data: { reply: xml } }).catch(() => undefined);
    return xml ? xmlReply(xml) : text(200, 'success');
  };

  if (m.MsgType === 'event') {
    const ev = (m.Event ?? '').toLowerCase();
    if (ev === 'subscribe') { await follow(m, true, at); return done(textReply(m, OA_WELCOME)); }
    if (ev === 'unsubscribe') { await follow(m, false, at); return done(null); }
    return done(null);
  }
  // Voice with 语音识别 on carries the recognised text.
  const said = m.MsgType === 'text' ? (m.Content ?? '') : m.MsgType === 'voice' ? (m.Recognition ?? '') : '';
  if (!said.trim()) return done(textReply(m, '目前只能识别文字消息，请用文字描述您要咨询的问题。'));
  const overBudget = () => Date.now() - started > ANSWER_BUDGET_MS || remainingMs() < 1000;
  try {
    const out = await handleCitizenMessage({ openid: m.FromUserName, text: said, channel: 'oa', now: now() });
    if (overBudget()) return done(null);
    return done(out.notice ? textReply(m, out.notice) : replyFor(m, out.decision));
  } catch (e) {
    // Only a DomainError's message is written for people; anything else stays in the log.
    if (!(e instanceof DomainError)) console.error('[consult] 服务号 message failed', e);
    const message = e instanceof DomainError ? e.message : '系统繁忙，请稍后再试';
    return done(textReply(m, message));
  }
}

export function isOaHttpEvent(event: unknown, wx: Record<string, unknown>): event is HttpEvent {
  if (wx.SOURCE !== 'wx_http' || !event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  return typeof e.httpMethod === 'string' && typeof e.path === 'string' && /\/oa\/?$/.test(e.path.split('?')[0]);
}

export const oaEntry: PlatformEntry = {
  name: 'official-account',
  recognise: isOaHttpEvent,
  handle: (event, _wx, ctx) => handleOa(event as HttpEvent, ctx.remainingMs, ctx.now),
};

/** Any other HTTP access to consult: nothing is served there. */
export const httpFallback: PlatformEntry = {
  name: 'http-not-found',
  recognise: (event, wx) => wx.SOURCE === 'wx_http' && !!event && typeof event === 'object' && 'httpMethod' in event,
  handle: async () => text(404, 'not found'),
};
