/** Collections, ids and small database helpers of the affairs function. */
import { createHash } from 'node:crypto';
import { publishedMatter } from '../shared/catalogue';
import { piiCipherFor } from '../shared/pii';
import { createCalendar, type CalendarOverrides, type DayOverride, type WorkCalendar } from '../../core/calendar/workdays';
import { DomainError } from '../../core/envelope';
import type { ApplicationDoc } from '../../core/affairs/model';
import type { Matter } from '../../core/matter/schema';
import { getDb, type Transaction } from '../shared/cloud';
import { fetchAll } from '../shared/paging';

export const APPLICATIONS = 'applications';
export const COUNTERS = 'application_counters';
export const DRAFTS = 'drafts';
export const BUNDLES = 'bundles';
export const USER_MATERIALS = 'user_materials';
export const ACCESS_LOGS = 'access_logs';
export const CALENDAR = 'calendar_overrides';
export const OUTBOX = 'outbox';

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

function isNotFound(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '');
  return /does not exist|not exist|cannot find document|document\.get:fail/i.test(msg);
}

/** doc.get() inside a transaction throws for a missing document; this answers null instead. */
export async function txGet<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await t.collection<T>(collection).doc(id).get();
    return (data as T) ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

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

/** Transaction with our own retry on top of the SDK's: a hot counter may conflict more than 3 times. */
export async function withRetry<R>(fn: () => Promise<R>, attempts = 12): Promise<R> {
  let last: unknown;
  for (let i = 0; i < attempts; i += 1) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      last = e;
      if (!/conflict|write conflict|TransactionConflict|-502005|busy/i.test(String((e as Error)?.message ?? e))) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
  throw last;
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
  const docs = await fetchAll<CalendarDoc>(() => getDb().collection<CalendarDoc>(CALENDAR).orderBy('_id', 'asc'), 5000);
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
    await db.collection(CALENDAR).doc(d.date).set({ data: { kind: 'day', date: d.date, workday: d.workday, ...(d.name ? { name: d.name } : {}) } });
  }
  for (const y of years) await db.collection(CALENDAR).doc(`year-${y}`).set({ data: { kind: 'year', year: y } });
  invalidateCalendar();
}

export async function removeCalendarDay(date: string): Promise<void> {
  await getDb().collection(CALENDAR).doc(date).remove().catch(() => undefined);
  invalidateCalendar();
}
