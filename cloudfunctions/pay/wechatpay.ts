/**
 * WeChat Pay APIv3 client (直连商户, JSAPI). The cryptography is wechatpay-axios-plugin's (issue #16:
 * a maintained APIv3 library, never hand-rolled): `Rsa.sign` for the request Authorization and
 * paySign, `Rsa.verify` for reply and notification signatures, `Aes.AesGcm.decrypt` for notification
 * resources, `Formatter` for the nonce and the documented message layouts.
 *
 * The library's axios client is not used; our small node:http transport below stays because it
 * (1) maps every failure to ProviderError the way settle/reconcile expect, (2) needs no axios
 * interceptors to verify replies (we verify each reply ourselves, in one place), and (3) keeps the
 * bundle smaller: the three modules are imported one by one (types/wechatpay-axios-plugin-lib.d.ts),
 * so the XML transformer and multipart stay out. lib/utils.js still requires axios for its version
 * string, so axios is bundled (docs/pay.md has the measured sizes). The trade bill's SHA1 is a plain
 * checksum, not a signature: node:crypto's createHash.
 *
 * Configuration comes only from environment variables (docs/pay.md); production and the local
 * emulator differ only in WECHATPAY_BASE_URL and the key values.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import Rsa = require('wechatpay-axios-plugin/lib/rsa');
import Aes = require('wechatpay-axios-plugin/lib/aes');
import Formatter = require('wechatpay-axios-plugin/lib/formatter');
import {
  ProviderError, type BillRow, type CreateOrder, type PaymentParams, type PaymentProvider,
  type ProviderOrder, type ProviderRefund, type ProviderTradeState,
} from './provider';

export interface WechatPayConfig {
  baseUrl: string;
  appid: string;
  mchid: string;
  apiV3Key: string;
  privateKey: string;
  serialNo: string;
  /** 微信支付公钥 (or the platform certificate's public key) and its ID / serial. */
  platformPublicKey: string;
  platformPublicKeyId: string;
  notifyUrl: string;
}

export const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
/** A reply or notification older (or newer) than this is refused: it may be a replay. */
const MAX_SKEW_SECONDS = 300;

/** Reads the configuration; null when the merchant is not configured (payments then refuse). */
export function configFromEnv(env: Record<string, string | undefined>): WechatPayConfig | null {
  const pem = (v: string | undefined) => v?.replace(/\\n/g, '\n');
  const c = {
    baseUrl: env.WECHATPAY_BASE_URL || DEFAULT_BASE_URL,
    appid: env.WECHATPAY_APPID ?? '',
    mchid: env.WECHATPAY_MCHID ?? '',
    apiV3Key: env.WECHATPAY_API_V3_KEY ?? '',
    privateKey: pem(env.WECHATPAY_PRIVATE_KEY) ?? '',
    serialNo: env.WECHATPAY_SERIAL_NO ?? '',
    platformPublicKey: pem(env.WECHATPAY_PUBLIC_KEY) ?? '',
    platformPublicKeyId: env.WECHATPAY_PUBLIC_KEY_ID ?? '',
    notifyUrl: env.WECHATPAY_NOTIFY_URL ?? '',
  };
  return Object.values(c).every((v) => v !== '') && Buffer.byteLength(c.apiV3Key) === 32 ? c : null;
}

/** `Authorization` for one request: RSA-SHA256 over METHOD\nURL\ntimestamp\nnonce\nbody\n. */
export function authorization(c: Pick<WechatPayConfig, 'mchid' | 'serialNo' | 'privateKey'>, method: string, pathAndQuery: string, body: string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  const nonce = Formatter.nonce();
  const signature = Rsa.sign(Formatter.request(method, pathAndQuery, timestamp, nonce, body), c.privateKey);
  return Formatter.authorization(c.mchid, nonce, signature, timestamp, c.serialNo);
}

/** `wx.requestPayment` parameters: paySign = RSA-SHA256 over appid\ntimeStamp\nnonceStr\npackage\n. */
export function paymentParams(c: Pick<WechatPayConfig, 'appid' | 'privateKey'>, prepayId: string, now = new Date()): PaymentParams {
  const timeStamp = String(Math.floor(now.getTime() / 1000));
  const nonceStr = Formatter.nonce();
  const pkg = `prepay_id=${prepayId}`;
  const paySign = Rsa.sign(Formatter.joinedByLineFeed(c.appid, timeStamp, nonceStr, pkg), c.privateKey);
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
}

