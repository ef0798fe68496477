/**
 * The booking limits, each with the plain-Chinese explanation a citizen sees when it applies.
 * All functions are pure: the cloud function runs them inside the transaction that writes.
 */
import { addDays, shanghaiDate, shanghaiInstant, shanghaiTime, type WorkCalendar } from '../calendar/workdays';
import { DomainError } from '../envelope';
import type { Booking, BookingRules, CitizenState, Slot } from './model';

const DAY_MS = 86_400_000;

export function emptyCitizen(openid: string): CitizenState {
  return { _id: openid, active: [], noShows: [] };
}

/** `12月3日` */
export function chineseDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The active bookings that still count (their slot has not ended). */
export function countingActive(state: CitizenState, now: Date): CitizenState['active'] {
  return state.active.filter((a) => Date.parse(a.endAt) > now.getTime());
}

/** Whether booking is paused for no-shows, and until when. */
export function pausedUntil(state: CitizenState, now: Date): string | null {
  return state.pausedUntil && Date.parse(state.pausedUntil) > now.getTime() ? state.pausedUntil : null;
}

/** Throws the limit that stops this citizen booking now, if any. */
export function assertMayBook(state: CitizenState, rules: BookingRules, now: Date): void {
  const paused = pausedUntil(state, now);
  if (paused) {
    throw new DomainError('LIMIT_REACHED',
      `您在${rules.noShowWindowDays}天内已有${rules.noShowLimit}次预约未到场，预约功能暂停至${chineseDate(shanghaiDate(paused))}。如需办理，可直接到大厅取号`);
  }
  if (countingActive(state, now).length >= rules.maxActive) {
    throw new DomainError('LIMIT_REACHED',
      `您已有${rules.maxActive}个未完成的预约，最多同时保留${rules.maxActive}个。请办理完成或取消其中一个后再预约`);
  }
}

export function duplicateDayMessage(date: string): string {
  return `您已预约过该事项${chineseDate(date)}的时段，同一事项每天只能保留一个预约。如需改时间，请先取消原预约`;
}

/**
 * Whether a slot may be booked now: open, not started, within the bookable working days,
 * places left. Forged or unknown slots are caught before this (parse + template).
 */
export function assertSlotBookable(slot: Slot, rules: BookingRules, calendar: WorkCalendar, now: Date): void {
  const info = calendar.dayInfo(slot.date);
  if (!info.workday) throw new DomainError('INVALID_INPUT', `${chineseDate(slot.date)}${info.name ? `是${info.name}` : '不是工作日'}，大厅不办理预约业务`);
  if (Date.parse(slot.startAt) <= now.getTime()) throw new DomainError('INVALID_INPUT', '该时段已开始或已过去，请选择其他时段');
  const { dates } = calendar.nextWorkdays(shanghaiDate(now), rules.horizonWorkdays);
  if (!dates.includes(slot.date)) throw new DomainError('INVALID_INPUT', `只能预约今天起${rules.horizonWorkdays}个工作日内的时段`);
  if (slot.state === 'closed') throw new DomainError('CONFLICT', `该时段已停止预约${slot.closedReason ? `（${slot.closedReason}）` : ''}，请选择其他时段`);
  if (slot.left <= 0) throw new DomainError('CAPACITY_FULL', '该时段已约满，请选择其他时段');
}

/** The latest instant a citizen may still cancel. */
export function cancelDeadline(booking: Pick<Booking, 'startAt'>, rules: Pick<BookingRules, 'cancelCutoffMinutes'>): Date {
  return new Date(Date.parse(booking.startAt) - rules.cancelCutoffMinutes * 60_000);
}

export function cutoffText(rules: Pick<BookingRules, 'cancelCutoffMinutes'>): string {
  const m = rules.cancelCutoffMinutes;
  return m % 60 === 0 ? `${m / 60}小时` : `${m}分钟`;
}

export function assertCitizenMayCancel(booking: Booking, rules: BookingRules, now: Date): void {
  if (booking.status !== 'booked') throw new DomainError('CONFLICT', `该预约${statusPhrase(booking)}，不能取消`);
  if (now.getTime() > cancelDeadline(booking, rules).getTime()) {
    throw new DomainError('CONFLICT', `预约开始前${cutoffText(rules)}内不能在线取消（本预约${shanghaiTime(booking.startAt)}开始）。如不能前往，请联系大厅`);
  }
}

function statusPhrase(b: Booking): string {
  switch (b.status) {
    case 'cancelled': return '已取消';
    case 'checkedIn': return '已到场签到';
    case 'noShow': return '已记为爽约';
    default: return '状态为已预约';
  }
}

/** Records a no-show: the booking leaves the active list; enough of them pause booking. */
export function recordNoShow(state: CitizenState, bookingId: string, rules: BookingRules, at: Date): CitizenState {
  const windowStart = at.getTime() - rules.noShowWindowDays * DAY_MS;
  const noShows = [...state.noShows.filter((t) => Date.parse(t) > windowStart), at.toISOString()];
  const next: CitizenState = { ...state, active: state.active.filter((a) => a.id !== bookingId), noShows };
  if (noShows.length >= rules.noShowLimit && rules.pauseDays > 0) {
    const until = new Date(at.getTime() + rules.pauseDays * DAY_MS).toISOString();
    if (!state.pausedUntil || state.pausedUntil < until) next.pausedUntil = until;
  }
  return next;
}

export function withoutActive(state: CitizenState, bookingId: string): CitizenState {
  return { ...state, active: state.active.filter((a) => a.id !== bookingId) };
}

/** Whether a check-in code belongs to today at this hall. */
export function assertCheckIn(booking: Booking, hallId: string | null, now: Date): void {
  const today = shanghaiDate(now);
  if (hallId && booking.hallId !== hallId) throw new DomainError('FORBIDDEN', `该预约属于${booking.hallName}，不是本大厅的预约`);
  // What is actually wrong first: a cancelled code is void whatever its day.
  if (booking.status === 'cancelled') throw new DomainError('CONFLICT', '该预约已取消，不能签到');
  if (booking.date !== today) {
    throw new DomainError('CONFLICT', `该预约是${chineseDate(booking.date)}的，不是今天的预约，请核对后再签到`);
  }
  if (booking.status === 'checkedIn') throw new DomainError('CONFLICT', `该预约已于${shanghaiTime(booking.checkedInAt ?? now)}签到`);
  if (booking.status === 'noShow') throw new DomainError('CONFLICT', '该预约已记为爽约，不能签到');
}

/** Whether reminders for visits on `date` are due now (the eve, within the reminder hours). */
export function reminderDateDue(rules: BookingRules, now: Date): string | null {
  const hour = Number(shanghaiTime(now).slice(0, 2));
  if (hour < rules.reminderFromHour || hour >= rules.reminderUntilHour) return null;
  return addDays(shanghaiDate(now), 1);
}

export function slotInstant(date: string, hhmm: string): string {
  return shanghaiInstant(date, hhmm).toISOString();
}
