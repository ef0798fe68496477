/** What citizens do: find halls and slots, book, cancel, list their bookings. */
import type { BookingDay, HallOption, SlotView } from '../../../core/api';
import { codeFromSeed } from '../../../core/booking/codes';
import type { Booking, Slot } from '../../../core/booking/model';
import {
  assertCitizenMayCancel, assertMayBook, assertSlotBookable, chineseDate, cutoffText, duplicateDayMessage,
} from '../../../core/booking/rules';
import { shanghaiDate, addDays } from '../../../core/calendar/workdays';
import { DomainError } from '../../../core/envelope';
import { decide, type Actor } from '../../../core/policy';
import { z } from '../../../core/zod-zh';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { nullableDocDb } from '../../shared/transaction';
import { fetchAll } from '../../shared/paging';
import { calendarDate } from '../../shared/params';
// Applications live in affairs' collection; booking reads only whose it is and which matter.
import { APPLICATIONS } from '../../shared/collections';
import { loadCalendar } from '../calendar-repo';
import * as machine from '../../../core/booking/machine';
import { bookingEvent, writeEvent } from '../events';
import {
  BOOKINGS, CITIZENS, CODES, KEYS, body, codeKey, bookingIdOf, citizenInTx, dayKeyOf, getBooking, getHall, getMatter, getOrNull,
  getTemplate, daySlots, hallsServing, hash, isBookableMatter, resolveSlot, slotInTx, SLOTS, transact,
} from '../repo';
import { rules } from '../rules';
import { bookingView, slotView } from '../views';

export const matterId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, '事项编码格式不正确');
export const hallId = z.string().trim().regex(/^[a-z0-9-]{2,40}$/, '大厅编号格式不正确');
export const dateParam = calendarDate();
export const slotIdParam = z.string().trim().min(1).max(120);
export const bookingIdParam = z.string().trim().regex(/^bk[0-9a-f]{22}$/, '预约编号格式不正确');

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const halls = action({
  permission: 'public',
  params: z.object({ matterId }).strict(),
  handler: async ({ matterId: id }): Promise<HallOption[]> => {
    const matter = await getMatter(id);
    if (!matter || !isBookableMatter(matter)) return [];
    return (await hallsServing(id)).map((h) => {
      const g = h.groups.find((x) => x.matterIds.includes(id))!;
      return { hallId: h._id, name: h.name, address: h.address, hours: h.hours, groupName: g.name, ...(g.location ? { location: g.location } : {}) };
    });
  },
});

export const days = action({
  permission: 'public',
  params: z.object({ hallId }).strict(),
  handler: async (_p, { now }): Promise<BookingDay[]> => {
    const calendar = await loadCalendar(now);
    const r = rules();
    const today = shanghaiDate(now());
    const { dates } = calendar.nextWorkdays(today, r.horizonWorkdays);
    const last = dates[dates.length - 1] ?? today;
    const out: BookingDay[] = [];
    for (let d = today; d <= last; d = addDays(d, 1)) {
      const info = calendar.dayInfo(d);
      out.push({ date: d, workday: info.workday, ...(info.name ? { name: info.name } : {}), weekday: WEEKDAYS[new Date(`${d}T00:00:00Z`).getUTCDay()], bookable: info.workday });
    }
    return out;
  },
});

export const slots = action({
  permission: 'public',
  params: z.object({ matterId, hallId, date: dateParam }).strict(),
  handler: async (p, { now }): Promise<SlotView[]> => {
    const hall = await getHall(p.hallId);
    const group = hall?.active ? hall.groups.find((g) => g.matterIds.includes(p.matterId)) : undefined;
    if (!hall || !group) throw new DomainError('INVALID_INPUT', '该大厅不办理此事项，请选择其他办理地点');
    const template = await getTemplate(hall._id, group.id);
    if (!template) return [];
    const calendar = await loadCalendar(now);
    const t = now();
    return (await daySlots(template, p.date, calendar, )).filter((s) => Date.parse(s.startAt) > t.getTime()).map((s) => slotView(s));
  },
});

