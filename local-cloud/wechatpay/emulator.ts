/**
 * WeChat Pay APIv3 emulator (直连商户, JSAPI / 小程序支付): the endpoints the `pay` function uses,
 * with WeChat Pay's rules — signed requests only, signed replies, encrypted notifications sent
 * (by default) twice, `out_trade_no` unique per merchant and never reusable once closed, close
 * refused within 5 minutes of creation, refunds keyed by `out_refund_no`, a daily trade bill.
 *
 * `confirm(outTradeNo)` stands in for the citizen confirming in WeChat's payment sheet.
 * State lives in memory (it is the "other side", which the functions only reach over HTTP) and,
 * with `stateFile`, is also written to disk after each change, as WeChat Pay's orders outlive
 * any restart of ours (state-file.ts).
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateTestKeys, randomAlnum, type WechatPayTestKeys } from './keys';
import { readState, writeState } from './state-file';
import { encryptResource, parseAuthorization, platformHeaders, verifyRequest } from './protocol';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';

interface Order {
  appid: string;
  mchid: string;
  description: string;
  outTradeNo: string;
  attach?: string;
  notifyUrl: string;
  total: number;
  currency: string;
  openid: string;
  timeExpire: Date;
  createdAt: Date;
  prepayId: string;
  requestBody: string;
  state: TradeState;
  transactionId?: string;
  successTime?: Date;
}

interface Refund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  refund: number;
  status: 'PROCESSING' | 'SUCCESS';
  createdAt: Date;
  successTime?: Date;
  notifyUrl?: string;
}

export interface Notification {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Delivers one notification and answers the endpoint's HTTP status. */
export type Deliver = (n: Notification) => Promise<number>;

export interface EmulatorOptions {
  appid: string;
  mchid?: string;
  keys?: WechatPayTestKeys;
  /** How many times a success is notified (WeChat sends at least once; default 2). 0 drops them. */
  notifyCopies?: number;
  /** Default: an HTTP POST to the order's notify_url. */
  deliver?: Deliver;
  now?: () => Date;
  /** JSON file that keeps orders and refunds across restarts (the preview's data dir). */
  stateFile?: string;
}

export interface EmulatorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CLOSE_AFTER_MS = 5 * 60_000;
const OUT_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

const err = (status: number, code: string, message: string) => ({ status, json: { code, message } as unknown });

export class WechatPayEmulator {
  readonly keys: WechatPayTestKeys;
  notifyCopies: number;
  /** The business clock (order age, expiry, bill days); signatures always carry the real time. */
  now: () => Date;
  /** Where the trade bill's download_url points (set by `listen`). */
  baseUrl = 'http://127.0.0.1';
  private readonly orders = new Map<string, Order>();
  private readonly refunds = new Map<string, Refund>();
  private readonly deliver: Deliver;
  private readonly billTokens = new Map<string, string>();
  private server?: http.Server;
  /** Notifications in flight, so tests (and close) can wait for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stateFile?: string;

  constructor(options: EmulatorOptions) {
    this.keys = options.keys ?? generateTestKeys(options.appid, options.mchid);
    this.notifyCopies = options.notifyCopies ?? 2;
    this.now = options.now ?? (() => new Date());
    this.deliver = options.deliver ?? postNotification;
    if (options.stateFile) {
      this.stateFile = options.stateFile;
      const state = readState<Order, Refund>(options.stateFile);
      for (const o of state.orders) this.orders.set(o.outTradeNo, o);
      let settled = false;
      for (const r of state.refunds) {
        this.refunds.set(r.outRefundNo, r);
        // A refund accepted before the restart settles now; the merchant's refund query (reconcile)
        // confirms it, as when a WeChat notification is lost.
        const order = this.orders.get(r.outTradeNo);
        if (r.status === 'PROCESSING' && order) {
          r.status = 'SUCCESS';
          r.successTime = this.now();
          order.state = 'REFUND';
          settled = true;
        }
      }
      if (settled) this.save();
    }
  }

  /** Keeps the disk copy in step; called after every change to an order or refund. */
  private save(): void {
    if (this.stateFile) writeState(this.stateFile, { orders: [...this.orders.values()], refunds: [...this.refunds.values()] });
  }

