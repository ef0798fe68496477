/** What hall staff do: run the day, check in, mark no-shows, change capacity, close time, set up halls. */
import type { SlotView } from '../../../core/api';
import { codeFromInput, isValidCode } from '../../../core/booking/codes';
import { MAX_SLOT_CAPACITY, SLOT_MINUTES, type Booking, type Hall, type Slot, type SlotTemplate } from '../../../core/booking/model';
import { assertCheckIn } from '../../../core/booking/rules';
import { assertTemplate, isIdPart, parseSlotId, standardWeekly, toMinutes } from '../../../core/booking/slots';
import { shanghaiDate } from '../../../core/calendar/workdays';
import { DomainError } from '../../../core/envelope';
import { coversHall } from '../../../core/policy';
import { z } from '../../../core/zod-zh';
import { action, noParams } from '../../shared/router';
import { getDb, type Transaction } from '../../shared/cloud';
import { nullableDocDb } from '../../shared/transaction';
import { fetchAll } from '../../shared/paging';
import { publishedMatterNames } from '../../shared/catalogue';
import { loadCalendar } from '../calendar-repo';
import * as machine from '../../../core/booking/machine';
import { bookingEvent, writeEvent } from '../events';
import {
  BOOKINGS, CITIZENS, HALLS, NO_SHOWS, SLOTS, TEMPLATES, body, bookingByCode, citizenInTx, daySlots, getBooking, getHall, getOrNull,
  listHalls, resolveSlot, templatesOf, transact,
} from '../repo';
import { rules } from '../rules';
import { hallAdminView, slotView, staffBookingView } from '../views';
import { bookingIdParam, cancelInTx, dateParam, hallId, slotIdParam } from './citizen';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为24小时制时间，如 09:30');
const capacity = z.number({ invalid_type_error: '容量须为数字' }).int('容量须为整数')
  .min(0, '容量不能小于0').max(MAX_SLOT_CAPACITY, `容量不能超过${MAX_SLOT_CAPACITY}人`);

/** A hall as its staff edit it: slot templates and the names of the matters its windows serve. */
async function adminView(h: Hall) {
  return hallAdminView(h, await templatesOf(h._id), await publishedMatterNames(h.groups.flatMap((g) => g.matterIds)));
}

async function hallResource(id: string) {
  const hall = await getHall(id);
  return hall ? { resource: { hall: hall._id }, entity: hall } : null;
}

/** A booking as the policy sees it: its hall, and whose it is (hall staff never handle their own). */
const bookingResource = (b: Booking) => ({ resource: { hall: b.hallId, ownerOpenid: b.openid }, entity: b });

export const day = action({
  permission: 'hall:operate',
  params: z.object({ hallId, date: dateParam }).strict(),
  notFound: '没有找到该服务大厅',
  authorize: async (p) => hallResource(p.hallId),
  handler: async (p, { entity: hall, now }) => {
    const calendar = await loadCalendar(now);
    const templates = await templatesOf(hall._id);
    const slots: SlotView[] = [];
    const windowName = new Map(hall.groups.map((g) => [g.id, g.name]));
    for (const t of templates) {
      for (const s of await daySlots(t, p.date, calendar)) slots.push({ ...slotView(s, true), groupName: windowName.get(s.group) ?? s.group });
    }
    slots.sort((a, b) => a.start.localeCompare(b.start) || a.slotId.localeCompare(b.slotId));
    const _ = getDb().command;
    const bookings = await fetchAll<Booking>(() => getDb().collection<Booking>(BOOKINGS)
      .where({ hallId: _.eq(hall._id), date: _.eq(p.date) }).orderBy('startAt', 'asc'), 5000);
    const t = now();
    return { hallId: hall._id, hallName: hall.name, date: p.date, slots, bookings: bookings.map((b) => staffBookingView(b, t)) };
  },
});

const CHECK_IN_NOT_FOUND = '本大厅没有该签到码对应的预约，请核对后重试';

export const checkIn = action({
  permission: 'hall:operate',
  params: z.object({ code: z.string().trim().min(1).max(80) }).strict(),
  // The same answer for a code no one holds and a code of another hall: a counter learns nothing about other halls.
  notFound: CHECK_IN_NOT_FOUND,
  authorize: async ({ code }, { actor, now }) => {
    const digits = codeFromInput(code);
    if (!digits) throw new DomainError('INVALID_INPUT', '签到码应为8位数字，请核对后重新输入');
    if (!isValidCode(digits)) throw new DomainError('INVALID_INPUT', '签到码有一位数字不对（校验位不符），请核对后重新输入');
    const b = await bookingByCode(digits, shanghaiDate(now()), (hall) => coversHall(actor, hall));
    return b ? bookingResource(b) : null;
  },
  handler: async (_p, { actor, entity, now }) => {
    const at = now();
    assertCheckIn(entity, null, at);
    const done = await transact(async (t) => {
      const b = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(entity._id));
      if (!b) throw new DomainError('NOT_FOUND', '没有找到该预约');
      assertCheckIn(b, null, at);
      const next = machine.checkIn(b, await citizenInTx(t, b.openid), at, actor.openid);
      await t.collection(BOOKINGS).doc(b._id).set({ data: body(next.booking) });
      await t.collection(CITIZENS).doc(b.openid).set({ data: body(next.citizen) });
      return next.booking;
    });
    return staffBookingView(done, at);
  },
});

