/** Collections, ids and small database helpers of the affairs function. */
import { createHash } from 'node:crypto';
import { publishedMatter } from '../shared/catalogue';
import { piiCipherFor } from '../shared/pii';
import { createCalendar, type CalendarOverrides, type DayOverride, type WorkCalendar } from '../../core/calendar/workdays';
import type { ApplicationDoc } from '../../core/affairs/model';
import type { Matter } from '../../core/matter/schema';
import { getDb } from '../shared/cloud';
import { fetchAll } from '../shared/paging';
import { ACCESS_LOGS, APPLICATIONS, CALENDAR_OVERRIDES, OUTBOX } from '../shared/collections';

export { ACCESS_LOGS, APPLICATIONS, OUTBOX };

export const COUNTERS = 'application_counters';
export const DRAFTS = 'drafts';
export const BUNDLES = 'bundles';
export const USER_MATERIALS = 'user_materials';

export function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** Same openid + requestId → same application id: the idempotency key is the primary key. */
export const applicationIdFor = (openid: string, requestId: string, matterId?: string) =>
  `A${digest('application', openid, requestId, matterId ?? '').slice(0, 24)}`;
export const bundleIdFor = (openid: string, requestId: string) => `B${digest('bundle', openid, requestId).slice(0, 24)}`;
export const draftIdFor = (openid: string, matterId: string) => `D${digest('draft', openid, matterId).slice(0, 24)}`;
export const userMaterialIdFor = (openid: string, fileID: string) => `U${digest('material', openid, fileID).slice(0, 24)}`;

export const pii = () => piiCipherFor(process.env.PII_KEY);

export async function getById<T>(collection: string, id: string): Promise<T | null> {
  const _ = getDb().command;
  const { data } = await getDb().collection(collection).where({ _id: _.eq(id) }).limit(1).get();
  return (data[0] as T | undefined) ?? null;
}

export const loadApplication = (id: string) => getById<ApplicationDoc>(APPLICATIONS, id);

/** The published catalogue's matter (never a staged or superseded copy). */
export async function loadMatter(id: string): Promise<Matter | null> {
  return publishedMatter(id);
}

export function withoutId<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  return rest;
}

// ---- working-day overrides (admin-maintained) ------------------------------------------------

interface CalendarDoc { _id: string; kind: 'day' | 'year'; date?: string; workday?: boolean; name?: string; year?: number }

let calendarCache: { at: number; overrides: CalendarOverrides } | null = null;
const CALENDAR_TTL_MS = 60_000;

export function invalidateCalendar(): void {
  calendarCache = null;
}

export async function loadOverrides(): Promise<CalendarOverrides> {
  if (calendarCache && Date.now() - calendarCache.at < CALENDAR_TTL_MS) return calendarCache.overrides;
  const docs = await fetchAll<CalendarDoc>(() => getDb().collection<CalendarDoc>(CALENDAR_OVERRIDES).orderBy('_id', 'asc'), 5000);
  const overrides: CalendarOverrides = {
    days: docs.filter((d) => d.kind === 'day' && d.date).map((d) => ({ date: d.date!, workday: !!d.workday, ...(d.name ? { name: d.name } : {}) })),
    coveredYears: docs.filter((d) => d.kind === 'year' && d.year).map((d) => d.year!),
  };
  calendarCache = { at: Date.now(), overrides };
  return overrides;
}

export async function loadCalendar(): Promise<WorkCalendar> {
  return createCalendar(await loadOverrides());
}

export async function writeCalendarDays(days: DayOverride[], years: number[]): Promise<void> {
  const db = getDb();
  for (const d of days) {
    await db.collection(CALENDAR_OVERRIDES).doc(d.date).set({ data: { kind: 'day', date: d.date, workday: d.workday, ...(d.name ? { name: d.name } : {}) } });
  }
  for (const y of years) await db.collection(CALENDAR_OVERRIDES).doc(`year-${y}`).set({ data: { kind: 'year', year: y } });
  invalidateCalendar();
}

export async function removeCalendarDay(date: string): Promise<void> {
  await getDb().collection(CALENDAR_OVERRIDES).doc(date).remove().catch(() => undefined);
  invalidateCalendar();
}
