/** Shared set-up for booking tests: the seed catalogue and halls on the local cloud, invariant checks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import cloud = require('wx-server-sdk');
import { createCalendar, shanghaiDate } from '../../core/calendar/workdays';
import type { Booking, Slot } from '../../core/booking/model';
import { fetchAll } from '../../cloudfunctions/shared/paging';
import { seedBooking } from '../../scripts/seed/booking';
import { ADMIN, call, expectOk, registerSource } from './harness';
import { bookingRouter } from '../../cloudfunctions/booking';
import { invokeFunction } from '../../local-cloud';
import { importCatalogueFile } from '../../scripts/lib/import-file';

export const PASSPORT = '11999900MB0P12328T3000111101001';
export const ID_CARD = '11999900MB0P12301G3000711101001';
export const MARRIAGE = '11999900MB0M20047W3000711201001';
/** Zero visits and no appointment: not bookable. */
export const TAX_RETURN = '11999900MB0T80032F3002013001000';
export const HALL_STAFF = 'staff-hall-center';
export const MARRIAGE_STAFF = 'staff-hall-marriage';

/**
 * Runs the booking function on a clock the test sets (the system clock until then): the clock is
 * injected into the router, so the production module holds no switch for it.
 */
export function bookingOnTestClock(): { set(at: Date | string): void } {
  let fixed: number | null = null;
  registerSource('booking', bookingRouter(() => (fixed === null ? new Date() : new Date(fixed))));
  return { set: (at) => { fixed = new Date(at).getTime(); } };
}

export async function seedAll(): Promise<void> {
  const content = fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8');
  const invoke = (name: string, data: unknown, openid?: string) => invokeFunction(name, data, openid ? { OPENID: openid } : {});
  // The seed catalogue is above callFunction's inline limit: uploaded first, as the staff page does.
  expectOk((await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, ADMIN)) as never);
  await seedBooking(invoke, ADMIN, () => undefined);
  expectOk(await call('account', 'setStaff', { openid: HALL_STAFF, name: '王敏', role: 'staff', departments: [], halls: ['hall-center'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: MARRIAGE_STAFF, name: '赵婷', role: 'staff', departments: [], halls: ['hall-marriage'], active: true }, ADMIN));
}

/** Working days after today (never today: its slots may already have started). */
export function nextWorkdays(n: number): string[] {
  const c = createCalendar();
  return c.nextWorkdays(shanghaiDate(), n + 1).dates.filter((d) => d !== shanghaiDate()).slice(0, n);
}

export function firstWeekendAfterToday(): string {
  const c = createCalendar();
  let d = new Date(Date.now() + 86_400_000);
  for (;;) {
    const s = shanghaiDate(d);
    if (!c.isWorkday(s)) return s;
    d = new Date(d.getTime() + 86_400_000);
  }
}

let seq = 0;
export const rid = () => `req-${process.pid}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

export async function all<T>(name: string): Promise<T[]> {
  const db = cloud.database();
  return fetchAll<T>(() => db.collection(name).orderBy('_id', 'asc') as never, 100000);
}

/** capacity = left + bookings not cancelled, for every stored slot; left never negative. */
export async function checkInvariant(): Promise<{ slots: number; held: number }> {
  const slots = await all<Slot>('booking_slots');
  const bookings = await all<Booking>('bookings');
  const heldBySlot = new Map<string, number>();
  for (const b of bookings) if (b.status !== 'cancelled') heldBySlot.set(b.slotId, (heldBySlot.get(b.slotId) ?? 0) + 1);
  let held = 0;
  for (const s of slots) {
    const h = heldBySlot.get(s._id) ?? 0;
    held += h;
    expect({ slot: s._id, capacity: s.capacity }).toEqual({ slot: s._id, capacity: s.left + h });
    expect(s.held).toBe(h);
    expect(s.left).toBeGreaterThanOrEqual(0);
  }
  // No booking points at a slot that was never stored.
  for (const id of heldBySlot.keys()) expect(slots.some((s) => s._id === id)).toBe(true);
  return { slots: slots.length, held };
}