/** Marks a no-show in one transaction: status, the citizen's no-show record (maybe a pause), the log, the event. */
export async function noShowInTx(t: Transaction, b: Booking, at: Date, by: 'timer' | 'staff'): Promise<Booking> {
  const next = machine.noShow(b, await citizenInTx(t, b.openid), rules(), at, by);
  await t.collection(BOOKINGS).doc(b._id).set({ data: body(next.booking) });
  await t.collection(CITIZENS).doc(b.openid).set({ data: body(next.citizen) });
  await t.collection(NO_SHOWS).doc(b._id).set({ data: { bookingId: b._id, openid: b.openid, hallId: b.hallId, date: b.date, at: at.toISOString(), by } });
  await writeEvent(t, bookingEvent('bookingNoShow', next.booking, at));
  return next.booking;
}

export const markNoShow = action({
  permission: 'hall:operate',
  params: z.object({ id: bookingIdParam }).strict(),
  notFound: '没有找到该预约',
  authorize: async ({ id }) => {
    const b = await getBooking(id);
    return b ? bookingResource(b) : null;
  },
  handler: async ({ id }, { now }) => {
    const at = now();
    const done = await transact(async (t) => {
      const b = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(id));
      if (!b) throw new DomainError('NOT_FOUND', '没有找到该预约');
      machine.assertNoShowable(b, at);
      return noShowInTx(t, b, at, 'staff');
    });
    return staffBookingView(done, at);
  },
});

export const setSlotCapacity = action({
  permission: 'hall:operate',
  params: z.object({ slotId: slotIdParam, capacity }).strict(),
  notFound: '没有找到该预约时段',
  authorize: async ({ slotId }, { now }) => {
    const key = parseSlotId(slotId);
    if (!key) return null;
    const found = await resolveSlot(slotId, await loadCalendar(now));
    return found ? { resource: { hall: found.hall._id }, entity: found.slot } : null;
  },
  handler: async (p, { entity, now }) => {
    const at = now();
    if (Date.parse(entity.endAt) <= at.getTime()) throw new DomainError('CONFLICT', '该时段已结束，不能再修改容量');
    const slot = await transact(async (t) => {
      const cur = (await getOrNull<Slot>(t.collection<Slot>(SLOTS).doc(entity._id))) ?? entity;
      const next = machine.setCapacity(cur, p.capacity, at);
      await t.collection(SLOTS).doc(cur._id).set({ data: body(next) });
      return next;
    });
    return slotView(slot, true);
  },
});

/** How many bookings one closeSlots call cancels before handing the rest to the timer. */
const CLOSE_BUDGET_MS = 1500;

/** Cancels the booked bookings of a closed slot while time is left; clears `closing` when none remain. */
export async function drainClosedSlot(slot: Slot, deadline: number, now: () => Date): Promise<{ cancelled: number; done: boolean }> {
  const _ = getDb().command;
  let cancelled = 0;
  for (;;) {
    const { data } = await getDb().collection<Booking>(BOOKINGS).where({ slotId: _.eq(slot._id), status: _.eq('booked') }).limit(100).get();
    if (!data.length) break;
    for (const b of data) {
      if (Date.now() > deadline) return { cancelled, done: false };
      const ok = await transact(async (t) => {
        const cur = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(b._id));
        if (!cur || cur.status !== 'booked') return false;
        await cancelInTx(t, cur, now(), 'hall', slot.closedReason ?? '大厅临时停止服务');
        return true;
      });
      if (ok) cancelled += 1;
    }
  }
  await transact(async (t) => {
    const cur = await getOrNull<Slot>(t.collection<Slot>(SLOTS).doc(slot._id));
    if (cur?.closing) await t.collection(SLOTS).doc(slot._id).set({ data: body({ ...cur, closing: false }) });
  });
  return { cancelled, done: true };
}

