/** Shapes the push function's actions exchange with the client (referenced from core/api.ts). */
import type { Category, FieldType, TemplateKey } from './templates';
import type { SubscribeResult } from './ledger';

export interface TemplateInfo {
  key: TemplateKey;
  templateId: string;
  title: string;
  kind: 'once' | 'long';
  category: Category;
  fields: { key: string; type: FieldType; label: string }[];
}

export interface LedgerView {
  templateId: string;
  templateKey: string;
  title: string;
  category: Category;
  kind: 'once' | 'long';
  quota: number;
  long: boolean;
  last?: { result: Exclude<SubscribeResult, 'accept'>; at: string };
}

export type Audience =
  | { type: 'templateSubscribers'; templateId: string }
  | { type: 'categorySubscribers'; category: Category }
  | { type: 'matterApplicants'; matterId: string }
  | { type: 'hallDayBookers'; hallId: string; date: string }
  | { type: 'oaFollowers' }
  | { type: 'union'; of: Audience[] };

export type CampaignStatus = 'pendingApproval' | 'scheduled' | 'sending' | 'done' | 'cancelled';

export interface CampaignCounts { queued: number; sent: number; failed: number; skipped: number; unknown: number; opened: number }

export interface CampaignView {
  id: string;
  status: CampaignStatus;
  title: string;
  templateKey: string;
  templateId: string;
  data: Record<string, string>;
  preview: { title: string; lines: { label: string; value: string }[] };
  page: string;
  audience: Audience;
  priority: 'normal' | 'emergency';
  recipients: number;
  sendAt: string;
  createdBy: string;
  createdAt: string;
  approvedBy?: string;
  cancelledBy?: string;
  noticeId?: string;
  needsApproval: boolean;
}

export interface CampaignProgress extends CampaignView {
  counts: CampaignCounts;
  failures: Record<string, number>;
  reasonLabels: Record<string, string>;
}

export interface DeliveryLogRow {
  id: string;
  openid: string;
  channel: 'mp' | 'oa';
  status: string;
  reason?: string;
  errcode?: number;
  attempts: number;
  sentAt?: string;
  updatedAt: string;
}

export interface NoticeView {
  id: string;
  title: string;
  /** Rich text: a small HTML subset (p, br, strong, em, ul/ol/li, h3, img) as rendered by <RichText>. */
  body: string;
  images: string[];
  summary: string;
  publisher: string;
  publishedAt: string;
  /** 阅读数: signed-in people who opened it, each once. */
  reads: number;
  /** 点赞数: each person once; a like can be taken back. */
  likes: number;
  /** Whether the caller likes it (absent when the caller is not signed in). */
  liked?: boolean;
  /** 分享数: people who shared it, each once (their share links carry one tracking token). */
  shares: number;
}

/** One notice's engagement for the staff 效能看板 (内容). */
export interface NoticeStatsRow {
  id: string;
  title: string;
  publishedAt: string;
  reads: number;
  likes: number;
  shares: number;
  /** Reads that came in through someone's share link (a subset of `reads`). */
  shareOpens: number;
}

export interface PushSettingsView {
  categories: { category: Category; label: string; on: boolean }[];
  subscriptions: LedgerView[];
}

export interface DispatchReport { ingested: number; expanded: number; sent: number; failed: number; skipped: number; retried: number; unknown: number; recovered: number }
