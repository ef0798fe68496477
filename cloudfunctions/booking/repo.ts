/**
 * Booking storage on the cloud database. Every change that moves a place, a status or a limit runs
 * in one `runTransaction` touching only documents by id: the slot, the booking, the citizen's limit
 * document, the uniqueness key, the check-in code and the outbox event. Either all are written or
 * none (see docs/booking.md, "原子性").
 */
import { createHash } from 'node:crypto';
import type { Booking, CitizenState, Hall, Slot, SlotTemplate } from '../../core/booking/model';
import { emptyCitizen } from '../../core/booking/rules';
import { parseSlotId, templateSlots } from '../../core/booking/slots';
import type { WorkCalendar } from '../../core/calendar/workdays';
import { getDb, type Transaction } from '../shared/cloud';
import { transact as runTransaction } from '../shared/transaction';
import { fetchAll } from '../shared/paging';
import { publishedMatter } from '../shared/catalogue';
import { BOOKING_HALLS as HALLS, BOOKING_SLOTS as SLOTS, BOOKINGS, OUTBOX } from '../shared/collections';

export { HALLS, SLOTS, BOOKINGS, OUTBOX };

export const TEMPLATES = 'booking_templates';
export const KEYS = 'booking_keys';
export const CODES = 'booking_codes';
export const CITIZENS = 'booking_citizens';
export const NO_SHOWS = 'booking_no_shows';

export const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** Booking ids are derived from (caller, requestId): a retried `book` names the same document. */
export function bookingIdOf(openid: string, requestId: string): string {
  return `bk${hash(`${openid}\n${requestId}`).slice(0, 22)}`;
}

export function dayKeyOf(openid: string, matterId: string, date: string): string {
  return `${hash(openid).slice(0, 24)}:${matterId}:${date}`;
}

/**
 * doc().get() on a transaction (transact()) or on `nullableDocDb()`: both answer `{ data: null }`
 * for a missing document, so null means "no such document"; a missing collection rejects.
 */
export async function getOrNull<T>(ref: { get(): Promise<{ data: T | null }> }): Promise<T | null> {
  const { data } = await ref.get();
  return data ?? null;
}

/**
 * The shared transaction runner: under a rush on one slot, conflicts are the normal case. Domain
 * errors (full, limits) end it at once; each attempt is all-or-nothing.
 */
export const transact = <R>(fn: (t: Transaction) => Promise<R>): Promise<R> =>
  runTransaction(fn, { attempts: 60, busyMessage: '当前预约人数较多，请稍后重试' });

export async function getHall(hallId: string): Promise<Hall | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection<Hall>(HALLS).where({ _id: _.eq(hallId) }).limit(1).get();
  return data[0] ?? null;
}

export async function listHalls(): Promise<Hall[]> {
  return fetchAll<Hall>(() => getDb().collection<Hall>(HALLS).orderBy('_id', 'asc'), 2000);
}

export async function hallsServing(matterId: string): Promise<Hall[]> {
  const _ = getDb().command;
  return fetchAll<Hall>(() => getDb().collection<Hall>(HALLS).where({ matterIds: _.eq(matterId), active: _.eq(true) }).orderBy('_id', 'asc'), 500);
}

export async function getTemplate(hallId: string, group: string): Promise<SlotTemplate | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection<SlotTemplate>(TEMPLATES).where({ _id: _.eq(`${hallId}:${group}`) }).limit(1).get();
  return data[0] ?? null;
}

export async function templatesOf(hallId: string): Promise<SlotTemplate[]> {
  const _ = getDb().command;
  return fetchAll<SlotTemplate>(() => getDb().collection<SlotTemplate>(TEMPLATES).where({ hallId: _.eq(hallId) }).orderBy('_id', 'asc'), 500);
}

export async function storedSlots(hallId: string, group: string | null, date: string): Promise<Slot[]> {
  const _ = getDb().command;
  const where: Record<string, unknown> = { hallId: _.eq(hallId), date: _.eq(date) };
  if (group) where.group = _.eq(group);
  return fetchAll<Slot>(() => getDb().collection<Slot>(SLOTS).where(where).orderBy('_id', 'asc'), 2000);
}