export const closeSlots = action({
  permission: 'hall:operate',
  params: z.object({
    hallId, date: dateParam, from: hhmm.optional(), to: hhmm.optional(),
    reason: z.string().trim().min(2, '请填写关闭原因（至少2个字）').max(60, '关闭原因不超过60个字'),
  }).strict(),
  notFound: '没有找到该服务大厅',
  authorize: async (p) => hallResource(p.hallId),
  handler: async (p, { entity: hall, remainingMs, now }) => {
    const at = now();
    if (p.date < shanghaiDate(at)) throw new DomainError('INVALID_INPUT', '不能关闭已经过去的日期');
    const from = p.from ? toMinutes(p.from) : 0;
    const to = p.to ? toMinutes(p.to) : 24 * 60;
    if (to <= from) throw new DomainError('INVALID_INPUT', '结束时间须晚于开始时间');
    const calendar = await loadCalendar(now);
    const affected: Slot[] = [];
    for (const template of await templatesOf(hall._id)) {
      for (const s of await daySlots(template, p.date, calendar)) {
        // A slot is affected when it overlaps [from, to).
        if (toMinutes(s.end) > from && toMinutes(s.start) < to && Date.parse(s.endAt) > at.getTime()) affected.push(s);
      }
    }
    // 1) Close every slot first (no new bookings from here on), marking it as still cancelling.
    const closed: Slot[] = [];
    for (const s of affected) {
      closed.push(await transact(async (t) => {
        const cur = (await getOrNull<Slot>(t.collection<Slot>(SLOTS).doc(s._id))) ?? s;
        const next = machine.close(cur, p.reason, at);
        await t.collection(SLOTS).doc(cur._id).set({ data: body(next) });
        return next;
      }));
    }
    // 2) Cancel their bookings while the invocation has time; the timer finishes what is left.
    const deadline = Date.now() + Math.min(CLOSE_BUDGET_MS, Math.max(0, remainingMs() - 800));
    const views: SlotView[] = [];
    for (const s of closed) {
      const r = s.closing ? await drainClosedSlot(s, deadline, now) : { done: true };
      const fresh = (await resolveSlot(s._id, calendar))?.slot ?? s;
      views.push({ ...slotView(fresh, true), closing: !r.done });
    }
    return views;
  },
});

export const myHalls = action({
  permission: 'staff',
  params: noParams,
  handler: async (_p, { actor }) => {
    const all = (await listHalls()).filter((h) => coversHall(actor, h._id));
    const out = [];
    for (const h of all) out.push(await adminView(h));
    return out;
  },
});

const periodSchema = z.object({ from: hhmm, to: hhmm }).strict();
const groupSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/, '窗口代码格式不正确'),
  name: z.string().trim().min(1).max(40),
  location: z.string().trim().max(40).optional(),
  matterIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).max(300),
}).strict();

export const saveHall = action({
  permission: 'hall:manage',
  params: z.object({
    hallId,
    name: z.string().trim().min(2).max(60),
    address: z.string().trim().min(2).max(120),
    hours: z.string().trim().max(120),
    active: z.boolean(),
    groups: z.array(groupSchema).min(1, '至少一个窗口').max(30),
  }).strict(),
  // A new hall has no staff yet: only admins cover it (coversHall), so only they can create one.
  authorize: async (p) => ({ resource: { hall: p.hallId }, entity: undefined }),
  handler: async (p, { now }) => {
    const ids = p.groups.map((g) => g.id);
    if (new Set(ids).size !== ids.length) throw new DomainError('INVALID_INPUT', '窗口代码不能重复');
    const hall: Hall = {
      _id: p.hallId, name: p.name, address: p.address, hours: p.hours, active: p.active,
      groups: p.groups.map((g) => ({ ...g, matterIds: [...new Set(g.matterIds)] })), updatedAt: now().toISOString(),
    };
    const matterIds = [...new Set(hall.groups.flatMap((g) => g.matterIds))];
    await getDb().collection(HALLS).doc(hall._id).set({ data: { ...body(hall), matterIds } });
    return adminView(hall);
  },
});

export const saveTemplate = action({
  permission: 'hall:manage',
  params: z.object({
    hallId,
    group: z.string().regex(/^[a-z0-9-]{2,40}$/, '窗口代码格式不正确'),
    slotMinutes: z.number().int('时段长度须为整数分钟').min(SLOT_MINUTES.min, `时段长度不少于${SLOT_MINUTES.min}分钟`).max(SLOT_MINUTES.max, `时段长度不超过${SLOT_MINUTES.max}分钟`),
    capacity,
    weekly: z.record(z.string().regex(/^[1-5]$/, '只能设置周一至周五'), z.array(periodSchema).max(6)).optional(),
    makeUpWeekday: z.number().int().min(1).max(5).optional(),
  }).strict(),
  notFound: '没有找到该服务大厅',
  authorize: async (p) => hallResource(p.hallId),
  handler: async (p, { entity: hall, now }) => {
    if (!hall.groups.some((g) => g.id === p.group) || !isIdPart(p.group)) throw new DomainError('INVALID_INPUT', '该大厅没有这个窗口');
    const _id = `${hall._id}:${p.group}`;
    const existing = await getOrNull<SlotTemplate>(nullableDocDb().collection<SlotTemplate>(TEMPLATES).doc(_id));
    const template: SlotTemplate = {
      _id, hallId: hall._id, group: p.group, slotMinutes: p.slotMinutes, capacity: p.capacity,
      weekly: p.weekly ?? existing?.weekly ?? standardWeekly(),
      ...(p.makeUpWeekday ?? existing?.makeUpWeekday ? { makeUpWeekday: p.makeUpWeekday ?? existing?.makeUpWeekday } : {}),
      updatedAt: now().toISOString(),
    };
    assertTemplate(template);
    await getDb().collection(TEMPLATES).doc(_id).set({ data: body(template) });
    return adminView(hall);
  },
});