/** Checks `Wechatpay-*` headers over a reply or notification body. */
export function verifyPlatformSignature(c: Pick<WechatPayConfig, 'platformPublicKey' | 'platformPublicKeyId'>, headers: Record<string, string>, body: string, now = new Date()): boolean {
  const h = lower(headers);
  const timestamp = h['wechatpay-timestamp'];
  const nonce = h['wechatpay-nonce'];
  const signature = h['wechatpay-signature'];
  if (!timestamp || !nonce || !signature || h['wechatpay-serial'] !== c.platformPublicKeyId) return false;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - now.getTime() / 1000) > MAX_SKEW_SECONDS) return false;
  try {
    return Rsa.verify(Formatter.response(timestamp, nonce, body), signature, c.platformPublicKey);
  } catch {
    return false;
  }
}

/** AEAD_AES_256_GCM resource → its JSON; null when the key, nonce, data or tag do not match. */
export function decryptResource(apiV3Key: string, r: { ciphertext?: unknown; nonce?: unknown; associated_data?: unknown; algorithm?: unknown }): unknown {
  if (r.algorithm !== 'AEAD_AES_256_GCM' || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') return null;
  // Shorter than one 16-byte tag plus a byte is not a resource; the library would slice it anyway.
  if (Buffer.from(r.ciphertext, 'base64').length < 17) return null;
  try {
    const aad = typeof r.associated_data === 'string' ? r.associated_data : '';
    return JSON.parse(Aes.AesGcm.decrypt(r.ciphertext, apiV3Key, r.nonce, aad));
  } catch {
    return null;
  }
}

function lower(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

interface Reply { status: number; headers: Record<string, string>; body: string }

function send(method: string, url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Reply> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method, headers: { ...headers, ...(body ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`微信支付 ${timeoutMs} ms 内未应答`)));
    req.on('error', reject);
    req.end(body || undefined);
  });
}

const STATES: readonly ProviderTradeState[] = ['NOTPAY', 'SUCCESS', 'CLOSED', 'REFUND', 'PAYERROR', 'USERPAYING', 'REVOKED'];

function toOrder(j: Record<string, any>): ProviderOrder {
  const state = STATES.includes(j.trade_state) ? (j.trade_state as ProviderTradeState) : 'PAYERROR';
  return {
    appid: String(j.appid ?? ''), mchid: String(j.mchid ?? ''), outTradeNo: String(j.out_trade_no ?? ''), state,
    ...(j.transaction_id ? { transactionId: String(j.transaction_id) } : {}),
    ...(Number.isInteger(j.amount?.total) ? { totalFen: j.amount.total as number } : {}),
    ...(typeof j.amount?.currency === 'string' ? { currency: j.amount.currency as string } : {}),
    ...(typeof j.success_time === 'string' ? { successTime: j.success_time as string } : {}),
    ...(typeof j.payer?.openid === 'string' ? { payerOpenid: j.payer.openid as string } : {}),
  };
}

function toRefund(j: Record<string, any>): ProviderRefund {
  const status = j.status ?? j.refund_status;
  return {
    outRefundNo: String(j.out_refund_no ?? ''), outTradeNo: String(j.out_trade_no ?? ''),
    ...(j.refund_id ? { refundId: String(j.refund_id) } : {}),
    status: ['SUCCESS', 'PROCESSING', 'CLOSED', 'ABNORMAL'].includes(status) ? status : 'PROCESSING',
    refundFen: Number.isInteger(j.amount?.refund) ? (j.amount.refund as number) : 0,
  };
}

/**
 * Trade bill text → rows. The layout (交易账单): a header row, one row per trade, the totals' header
 * row (总交易单数,…) and the totals row; every value is prefixed with a backtick, the header rows are
 * not; amounts are in 元. Only rows between the two header rows are trades: on a day with no trades
 * the totals row (`0,`0.00,…) comes right after the header and must not be read as a trade.
 */
