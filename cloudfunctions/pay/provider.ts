/**
 * The payment provider behind the `pay` function. WeChat Pay APIv3 (wechatpay.ts) is the only one
 * now; a province's 统一公共支付平台 (非税收入, 缴款码) can be added behind the same interface later.
 * Amounts are integers in 分. Every answer is what the provider says: the truth about a payment is
 * always the provider's order as queried, never the client's callback.
 */

export interface CreateOrder {
  outTradeNo: string;
  description: string;
  totalFen: number;
  openid: string;
  expiresAt: Date;
  attach?: string;
}

/** Parameters for `wx.requestPayment`. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type ProviderTradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR' | 'USERPAYING' | 'REVOKED';

export interface ProviderOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  transactionId?: string;
  state: ProviderTradeState;
  /** Paid amount in 分 (when paid). */
  totalFen?: number;
  currency?: string;
  successTime?: string;
  payerOpenid?: string;
}

export interface ProviderRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundId?: string;
  status: 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL';
  refundFen: number;
}

/** One row of the provider's daily trade bill. */
export interface BillRow {
  outTradeNo: string;
  transactionId: string;
  state: string;
  totalFen: number;
}

export type Notice =
  | { kind: 'transaction'; order: ProviderOrder }
  | { kind: 'refund'; refund: ProviderRefund };

export class ProviderError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface PaymentProvider {
  /** Creates (or, for the same number and content, finds) an order and signs the client's parameters. */
  createOrder(o: CreateOrder): Promise<PaymentParams>;
  /** null when the provider has no such order. */
  queryOrder(outTradeNo: string): Promise<ProviderOrder | null>;
  closeOrder(outTradeNo: string): Promise<void>;
  refund(r: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason: string }): Promise<ProviderRefund>;
  queryRefund(outRefundNo: string): Promise<ProviderRefund | null>;
  tradeBill(date: string): Promise<BillRow[]>;
  /** Verifies and decrypts a notification; null when its signature (or anything else) does not check. */
  readNotification(headers: Record<string, string>, body: string): Notice | null;
  /** The appid and merchant orders must belong to. */
  readonly appid: string;
  readonly mchid: string;
}
