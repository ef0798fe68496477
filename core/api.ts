/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { Matter, MatterSummary } from './matter/schema';
import type { ImportReport } from './matter/import';
import type { Role, StaffGrant } from './policy';
import type { BookingRules, BookingStatus, HallGroup, Period } from './booking/model';
import type { KbIssue, KnowledgeBase, RichReply } from './consult/kb';
import type {
  Audience, CampaignProgress, CampaignStatus, CampaignView, DeliveryLogRow, DispatchReport, LedgerView, NoticeView,
  PushSettingsView, TemplateInfo,
} from './push/api-types';
import type { Category } from './push/templates';
import type { SubscribeResult } from './push/ledger';
import type { FormField, FormValue } from './matter/form';
import type { ApplicationStatus, CaseResult, MaterialDef, StaffAction } from './affairs/model';
import type { ApplicationSummary, ApplicationView } from './affairs/view';
import type { DayOverride } from './calendar/workdays';

export type { ApplicationSummary, ApplicationView };

/** One attached file: which material of the matter it is for, and the uploaded cloud file. */
export interface MaterialRef {
  materialId: string;
  fileID: string;
}

export interface DraftView {
  id: string;
  matterId: string;
  matterName: string;
  form: Record<string, FormValue>;
  materials: MaterialRef[];
  savedAt: string;
}

export interface MyMaterial {
  fileID: string;
  materialId: string;
  name: string;
  mime: string;
  size: number;
  usedAt: string;
  url?: string;
}

/** 一件事一次办: the combined form and material list of a life event's online matters. */
export interface BundleDefinition {
  lifeEvent: string;
  name: string;
  matters: { id: string; name: string; departmentName: string; fieldKeys: string[]; materialIds: string[] }[];
  fields: FormField[];
  materials: (MaterialDef & { matterIds: string[] })[];
}

export interface QueueResult extends Page<ApplicationSummary> {
  counts: Record<Exclude<ApplicationStatus, 'draft'>, number>;
  /** Matters seen in the caller's departments, for the filter. */
  matters: { id: string; name: string }[];
  /** Years ahead that no holiday schedule covers (shown as a warning to staff). */
  uncoveredYears: number[];
}

export interface CalendarTable {
  days: DayOverride[];
  coveredYears: number[];
  /** This year and next that neither chinese-days nor the table covers. */
  uncoveredYears: number[];
}

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


/** 预约: a hall that serves a matter. */
export interface HallOption {
  hallId: string;
  name: string;
  address: string;
  hours: string;
  /** The window (group) of the hall that serves the matter. */
  groupName: string;
  location?: string;
}

export interface SlotView {
  slotId: string;
  /** `HH:mm`, Asia/Shanghai. */
  start: string;
  end: string;
  capacity: number;
  left: number;
  date: string;
  startAt: string;
  closed?: boolean;
  closedReason?: string;
  /** Places held by bookings that are not cancelled (staff views). */
  held?: number;
  /** A closure is still cancelling this slot's bookings (resumed by the timer). */
  closing?: boolean;
}

export interface BookingDay {
  date: string;
  workday: boolean;
  /** Holiday or 调休 name, e.g. 国庆节. */
  name?: string;
  /** 周一 … 周日 */
  weekday: string;
  bookable: boolean;
}

export interface BookingView {
  id: string;
  no: string;
  code: string;
  /** What the QR code encodes. */
  qr: string;
  status: BookingStatus;
  statusLabel: string;
  matterId: string;
  matterName: string;
  hallId: string;
  hallName: string;
  hallAddress: string;
  groupName: string;
  date: string;
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  applicationId?: string;
  cancelReason?: string;
  cancelledBy?: 'citizen' | 'hall';
  checkedInAt?: string;
  /** Whether the citizen may still cancel online, and until when. */
  cancellable: boolean;
  cancelDeadline: string;
}

/** What hall staff see of a booking (no check-in code: the citizen shows it). */
export interface StaffBookingView {
  id: string;
  no: string;
  status: BookingStatus;
  statusLabel: string;
  matterName: string;
  groupName: string;
  slotId: string;
  start: string;
  end: string;
  maskedOpenid: string;
  applicationId?: string;
  checkedInAt?: string;
  cancelReason?: string;
  /** The slot has ended and the booking is still open: staff may mark a no-show. */
  noShowable: boolean;
}

export type BookingRulesView = Pick<BookingRules, 'maxActive' | 'noShowLimit' | 'noShowWindowDays' | 'pauseDays' | 'cancelCutoffMinutes' | 'horizonWorkdays'> & {
  /** The limits in plain Chinese, one per line. */
  texts: string[];
};

export interface HallAdminView {
  hallId: string;
  name: string;
  address: string;
  hours: string;
  active: boolean;
  groups: (HallGroup & { template: { slotMinutes: number; capacity: number; weekly: Record<string, Period[]>; makeUpWeekday?: number } | null })[];
  /** 实施编码 → 事项名称 of the served matters found in the published catalogue (a missing code is not there). */
  matterNames: Record<string, string>;
}

