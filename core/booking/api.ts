/** The booking function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { BookingRules, BookingStatus, HallGroup, Period } from './model';

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
  /** The window's name, e.g. 出入境窗口 (the hall's day list; staff never read window codes). */
  groupName?: string;
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

export interface BookingApi {
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
}