/** The day's slots of a hall group: the template's, with what is stored (bookings, closures) laid over. */
export async function daySlots(template: SlotTemplate, date: string, calendar: WorkCalendar): Promise<Slot[]> {
  const fromTemplate = templateSlots(template, date, calendar);
  const stored = new Map((await storedSlots(template.hallId, template.group, date)).map((s) => [s._id, s]));
  const merged = fromTemplate.map((s) => stored.get(s._id) ?? s);
  // A stored slot the template no longer defines (template edited later) keeps its bookings visible.
  for (const s of stored.values()) if (!merged.some((m) => m._id === s._id)) merged.push(s);
  return merged.sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The slot a forged-or-real id names: stored, or defined by the template on a working day. Null
 * when no such slot exists.
 */
export async function resolveSlot(slotId: string, calendar: WorkCalendar): Promise<{ slot: Slot; stored: boolean; hall: Hall } | null> {
  const key = parseSlotId(slotId);
  if (!key) return null;
  const hall = await getHall(key.hallId);
  if (!hall || !hall.groups.some((g) => g.id === key.group)) return null;
  const _ = getDb().command;
  const { data } = await getDb().collection<Slot>(SLOTS).where({ _id: _.eq(slotId) }).limit(1).get();
  if (data[0]) return { slot: data[0], stored: true, hall };
  const template = await getTemplate(key.hallId, key.group);
  if (!template) return null;
  const slot = templateSlots(template, key.date, calendar).find((s) => s._id === slotId);
  return slot ? { slot, stored: false, hall } : null;
}

/** Inside a transaction: the stored slot, or the template's (to be created by this transaction). */
export async function slotInTx(t: Transaction, fallback: Slot): Promise<Slot> {
  return (await getOrNull<Slot>(t.collection<Slot>(SLOTS).doc(fallback._id))) ?? fallback;
}

export async function citizenInTx(t: Transaction, openid: string): Promise<CitizenState> {
  return (await getOrNull<CitizenState>(t.collection<CitizenState>(CITIZENS).doc(openid))) ?? emptyCitizen(openid);
}

/** `set` without `_id` in the body (the SDK refuses it there). */
export function body<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  return rest;
}

export async function getBooking(id: string): Promise<Booking | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection<Booking>(BOOKINGS).where({ _id: _.eq(id) }).limit(1).get();
  return data[0] ?? null;
}

/**
 * A check-in code is unique per visit day, not forever: the 9 000 000 codes would fill up over
 * the years, and a counter only ever accepts today's. Key: `<date>:<code>`.
 */
export const codeKey = (date: string, code: string) => `${date}:${code}`;

/**
 * The booking a code names: today's when there is one, else the latest other day's (so the
 * counter can say which day it is for), else null.
 */
/**
 * The booking a counter means by a check-in code: today's at a hall it runs, else the latest other
 * day's at such a hall (to say which day it is for). Codes of halls it does not run stay invisible.
 */
export async function bookingByCode(code: string, today: string, runsHall: (hallId: string) => boolean): Promise<Booking | null> {
  const db = getDb();
  const _ = db.command;
  const codes = db.collection<{ bookingId: string; code: string; date: string; hallId: string }>(CODES);
  const { data: own } = await codes.where({ _id: _.eq(codeKey(today, code)) }).limit(1).get();
  if (own[0] && runsHall(own[0].hallId)) return getBooking(own[0].bookingId);
  const { data: other } = await codes.where({ code: _.eq(code) }).orderBy('date', 'desc').limit(100).get();
  const mine = other.find((c) => runsHall(c.hallId));
  return mine ? getBooking(mine.bookingId) : null;
}

export interface MatterLite {
  _id: string;
  name: string;
  channels: { onsiteVisits: number; appointment: boolean };
  status?: string;
}

/** A matter of the published catalogue (the shared reader knows the versioned storage). */
export async function getMatter(id: string): Promise<MatterLite | null> {
  const m = await publishedMatter(id);
  return m ? { _id: m._id, name: m.name, channels: { onsiteVisits: m.channels.onsiteVisits, appointment: m.channels.appointment }, status: m.status } : null;
}

export const isBookableMatter = (m: MatterLite) => m.channels.onsiteVisits >= 1 || m.channels.appointment === true;