export interface HallInput {
  hallId: string;
  name: string;
  address: string;
  hours: string;
  active: boolean;
  groups: HallGroup[];
}

export interface TemplateInput {
  hallId: string;
  group: string;
  slotMinutes: number;
  capacity: number;
  weekly?: Record<string, Period[]>;
  makeUpWeekday?: number;
}

/** 邀请状态: open 待使用, used 已绑定, revoked 已撤销, expired 已过期 (open past its expiry). */
export type InvitationStatus = 'open' | 'used' | 'revoked' | 'expired';

/** What an invitation makes its user: the same fields a staff record carries. */
export interface InvitationGrant {
  role: 'staff' | 'admin';
  departments: string[];
  halls: string[];
  grants: StaffGrant[];
}

/** One-time staff invitation as the admin sees it (openids masked). */
export interface Invitation extends InvitationGrant {
  code: string;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  /** Mini-program path the QR code encodes. */
  path: string;
  usedAt?: string;
  /** The name the employee typed when binding. */
  boundName?: string;
  boundOpenidMasked?: string;
  /** Whether the bound staff record is still active. */
  boundActive?: boolean;
  revokedAt?: string;
}

/** What the employee sees before binding. */
export interface InvitationPreview extends InvitationGrant {
  code: string;
  status: InvitationStatus;
  expiresAt: string;
  /** The caller is already staff of one of the invitation's departments (or an admin). */
  alreadyStaff: boolean;
}

export interface ConsultAnswer { id: string; source: 'faq' | 'rule'; content: string; reply?: RichReply; question?: string }

export interface ConsultAskResult {
  type: 'answer' | 'suggestions' | 'handoff';
  answer?: ConsultAnswer;
  suggestions?: { id: string; question: string }[];
  conversationId: string;
  /** The bot message, for 有帮助/没帮助. */
  messageId?: string;
  /** Text to show (the answer, the handoff notice, or the prompt for blank input). */
  message: string;
  /** Set when the question went to the human inbox. */
  questionId?: string;
  flagged?: boolean;
}

export interface ConsultChatMessage {
  id: string;
  role: 'citizen' | 'bot' | 'staff';
  text: string;
  at: string;
  type?: 'answer' | 'suggestions' | 'handoff';
  answer?: ConsultAnswer;
  suggestions?: { id: string; question: string }[];
  staffName?: string;
  helpful?: boolean;
}

export interface InboxItem {
  id: string;
  conversationId: string;
  maskedOpenid: string;
  question: string;
  status: 'open' | 'answered';
  at: string;
  channel: 'app' | 'kf' | 'oa';
  flagged?: boolean;
  reply?: string;
  answeredByName?: string;
  answeredAt?: string;
  learnedAs?: string;
  /** The reply is saved, but the customer-service channel refused it (45015 / 45047): what staff should do. */
  warning?: string;
}

export interface KbVersionInfo { version: number; by: string; byName?: string; at: string; change: string }

export interface ImportKnowledgeResult { applied: boolean; version?: number; faqs: number; rules: number; synonyms: number; issues: KbIssue[] }

export interface ConsultStats {
  days: { day: string; total: number; answered: number; rate: number }[];
  ranking: { question: string; count: number; kinds: ('unanswered' | 'unhelpful' | 'lowConfidence')[] }[];
}