  /** The trade state an order has now (tests, the preview sheet). */
  stateOf(outTradeNo: string): TradeState | undefined {
    return this.orders.get(outTradeNo)?.state;
  }

  /** Who the order is for (the payment sheet only opens for that user). */
  payerOf(outTradeNo: string): string | undefined {
    return this.orders.get(outTradeNo)?.openid;
  }

  orderCount(): number {
    return this.orders.size;
  }

  /** The citizen confirmed in the payment sheet: the payment succeeds and is notified. */
  async confirm(outTradeNo: string, outcome: 'success' | 'insufficient' = 'success'): Promise<{ ok: boolean; message: string }> {
    const order = this.orders.get(outTradeNo);
    if (!order) return { ok: false, message: '订单不存在' };
    if (order.state !== 'NOTPAY') return { ok: false, message: order.state === 'SUCCESS' ? '订单已支付' : '订单已关闭' };
    if (this.now() >= order.timeExpire) return { ok: false, message: '订单已过期' };
    if (outcome === 'insufficient') return { ok: false, message: '零钱余额不足，请更换支付方式' };
    order.state = 'SUCCESS';
    order.transactionId = `4200${Date.now()}${randomDigits(10)}`.slice(0, 28);
    order.successTime = this.now();
    this.save();
    await this.notify(order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', this.transactionView(order));
    return { ok: true, message: '支付成功' };
  }

  /**
   * A notification signed with WeChat Pay's key and encrypted with the APIv3 key, for any resource
   * (tests use it to send a well-formed notification whose content disagrees with the order).
   */
  signedNotification(url: string, eventType: string, summary: string, originalType: string, resource: unknown): Notification {
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: rfc3339(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: encryptResource(resource, originalType, this.keys.apiV3Key),
    });
    return { url, body, headers: { 'Content-Type': 'application/json', ...platformHeaders(body, this.keys.platformPrivateKey, this.keys.platformPublicKeyId, new Date()) } };
  }

  /** Waits until every notification sent so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async notify(url: string, eventType: string, summary: string, originalType: string, resource: unknown): Promise<void> {
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < this.notifyCopies; i += 1) {
      // Each copy is signed afresh, as WeChat's retries are.
      const p = this.deliver(this.signedNotification(url, eventType, summary, originalType, resource)).catch(() => 0);
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
      sends.push(p);
    }
    await Promise.allSettled(sends);
  }

  private transactionView(o: Order): Record<string, unknown> {
    const paid = o.state === 'SUCCESS' || o.state === 'REFUND';
    return {
      appid: o.appid,
      mchid: o.mchid,
      out_trade_no: o.outTradeNo,
      ...(o.transactionId ? { transaction_id: o.transactionId } : {}),
      trade_type: paid ? 'JSAPI' : '',
      trade_state: o.state,
      trade_state_desc: STATE_DESC[o.state],
      ...(paid ? { bank_type: 'OTHERS', success_time: rfc3339(o.successTime ?? this.now()) } : {}),
      ...(o.attach !== undefined ? { attach: o.attach } : {}),
      payer: { openid: o.openid },
      amount: paid ? { total: o.total, payer_total: o.total, currency: o.currency, payer_currency: o.currency } : { currency: o.currency },
    };
  }

  private refundView(r: Refund, o: Order): Record<string, unknown> {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: o.transactionId,
      out_trade_no: o.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime ? { success_time: rfc3339(r.successTime) } : {}),
      create_time: rfc3339(r.createdAt),
      status: r.status,
      amount: { total: o.total, refund: r.refund, payer_total: o.total, payer_refund: r.refund, currency: o.currency },
    };
  }

  /** One HTTP request to the API; the reply is signed as WeChat Pay signs its replies. */
  async handle(method: string, pathAndQuery: string, headers: Record<string, string | undefined>, body: string): Promise<EmulatorReply> {
    const url = new URL(pathAndQuery, 'http://api.local');
    if (method === 'GET' && url.pathname === '/v3/billdownload/file') return this.download(url);
    const auth = parseAuthorization(headers.authorization);
    if (!auth || auth.mchid !== this.keys.mchid || auth.serialNo !== this.keys.merchantSerialNo
      || !verifyRequest(auth, method, pathAndQuery, body, this.keys.merchantPublicKey)) {
      return this.reply(401, { code: 'SIGN_ERROR', message: '签名错误' });
    }
    const { status, json } = await this.route(method, url, body);
    return this.reply(status, json);
  }