function bookingNo(date: string, id: string): string {
  return `YY${date.replace(/-/g, '')}${String(Number.parseInt(hash(id).slice(0, 10), 16) % 1_000_000).padStart(6, '0')}`;
}

/**
 * A booking may name the caller's own application for the same matter. Somebody else's answers
 * exactly like an unknown one (never confirm that another citizen's application exists).
 */
async function assertOwnApplication(actor: Actor, applicationId: string, matterId: string): Promise<void> {
  const app = await getOrNull<{ openid: string; matterId: string }>(nullableDocDb().collection<{ openid: string; matterId: string }>(APPLICATIONS).doc(applicationId));
  if (!app || !decide(actor, 'citizen:own', { ownerOpenid: app.openid }).allowed) {
    throw new DomainError('NOT_FOUND', '没有找到该申办记录，请从“我的办件”中选择');
  }
  if (app.matterId !== matterId) throw new DomainError('INVALID_INPUT', '该申办记录不是该事项的申请，请核对后重新选择');
}

export const book = action({
  permission: 'signed-in',
  params: z.object({
    slotId: slotIdParam,
    matterId,
    requestId: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为8-64位字母、数字、下划线或连字符'),
    applicationId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, '申办编号格式不正确').optional(),
  }).strict(),
  handler: async (p, { actor, now }) => {
    const r = rules();
    const id = bookingIdOf(actor.openid, p.requestId);
    const replay = await getBooking(id);
    if (replay) return replayed(replay, p, now());

    const calendar = await loadCalendar(now);
    const found = await resolveSlot(p.slotId, calendar);
    if (!found) throw new DomainError('INVALID_INPUT', '预约时段不存在，请重新选择时段');
    const { hall } = found;
    const group = hall.groups.find((g) => g.id === found.slot.group)!;
    if (!hall.active || !group.matterIds.includes(p.matterId)) throw new DomainError('INVALID_INPUT', `${hall.name}${group.name}不办理此事项，请选择其他办理地点`);
    const matter = await getMatter(p.matterId);
    if (!matter || !isBookableMatter(matter)) throw new DomainError('INVALID_INPUT', '该事项无需到现场办理，不提供预约');
    if (p.applicationId) await assertOwnApplication(actor, p.applicationId, p.matterId);
    assertSlotBookable(found.slot, r, calendar, now());

    const created = await transact(async (t) => {
      const at = now();
      const again = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(id));
      if (again) return again;
      const slot: Slot = await slotInTx(t, found.slot);
      assertSlotBookable(slot, r, calendar, at);
      const citizen = await citizenInTx(t, actor.openid);
      assertMayBook(citizen, r, at);
      const dayKey = dayKeyOf(actor.openid, p.matterId, slot.date);
      const key = await getOrNull<{ bookingId: string }>(t.collection<{ bookingId: string }>(KEYS).doc(dayKey));
      if (key) {
        const other = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(key.bookingId));
        if (other && other.status !== 'cancelled') throw new DomainError('LIMIT_REACHED', duplicateDayMessage(slot.date));
      }
      // A fresh 8-digit code, unique on the visit day; a collision picks the next candidate.
      let code = '';
      for (let i = 0; i < 20 && !code; i++) {
        const candidate = codeFromSeed(hash(`${id}:${i}`));
        if (!(await getOrNull(t.collection(CODES).doc(codeKey(slot.date, candidate))))) code = candidate;
      }
      if (!code) throw new DomainError('INTERNAL', '系统繁忙，请稍后重试');
      const booking: Booking = {
        _id: id, no: bookingNo(slot.date, id), code, openid: actor.openid, requestId: p.requestId,
        matterId: p.matterId, matterName: matter.name, hallId: hall._id, hallName: hall.name, hallAddress: hall.address,
        group: group.id, groupName: group.name, slotId: slot._id, date: slot.date, start: slot.start, end: slot.end,
        startAt: slot.startAt, endAt: slot.endAt, status: 'booked', createdAt: at.toISOString(),
        ...(p.applicationId ? { applicationId: p.applicationId } : {}),
      };
      const next = machine.book(slot, citizen, booking, at);
      await t.collection(SLOTS).doc(slot._id).set({ data: body(next.slot) });
      await t.collection(BOOKINGS).doc(id).set({ data: body(booking) });
      await t.collection(KEYS).doc(dayKey).set({ data: { bookingId: id, openid: actor.openid, date: slot.date } });
      await t.collection(CODES).doc(codeKey(slot.date, code)).set({ data: { bookingId: id, code, hallId: hall._id, date: slot.date } });
      await t.collection(CITIZENS).doc(actor.openid).set({ data: body(next.citizen) });
      await writeEvent(t, bookingEvent('bookingBooked', booking, at));
      return booking;
    });
    return replayed(created, p, now());
  },
});

