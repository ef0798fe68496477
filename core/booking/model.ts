/**
 * 预约 (service-hall bookings): the records, their statuses and the configurable rules.
 * Pure: no platform imports. Times are Asia/Shanghai wall-clock (`YYYY-MM-DD`, `HH:mm`) plus ISO
 * instants computed with `shanghaiInstant`, never the process time zone.
 */

export const BOOKING_STATUSES = ['booked', 'cancelled', 'checkedIn', 'noShow'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  checkedIn: '已到场',
  noShow: '爽约',
};

/** One window (or counter group) of a hall: the matters it serves share its slots. */
export interface HallGroup {
  /** Short code, `[a-z0-9-]`, part of slot ids. */
  id: string;
  /** Shown to citizens, e.g. 公安户政窗口. */
  name: string;
  /** Where in the building, e.g. 二楼B区. */
  location?: string;
  /** 实施编码 of the matters this group serves. */
  matterIds: string[];
}

export interface Hall {
  _id: string;
  name: string;
  address: string;
  /** Opening hours as shown, e.g. 周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）. */
  hours: string;
  groups: HallGroup[];
  active: boolean;
  updatedAt?: string;
}

export interface Period {
  /** `HH:mm`. */
  from: string;
  to: string;
}

/**
 * Weekly slot template of one hall group. `weekly[1..5]` are Monday–Friday periods. Only working
 * days (by the calendar) get slots. A 调休 working Saturday/Sunday uses `makeUpWeekday`'s periods
 * (default Monday: a full regular day), since the official schedule does not say which weekday a
 * 调休 day replaces.
 */
export interface SlotTemplate {
  _id: string; // `${hallId}:${group}`
  hallId: string;
  group: string;
  slotMinutes: number;
  capacity: number;
  weekly: Record<string, Period[]>;
  makeUpWeekday?: number;
  updatedAt?: string;
}

export type SlotState = 'open' | 'closed';

/**
 * A materialised slot. Invariant: `capacity = left + held`, where `held` counts the slot's
 * bookings that are not cancelled (booked, checkedIn, noShow: a used or wasted place is not
 * given back).
 */
export interface Slot {
  _id: string;
  hallId: string;
  group: string;
  date: string;
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  capacity: number;
  left: number;
  held: number;
  state: SlotState;
  closedReason?: string;
  /** Set while a closure is still cancelling bookings (resumable). */
  closing?: boolean;
  updatedAt?: string;
}

export interface Booking {
  _id: string;
  /** Booking number shown to citizens. */
  no: string;
  /** Check-in code (8 digits, last one a check digit). */
  code: string;
  openid: string;
  requestId: string;
  matterId: string;
  matterName: string;
  hallId: string;
  hallName: string;
  hallAddress: string;
  group: string;
  groupName: string;
  slotId: string;
  date: string;
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  status: BookingStatus;
  applicationId?: string;
  createdAt: string;
  cancelledAt?: string;
  cancelledBy?: 'citizen' | 'hall';
  cancelReason?: string;
  checkedInAt?: string;
  checkedInBy?: string;
  noShowAt?: string;
  noShowBy?: 'timer' | 'staff';
  reminded?: boolean;
}

/** Per-citizen state for the limits, one document per openid, updated in the same transaction. */
export interface CitizenState {
  _id: string; // openid
  /** Bookings with status booked, with their slot end (ended ones no longer count). */
  active: { id: string; endAt: string }[];
  /** Instants of recorded no-shows (kept for the rolling window). */
  noShows: string[];
  pausedUntil?: string;
}

export interface BookingRules {
  /** At most this many bookings with status booked whose slot has not ended. */
  maxActive: number;
  /** This many no-shows within `noShowWindowDays` pause booking for `pauseDays`. */
  noShowLimit: number;
  noShowWindowDays: number;
  pauseDays: number;
  /** Citizens may cancel until this many minutes before the slot starts. */
  cancelCutoffMinutes: number;
  /** Bookable dates: the next N working days, today included. */
  horizonWorkdays: number;
  /** Eve-of-visit reminders are written from this Shanghai hour (inclusive) until `reminderUntilHour`. */
  reminderFromHour: number;
  reminderUntilHour: number;
}

export const DEFAULT_RULES: BookingRules = Object.freeze({
  maxActive: 3,
  noShowLimit: 3,
  noShowWindowDays: 90,
  pauseDays: 30,
  cancelCutoffMinutes: 60,
  horizonWorkdays: 14,
  reminderFromHour: 18,
  reminderUntilHour: 22,
});

const intEnv = (raw: string | undefined, fallback: number, min: number, max: number) => {
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

/** Rules from environment variables (BOOKING_MAX_ACTIVE …), falling back to the defaults. */
export function rulesFromEnv(env: Record<string, string | undefined>): BookingRules {
  return {
    maxActive: intEnv(env.BOOKING_MAX_ACTIVE, DEFAULT_RULES.maxActive, 1, 50),
    noShowLimit: intEnv(env.BOOKING_NO_SHOW_LIMIT, DEFAULT_RULES.noShowLimit, 1, 50),
    noShowWindowDays: intEnv(env.BOOKING_NO_SHOW_WINDOW_DAYS, DEFAULT_RULES.noShowWindowDays, 1, 3650),
    pauseDays: intEnv(env.BOOKING_PAUSE_DAYS, DEFAULT_RULES.pauseDays, 0, 3650),
    cancelCutoffMinutes: intEnv(env.BOOKING_CANCEL_CUTOFF_MINUTES, DEFAULT_RULES.cancelCutoffMinutes, 0, 7 * 24 * 60),
    horizonWorkdays: intEnv(env.BOOKING_HORIZON_WORKDAYS, DEFAULT_RULES.horizonWorkdays, 1, 60),
    reminderFromHour: intEnv(env.BOOKING_REMINDER_FROM_HOUR, DEFAULT_RULES.reminderFromHour, 0, 23),
    reminderUntilHour: intEnv(env.BOOKING_REMINDER_UNTIL_HOUR, DEFAULT_RULES.reminderUntilHour, 1, 24),
  };
}

/** Absurd capacities are refused: no window serves more than this many people in one slot. */
export const MAX_SLOT_CAPACITY = 200;
export const SLOT_MINUTES = { min: 5, max: 240 } as const;