export interface Api {
  consult: {
    /** `handoff`: 转人工 — send this question straight to the staff inbox. */
    ask: { params: { text: string; conversationId?: string; handoff?: boolean }; result: ConsultAskResult };
    history: { params: { conversationId?: string }; result: { conversationId: string | null; messages: ConsultChatMessage[] } };
    feedback: { params: { messageId: string; helpful: boolean }; result: { messageId: string; helpful: boolean } };
    importKnowledge: { params: { kb?: unknown; mode: 'replace' | 'merge' }; result: ImportKnowledgeResult };
    knowledge: { params: Record<string, never>; result: { version: number; kb: KnowledgeBase } };
    saveEntry: {
      params: { kind: 'faq' | 'rule'; entry?: unknown } | { kind: 'synonyms'; groups: string[][] };
      result: { version: number };
    };
    deleteEntry: { params: { id: string }; result: { version: number } };
    kbHistory: { params: Record<string, never>; result: KbVersionInfo[] };
    rollback: { params: Record<string, never>; result: { version: number; restored: number } };
    inbox: { params: { status?: 'open' | 'answered' }; result: InboxItem[] };
    reply: { params: { questionId: string; text: string }; result: InboxItem };
    learn: {
      params: { questionId: string; mode: 'newFaq'; category: string; question?: string; answer?: string } | { questionId: string; mode: 'similar'; faqId: string };
      result: { version: number; faqId: string };
    };
    stats: { params: { days?: number }; result: ConsultStats };
  };
  matters: {
    home: { params: Record<string, never>; result: CatalogueHome };
    list: { params: ListFilter & { page?: number; pageSize?: number }; result: Page<MatterSummary> & { title: string } };
    search: { params: { q: string; limit?: number }; result: { q: string; hits: SearchHit[]; suggestions: string[] } };
    get: { params: { id: string }; result: Matter };
    import: {
      /** Small files inline (≤ 90 KB); larger ones uploaded to cloud storage first (uploads/<openid>/…). */
      params: { format: 'json' | 'csv'; content: string; dryRun?: boolean } | { format: 'json' | 'csv'; fileID: string; dryRun?: boolean };
      result: ImportReport;
    };
  };
  booking: {
    halls: { params: { matterId: string }; result: HallOption[] };
    slots: { params: { matterId: string; hallId: string; date: string }; result: SlotView[] };
    book: { params: { slotId: string; matterId: string; requestId: string; applicationId?: string }; result: BookingView };
    cancel: { params: { id: string }; result: BookingView };
    mine: { params: Record<string, never>; result: BookingView[] };
    setSlotCapacity: { params: { slotId: string; capacity: number }; result: SlotView };
    closeSlots: { params: { hallId: string; date: string; from?: string; to?: string; reason: string }; result: SlotView[] };
    day: { params: { hallId: string; date: string }; result: { hallId: string; hallName: string; date: string; slots: SlotView[]; bookings: StaffBookingView[] } };
    checkIn: { params: { code: string }; result: StaffBookingView };
    /** Extra (UI): the date picker's next working days, holidays named. */
    days: { params: { hallId: string }; result: BookingDay[] };
    /** Extra (UI): the limits in force, for plain-Chinese explanations. */
    rules: { params: Record<string, never>; result: BookingRulesView };
    /** Extra (staff): mark a booking whose slot has ended as a no-show. */
    markNoShow: { params: { id: string }; result: StaffBookingView };
    /** Extra (staff): the halls the caller runs, with their templates. */
    myHalls: { params: Record<string, never>; result: HallAdminView[] };
    saveHall: { params: HallInput; result: HallAdminView };
    saveTemplate: { params: TemplateInput; result: HallAdminView };
  };
  affairs: {
    saveDraft: { params: { matterId: string; form: Record<string, FormValue>; materials: MaterialRef[]; draftId?: string }; result: { id: string } };
    getDraft: { params: { matterId: string }; result: DraftView | null };
    submit: {
      params: { matterId: string; requestId: string; form: Record<string, FormValue>; materials: MaterialRef[] };
      result: { id: string; no: string; status: ApplicationStatus };
    };
    submitBundle: {
      params: { lifeEvent: string; requestId: string; matterIds: string[]; form: Record<string, FormValue>; materials: MaterialRef[] };
      result: { bundleId: string; applications: { id: string; no: string; matterId: string; matterName: string; status: ApplicationStatus }[] };
    };
    bundleForm: { params: { lifeEvent: string }; result: BundleDefinition };
    get: { params: { id: string }; result: ApplicationView };
    mine: { params: { status?: ApplicationStatus; page?: number }; result: Page<ApplicationSummary> };
    queue: { params: { status?: ApplicationStatus; matterId?: string; page?: number }; result: QueueResult };
    act: {
      params: { id: string; action: StaffAction; comment?: string; result?: CaseResult; materials?: string[]; fields?: string[] };
      result: ApplicationView;
    };
    supplement: { params: { id: string; form?: Record<string, FormValue>; materials: MaterialRef[] }; result: ApplicationView };
    withdraw: { params: { id: string }; result: ApplicationView };
    /** Staff of the handling department: the unmasked ID/phone values; every call is logged. */
    reveal: { params: { id: string }; result: { form: Record<string, FormValue> } };
    /** Staff: find their departments' applications by an applicant's ID number (keyed hash). */
    lookup: { params: { idNumber: string }; result: ApplicationSummary[] };
    myMaterials: { params: Record<string, never>; result: MyMaterial[] };
    calendar: { params: Record<string, never>; result: CalendarTable };
    setCalendarDays: { params: { days: DayOverride[]; coveredYears?: number[] }; result: CalendarTable };
    removeCalendarDay: { params: { date: string }; result: CalendarTable };
  };
  account: {
    whoami: { params: Record<string, never>; result: WhoAmI };
    listStaff: { params: Record<string, never>; result: StaffMember[] };
    setStaff: { params: StaffMember; result: StaffMember };
    createInvitation: {
      params: { role: 'staff' | 'admin'; departments: string[]; halls?: string[]; grants?: StaffGrant[]; expiresInHours?: number };
      result: Invitation;
    };
    listInvitations: { params: Record<string, never>; result: Invitation[] };
    /** Revokes an unused invitation; on a used one, also deactivates the staff member it bound. */
    revokeInvitation: { params: { code: string }; result: Invitation };
    previewInvitation: { params: { code: string }; result: InvitationPreview };
    acceptInvitation: { params: { code: string; name: string }; result: WhoAmI };
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
