/**
 * The typed contract between the mini-program and its cloud functions:
 * function name → action → params and result. The client and the routers both use it,
 * so a renamed field breaks the build instead of a citizen's page.
 */
import type { Matter, MatterSummary } from './matter/schema';
import type { ImportReport } from './matter/import';
import type { Role, StaffGrant } from './policy';
import type { BookingStatus, HallGroup, Period } from './booking/model';

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

export interface BookingRulesView {
  maxActive: number;
  noShowLimit: number;
  noShowWindowDays: number;
  pauseDays: number;
  cancelCutoffMinutes: number;
  horizonWorkdays: number;
  /** The limits in plain Chinese, one per line. */
  texts: string[];
}

export interface HallAdminView {
  hallId: string;
  name: string;
  address: string;
  hours: string;
  active: boolean;
  groups: (HallGroup & { template: { slotMinutes: number; capacity: number; weekly: Record<string, Period[]>; makeUpWeekday?: number } | null })[];
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
  account: {
    whoami: { params: Record<string, never>; result: WhoAmI };
    listStaff: { params: Record<string, never>; result: StaffMember[] };
    setStaff: { params: StaffMember; result: StaffMember };
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