function replayed(b: Booking, p: { slotId: string; matterId: string }, at: Date) {
  if (b.slotId !== p.slotId || b.matterId !== p.matterId) throw new DomainError('CONFLICT', '该请求编号已用于另一次预约，请刷新后重试');
  return bookingView(b, rules(), at);
}

export const cancel = action({
  permission: 'citizen:own',
  params: z.object({ id: bookingIdParam }).strict(),
  notFound: '没有找到该预约',
  authorize: async ({ id }) => {
    const b = await getBooking(id);
    return b ? { resource: { ownerOpenid: b.openid, hall: b.hallId }, entity: b } : null;
  },
  handler: async ({ id }, { now }) => {
    const r = rules();
    const result = await transact(async (t) => {
      const at = now();
      const b = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(id));
      if (!b) throw new DomainError('NOT_FOUND', '没有找到该预约');
      assertCitizenMayCancel(b, r, at);
      return cancelInTx(t, b, at, 'citizen', '本人取消');
    });
    return bookingView(result, r, now());
  },
});

/** Cancels a booked booking inside a transaction: the place goes back, the limits forget it, an event is written. */
export async function cancelInTx(t: Parameters<Parameters<typeof transact>[0]>[0], b: Booking, at: Date, by: 'citizen' | 'hall', reason: string): Promise<Booking> {
  const slot = await getOrNull<Slot>(t.collection<Slot>(SLOTS).doc(b.slotId));
  if (!slot) throw new DomainError('INTERNAL', '预约时段数据缺失，请联系管理员');
  const next = machine.cancel(b, slot, await citizenInTx(t, b.openid), at, by, reason);
  await t.collection(SLOTS).doc(slot._id).set({ data: body(next.slot) });
  await t.collection(BOOKINGS).doc(b._id).set({ data: body(next.booking) });
  await t.collection(CITIZENS).doc(b.openid).set({ data: body(next.citizen) });
  await writeEvent(t, bookingEvent('bookingCancelled', next.booking, at, 1, { reason, cancelledBy: by }));
  return next.booking;
}

export const mine = action({
  permission: 'signed-in',
  params: noParams,
  handler: async (_p, { actor, now }) => {
    const _ = getDb().command;
    const list = await fetchAll<Booking>(() => getDb().collection<Booking>(BOOKINGS).where({ openid: _.eq(actor.openid) }).orderBy('startAt', 'desc'), 500);
    const t = now();
    return list.map((b) => bookingView(b, rules(), t));
  },
});

export const rulesAction = action({
  permission: 'public',
  params: noParams,
  handler: async () => {
    const r = rules();
    return {
      maxActive: r.maxActive, noShowLimit: r.noShowLimit, noShowWindowDays: r.noShowWindowDays, pauseDays: r.pauseDays,
      cancelCutoffMinutes: r.cancelCutoffMinutes, horizonWorkdays: r.horizonWorkdays,
      texts: [
        `可预约今天起${r.horizonWorkdays}个工作日内的时段，法定节假日不开放预约。`,
        '同一事项每人每天只能保留一个预约。',
        `每人最多同时保留${r.maxActive}个未完成的预约。`,
        `预约开始前${cutoffText(r)}以前可以在线取消，名额会释放给其他群众。`,
        `${r.noShowWindowDays}天内${r.noShowLimit}次预约未到场（爽约），将暂停预约${r.pauseDays}天。`,
      ],
    };
  },
});

export { chineseDate };
