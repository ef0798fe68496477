/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { Matter, MatterSummary } from './matter/schema';
import type { ImportReport } from './matter/import';
import type { Role, StaffGrant } from './policy';
import type {
  Audience, CampaignProgress, CampaignStatus, CampaignView, DeliveryLogRow, DispatchReport, LedgerView, NoticeView,
  PushSettingsView, TemplateInfo,
} from './push/api-types';
import type { Category } from './push/templates';
import type { SubscribeResult } from './push/ledger';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NamedCount {
  id: string;
  name: string;
  count: number;
}

export interface CatalogueHome {
  departments: NamedCount[];
  themes: NamedCount[];
  lifeEvents: (NamedCount & { description: string })[];
  totals: { matters: number; zeroVisit: number; fullyOnline: number };
}

export interface SearchHit extends MatterSummary {
  score: number;
  /** Which field matched, for the "为什么推荐" hint. */
  matchedOn: 'name' | 'keyword' | 'pinyin' | 'synonym' | 'department' | 'theme' | 'text';
}

export type ListFilter =
  | { by: 'department'; value: string }
  | { by: 'theme'; value: string }
  | { by: 'lifeEvent'; value: string };

export interface WhoAmI {
  openid: string;
  maskedOpenid: string;
  role: Role;
  departments: string[];
  halls: string[];
  grants: StaffGrant[];
  name?: string;
}

export interface StaffMember {
  openid: string;
  name: string;
  role: 'staff' | 'admin';
  departments: string[];
  halls?: string[];
  grants?: StaffGrant[];
  active: boolean;
}

export interface Api {
  matters: {
    home: { params: Record<string, never>; result: CatalogueHome };
    list: { params: ListFilter & { page?: number; pageSize?: number }; result: Page<MatterSummary> & { title: string } };
    search: { params: { q: string; limit?: number }; result: { q: string; hits: SearchHit[]; suggestions: string[] } };
    get: { params: { id: string }; result: Matter };
    import: {
      params: { format: 'json' | 'csv'; content: string; dryRun?: boolean };
      result: ImportReport;
    };
  };
  account: {
    whoami: { params: Record<string, never>; result: WhoAmI };
    listStaff: { params: Record<string, never>; result: StaffMember[] };
    setStaff: { params: StaffMember; result: StaffMember };
  };
  push: {
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
    syncFollowers: { params: Record<string, never>; result: { total: number; synced: number; unfollowed: number } };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ParamsOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { params: infer P } ? P : never;
export type ResultOf<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { result: infer R } ? R : never;

/** What `callFunction({ name, data })` carries. */
export interface CallData<F extends FunctionName = FunctionName, A extends ActionName<F> = ActionName<F>> {
  action: A;
  params?: ParamsOf<F, A>;
}
