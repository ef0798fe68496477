/** The push function's actions (part of the contract in core/api.ts). */
import type {
  Audience, CampaignProgress, CampaignStatus, CampaignView, DeliveryLogRow, DispatchReport, LedgerView, NoticeStatsRow, NoticeView,
  PushSettingsView, TemplateInfo,
} from './api-types';
import type { Category } from './templates';
import type { SubscribeResult } from './ledger';

export interface PushApi {
  templates: { params: Record<string, never>; result: TemplateInfo[] };
  subscribe: { params: { results: Record<string, SubscribeResult> }; result: LedgerView[] };
  settings: { params: Record<string, never>; result: PushSettingsView };
  setCategory: { params: { category: Category; on: boolean }; result: PushSettingsView };
  createCampaign: {
    params: {
      templateId: string; data: Record<string, string>; page: string; audience: Audience;
      sendAt?: string; priority?: 'normal' | 'emergency'; noticeId?: string;
    };
    result: { id: string; status: CampaignStatus; recipients: number };
  };
  previewCampaign: {
    params: { templateId: string; data: Record<string, string>; page: string; audience: Audience };
    result: { recipients: number; needsApproval: boolean; preview: { title: string; lines: { label: string; value: string }[] } };
  };
  approveCampaign: { params: { id: string }; result: CampaignView };
  cancelCampaign: { params: { id: string }; result: CampaignView };
  campaign: { params: { id: string }; result: CampaignProgress };
  campaigns: { params: { status?: CampaignStatus }; result: CampaignView[] };
  campaignLog: { params: { id: string; reason?: string; status?: string; page?: number }; result: { items: DeliveryLogRow[]; total: number } };
  open: { params: { pushId: string }; result: { recorded: boolean } };
  kick: { params: Record<string, never>; result: DispatchReport };
  publishNotice: { params: { title: string; body: string; images?: string[] }; result: NoticeView };
  notices: { params: { limit?: number }; result: NoticeView[] };
  notice: { params: { id: string }; result: NoticeView };
  /** Records the caller's read once; `from` is the share token when the notice was opened from a share. */
  noticeRead: { params: { id: string; from?: string }; result: { reads: number; recorded: boolean } };
  /** Likes (once per person) or takes the like back. */
  noticeLike: { params: { id: string; like: boolean }; result: { likes: number; liked: boolean } };
  /** Records the caller's share; the token goes into the shared path as `from`. */
  noticeShare: { params: { id: string }; result: { token: string; shares: number } };
  /** Staff: engagement per notice published in the range (Asia/Shanghai dates, inclusive). */
  noticeStats: { params: { from?: string; to?: string }; result: NoticeStatsRow[] };
  syncFollowers: { params: Record<string, never>; result: { total: number; synced: number; unfollowed: number } };
}