  private reply(status: number, json: unknown): EmulatorReply {
    const body = json === undefined ? '' : JSON.stringify(json);
    return {
      status,
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...platformHeaders(body, this.keys.platformPrivateKey, this.keys.platformPublicKeyId, new Date()), 'Request-ID': crypto.randomUUID() },
      body,
    };
  }

  private async route(method: string, url: URL, body: string): Promise<{ status: number; json: unknown }> {
    const p = url.pathname;
    let parsed: Record<string, unknown> = {};
    if (method === 'POST') {
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return err(400, 'PARAM_ERROR', '请求体不是合法的JSON');
      }
    }
    if (method === 'POST' && p === '/v3/pay/transactions/jsapi') return this.createOrder(parsed, body);
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(p);
    if (method === 'GET' && query) return this.queryOrder(decodeURIComponent(query[1] ?? ''), url.searchParams.get('mchid'));
    const close = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(p);
    if (method === 'POST' && close) return this.closeOrder(decodeURIComponent(close[1] ?? ''), parsed);
    if (method === 'POST' && p === '/v3/refund/domestic/refunds') return this.createRefund(parsed);
    const refund = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(p);
    if (method === 'GET' && refund) return this.queryRefund(decodeURIComponent(refund[1] ?? ''));
    if (method === 'GET' && p === '/v3/bill/tradebill') return this.tradeBill(url.searchParams);
    return err(404, 'NOT_FOUND', '接口不存在');
  }

  private createOrder(b: Record<string, unknown>, raw: string): { status: number; json: unknown } {
    const amount = b.amount as { total?: unknown; currency?: unknown } | undefined;
    const payer = b.payer as { openid?: unknown } | undefined;
    const outTradeNo = typeof b.out_trade_no === 'string' ? b.out_trade_no : '';
    if (b.mchid !== this.keys.mchid) return err(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (b.appid !== this.keys.appid) return err(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (!OUT_NO.test(outTradeNo)) return err(400, 'PARAM_ERROR', '输入源“/body/out_trade_no”映射到值字段“商户订单号”字符串规则校验失败');
    if (typeof b.description !== 'string' || b.description.length < 1 || b.description.length > 127) return err(400, 'PARAM_ERROR', '商品描述不合法');
    if (typeof b.notify_url !== 'string' || !/^https?:\/\//.test(b.notify_url)) return err(400, 'PARAM_ERROR', '通知地址不合法');
    if (!amount || !Number.isInteger(amount.total) || (amount.total as number) < 1) return err(400, 'PARAM_ERROR', '订单金额不合法');
    if (amount.currency !== undefined && amount.currency !== 'CNY') return err(400, 'PARAM_ERROR', '币种不合法');
    if (!payer || typeof payer.openid !== 'string' || !payer.openid) return err(400, 'PARAM_ERROR', '缺少payer.openid');
    const expire = typeof b.time_expire === 'string' ? new Date(b.time_expire) : new Date(this.now().getTime() + 2 * 3600_000);
    if (Number.isNaN(expire.getTime())) return err(400, 'PARAM_ERROR', 'time_expire格式不正确');
    const existing = this.orders.get(outTradeNo);
    if (existing) {
      if (existing.state === 'CLOSED') return err(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.state !== 'NOTPAY') return err(400, 'ORDERPAID', '该订单已支付');
      if (existing.requestBody !== raw && !sameOrder(existing, b)) return err(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return { status: 200, json: { prepay_id: existing.prepayId } };
    }
    const order: Order = {
      appid: b.appid as string, mchid: b.mchid as string, description: b.description, outTradeNo,
      ...(typeof b.attach === 'string' ? { attach: b.attach } : {}),
      notifyUrl: b.notify_url, total: amount.total as number, currency: 'CNY', openid: payer.openid,
      timeExpire: expire, createdAt: this.now(), prepayId: `wx${randomDigits(14)}${randomAlnum(20)}`, requestBody: raw, state: 'NOTPAY',
    };
    this.orders.set(outTradeNo, order);
    this.save();
    return { status: 200, json: { prepay_id: order.prepayId } };
  }

  private queryOrder(outTradeNo: string, mchid: string | null): { status: number; json: unknown } {
    if (mchid !== this.keys.mchid) return err(400, 'PARAM_ERROR', 'mchid不正确');
    const order = this.orders.get(outTradeNo);
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, json: this.transactionView(order) };
  }

  private closeOrder(outTradeNo: string, b: Record<string, unknown>): { status: number; json: unknown } {
    if (b.mchid !== this.keys.mchid) return err(400, 'PARAM_ERROR', 'mchid不正确');
    const order = this.orders.get(outTradeNo);
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.state === 'SUCCESS' || order.state === 'REFUND') return err(400, 'ORDERPAID', '订单已支付，不能关闭');
    if (this.now().getTime() - order.createdAt.getTime() < CLOSE_AFTER_MS) return err(400, 'INVALID_REQUEST', '订单创建后5分钟内不能关闭');
    order.state = 'CLOSED';
    this.save();
    return { status: 204, json: undefined };
  }

  private async createRefund(b: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const outRefundNo = typeof b.out_refund_no === 'string' ? b.out_refund_no : '';
    const order = typeof b.out_trade_no === 'string' ? this.orders.get(b.out_trade_no) : undefined;
    const amount = b.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (!OUT_NO.test(outRefundNo)) return err(400, 'PARAM_ERROR', 'out_refund_no不合法');
    if (!order) return err(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const known = this.refunds.get(outRefundNo);
    if (known) return { status: 200, json: this.refundView(known, order) };
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return err(403, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (!amount || !Number.isInteger(amount.refund) || (amount.refund as number) < 1) return err(400, 'PARAM_ERROR', '退款金额不合法');
    if (amount.total !== order.total) return err(400, 'PARAM_ERROR', '订单金额与原订单不一致');
    if (amount.currency !== 'CNY') return err(400, 'PARAM_ERROR', '币种不合法');
    const refunded = [...this.refunds.values()].filter((r) => r.outTradeNo === order.outTradeNo).reduce((s, r) => s + r.refund, 0);
    if (refunded + (amount.refund as number) > order.total) return err(403, 'NOT_ENOUGH', '可退金额不足');
    const refund: Refund = {
      outRefundNo, refundId: `50${randomDigits(27)}`, outTradeNo: order.outTradeNo, refund: amount.refund as number,
      status: 'PROCESSING', createdAt: this.now(), ...(typeof b.notify_url === 'string' ? { notifyUrl: b.notify_url } : { notifyUrl: order.notifyUrl }),
    };
    this.refunds.set(outRefundNo, refund);
    this.save();
    const view = this.refundView(refund, order);
    // The refund settles after the reply, as WeChat's does: confirmation comes by notification or query.
    setImmediate(() => void this.settleRefund(refund, order));
    return { status: 200, json: view };
  }

  private async settleRefund(refund: Refund, order: Order): Promise<void> {
    refund.status = 'SUCCESS';
    refund.successTime = this.now();
    order.state = 'REFUND';
    this.save();
    const resource = {
      mchid: order.mchid, out_trade_no: order.outTradeNo, transaction_id: order.transactionId, out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId, refund_status: 'SUCCESS', success_time: rfc3339(refund.successTime), user_received_account: '支付用户零钱',
      amount: { total: order.total, refund: refund.refund, payer_total: order.total, payer_refund: refund.refund },
    };
    if (refund.notifyUrl) await this.notify(refund.notifyUrl, 'REFUND.SUCCESS', '退款成功', 'refund', resource);
  }

  private queryRefund(outRefundNo: string): { status: number; json: unknown } {
    const refund = this.refunds.get(outRefundNo);
    const order = refund && this.orders.get(refund.outTradeNo);
    if (!refund || !order) return err(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return { status: 200, json: this.refundView(refund, order) };
  }

  /** 交易账单: only for days that have ended (Asia/Shanghai), as WeChat generates it the next morning. */
  private tradeBill(q: URLSearchParams): { status: number; json: unknown } {
    const date = q.get('bill_date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return err(400, 'PARAM_ERROR', 'bill_date格式不正确');
    if (date >= shanghaiDate(this.now())) return err(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
    const csv = this.billCsv(date);
    const token = randomAlnum(24);
    this.billTokens.set(token, csv);
    return {
      status: 200,
      json: { hash_type: 'SHA1', hash_value: crypto.createHash('sha1').update(csv).digest('hex'), download_url: `${this.baseUrl}/v3/billdownload/file?token=${token}` },
    };
  }

  private download(url: URL): EmulatorReply {
    const csv = this.billTokens.get(url.searchParams.get('token') ?? '');
    if (csv === undefined) return this.reply(404, { code: 'RESOURCE_NOT_EXISTS', message: '账单文件不存在' });
    return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: csv };
  }

  /** The trade bill's layout: a header row, one backtick-prefixed row per trade, then the totals. */
  private billCsv(date: string): string {
    const rows = [...this.orders.values()].filter((o) => o.successTime && shanghaiDate(o.successTime) === date);
    const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    const lines = rows.map((o) => [
      shanghaiDateTime(o.successTime as Date), o.appid, o.mchid, '0', '', o.transactionId, o.outTradeNo, o.openid, 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY',
      yuan(o.total), '0.00', '0', '0', '0.00', '0.00', '', '', o.description, o.attach ?? '', '0.00000', '0.00%', yuan(o.total), '0.00', '',
    ].map((v) => `\`${String(v)}`).join(','));
    const total = rows.reduce((s, o) => s + o.total, 0);
    return [header, ...lines, '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      [rows.length, yuan(total), '0.00', '0.00', '0.00000', yuan(total), '0.00'].map((v) => `\`${String(v)}`).join(',')].join('\r\n');
  }

  /** Serves the API on a local port (0 = any); the base URL is what the `pay` function is given. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        this.handle(req.method ?? 'GET', req.url ?? '/', headers, Buffer.concat(chunks).toString('utf8'))
          .then((r) => {
            res.writeHead(r.status, r.headers);
            res.end(r.body);
          })
          .catch(() => {
            res.writeHead(500);
            res.end();
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    this.server = server;
    this.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await this.settled();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

const STATE_DESC: Record<TradeState, string> = { NOTPAY: '订单未支付', SUCCESS: '支付成功', CLOSED: '订单已关闭', REFUND: '转入退款', PAYERROR: '支付失败' };

function sameOrder(o: Order, b: Record<string, unknown>): boolean {
  const amount = b.amount as { total?: unknown } | undefined;
  return b.description === o.description && amount?.total === o.total && (b.payer as { openid?: unknown } | undefined)?.openid === o.openid;
}

function randomDigits(n: number): string {
  let s = '';
  while (s.length < n) s += String(crypto.randomInt(0, 1_000_000_000)).padStart(9, '0');
  return s.slice(0, n);
}

function shanghai(d: Date): Date {
  return new Date(d.getTime() + 8 * 3600_000);
}
function shanghaiDate(d: Date): string {
  return shanghai(d).toISOString().slice(0, 10);
}
function shanghaiDateTime(d: Date): string {
  return shanghai(d).toISOString().slice(0, 19).replace('T', ' ');
}
/** RFC 3339 in +08:00, the form WeChat Pay writes times in. */
export function rfc3339(d: Date): string {
  return `${shanghai(d).toISOString().slice(0, 19)}+08:00`;
}

/** Default delivery: POST to the notify_url, as WeChat Pay does. */
async function postNotification(n: Notification): Promise<number> {
  const res = await fetch(n.url, { method: 'POST', headers: n.headers, body: n.body, signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return res.status;
}