export function parseTradeBill(text: string): BillRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const isHeader = (l: string) => !l.startsWith('`');
  const headerAt = lines.findIndex(isHeader);
  if (headerAt === -1) return [];
  const totalsHeaderAt = lines.findIndex((l, i) => i > headerAt && isHeader(l));
  const trades = lines.slice(headerAt + 1, totalsHeaderAt === -1 ? lines.length : totalsHeaderAt);
  return trades.map((l) => {
    const f = l.split(',').map((v) => v.replace(/^`/, ''));
    return { transactionId: f[5] ?? '', outTradeNo: f[6] ?? '', state: f[9] ?? '', totalFen: Math.round(Number(f[12] ?? '0') * 100) };
  });
}

export function wechatPay(c: WechatPayConfig, timeoutMs = 4000): PaymentProvider {
  async function call(method: 'GET' | 'POST', pathAndQuery: string, json?: unknown): Promise<{ status: number; json: any }> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const url = new URL(pathAndQuery, c.baseUrl);
    const reply = await send(method, url, {
      Authorization: authorization(c, method, pathAndQuery, body),
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    }, body, timeoutMs);
    // A reply that does not carry WeChat Pay's signature is not WeChat Pay's answer.
    if (!verifyPlatformSignature(c, reply.headers, reply.body)) throw new ProviderError(reply.status, 'BAD_SIGNATURE', '微信支付应答签名校验失败');
    const parsed = reply.body ? JSON.parse(reply.body) : undefined;
    return { status: reply.status, json: parsed };
  }
  const fail = (r: { status: number; json: any }): never => {
    throw new ProviderError(r.status, String(r.json?.code ?? 'UNKNOWN'), String(r.json?.message ?? '微信支付返回错误'));
  };

  return {
    appid: c.appid,
    mchid: c.mchid,
    async createOrder(o: CreateOrder) {
      const r = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: c.appid, mchid: c.mchid, description: o.description.slice(0, 127), out_trade_no: o.outTradeNo,
        time_expire: rfc3339(o.expiresAt), notify_url: c.notifyUrl, amount: { total: o.totalFen, currency: 'CNY' },
        payer: { openid: o.openid }, ...(o.attach ? { attach: o.attach } : {}),
      });
      if (r.status !== 200 || typeof r.json?.prepay_id !== 'string') return fail(r);
      return paymentParams(c, r.json.prepay_id as string);
    },
    async queryOrder(outTradeNo) {
      const r = await call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${c.mchid}`);
      if (r.status === 404) return null;
      if (r.status !== 200) return fail(r);
      return toOrder(r.json);
    },
    async closeOrder(outTradeNo) {
      const r = await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: c.mchid });
      if (r.status !== 204) fail(r);
    },
    async refund(x) {
      const r = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: x.outTradeNo, out_refund_no: x.outRefundNo, reason: x.reason.slice(0, 80), notify_url: c.notifyUrl,
        amount: { refund: x.refundFen, total: x.totalFen, currency: 'CNY' },
      });
      if (r.status !== 200) return fail(r);
      return toRefund(r.json);
    },
    async queryRefund(outRefundNo) {
      const r = await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      if (r.status === 404) return null;
      if (r.status !== 200) return fail(r);
      return toRefund(r.json);
    },
    async tradeBill(date) {
      const r = await call('GET', `/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`);
      if (r.status !== 200) return fail(r);
      const link = new URL(String(r.json.download_url));
      const file = await send('GET', link, { Authorization: authorization(c, 'GET', link.pathname + link.search, '') }, '', timeoutMs);
      if (file.status !== 200) throw new ProviderError(file.status, 'DOWNLOAD_FAILED', '账单下载失败');
      if (crypto.createHash('sha1').update(file.body).digest('hex') !== r.json.hash_value) throw new ProviderError(200, 'HASH_MISMATCH', '账单摘要不符');
      return parseTradeBill(file.body);
    },
    readNotification(headers, body) {
      if (!verifyPlatformSignature(c, headers, body)) return null;
      let n: any;
      try {
        n = JSON.parse(body);
      } catch {
        return null;
      }
      const plain = decryptResource(c.apiV3Key, n?.resource ?? {}) as Record<string, any> | null;
      if (!plain) return null;
      if (n.event_type === 'TRANSACTION.SUCCESS') return { kind: 'transaction', order: toOrder(plain) };
      if (typeof n.event_type === 'string' && n.event_type.startsWith('REFUND.')) {
        return { kind: 'refund', refund: toRefund({ ...plain, status: plain.refund_status }) };
      }
      return null;
    },
  };
}

function rfc3339(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
