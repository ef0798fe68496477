/** The pay function's actions and the shapes they exchange (part of the contract in core/api.ts). */

export type BillStatus = 'unpaid' | 'paying' | 'paid' | 'waived' | 'refunding' | 'refunded' | 'closed';

/** One fee item, an integer number of 分. */
export interface FeeLine {
  name: string;
  amountFen: number;
}

export interface BillView {
  id: string;
  applicationId: string;
  applicationNo: string;
  matterName: string;
  items: FeeLine[];
  totalFen: number;
  status: BillStatus;
  /** Pay before this instant (ISO). */
  expiresAt?: string;
  paidFen: number;
  refundedFen: number;
  waiver?: { reason: string; at: string };
}

/** 财政电子票据 elements issued for a payment. */
export interface ReceiptView {
  name: string;
  /** 票据代码, 8 digits. */
  code: string;
  /** 票据号码, 10 digits, sequential without gaps. */
  number: string;
  checkCode: string;
  issuedAt: string;
  /** 交款人, masked. */
  payer: string;
  items: (FeeLine & { standard: string })[];
  totalFen: number;
  /** 开票单位. */
  issuer: string;
  /** 财政监制 (the seal's text). */
  supervisor: string;
}

/** `wx.requestPayment` parameters. */
export interface PaymentParamsView {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** 对账: one day's WeChat Pay trade bill against our bills. */
export interface ReconcileReportView {
  date: string;
  /** Rows in the trade bill / our bills paid that day. */
  providerCount: number;
  ourCount: number;
  providerTotalFen: number;
  ourTotalFen: number;
  mismatches: { outTradeNo: string; reason: string }[];
  at: string;
  /** How many admins were sent the day's differences (0 when there were none). */
  notifiedAdmins?: number;
}

export interface PayApi {
  bills: { params: Record<string, never>; result: BillView[] };
  bill: { params: { applicationId: string; items?: FeeLine[] }; result: { id: string; totalFen: number; status: BillStatus } };
  prepay: { params: { id: string; requestId: string }; result: { outTradeNo: string; payment: PaymentParamsView } };
  sync: { params: { id: string }; result: BillView };
  get: { params: { id: string }; result: BillView & { receipt?: ReceiptView } };
  /** The bill of one case (citizen's own, or staff of the handling department); null when none. */
  forCase: { params: { applicationId: string }; result: (BillView & { receipt?: ReceiptView }) | null };
  waive: { params: { id: string; reason: string }; result: BillView };
  refund: { params: { id: string; amountFen: number; reason: string; requestId: string }; result: BillView };
  /** Admins: recent daily 对账 reports and every recorded mismatch, newest first. */
  reports: { params: Record<string, never>; result: { reports: ReconcileReportView[]; mismatches: { outTradeNo: string; reason: string; at: string; source: string }[] } };
}
