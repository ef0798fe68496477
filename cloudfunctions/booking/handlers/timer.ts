/**
 * The `booking` timer (every 10 minutes): finishes closures still cancelling, marks bookings whose
 * slot has ended as no-shows, and on the eve of a visit (from 18:00 Asia/Shanghai) writes 预约提醒
 * events. Every step is a transaction keyed on deterministic ids, so overlapping or repeated
 * firings change nothing twice. Work stops while time remains; the next firing resumes.
 */
import type { Booking, Slot } from '../../../core/booking/model';
import { reminderDateDue } from '../../../core/booking/rules';
import type { TimerEvent } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { bookingEvent, writeEvent } from '../events';
import { BOOKINGS, SLOTS, body, getOrNull, transact } from '../repo';
import { rules } from '../rules';
import { drainClosedSlot, noShowInTx } from './staff';

export interface SweepReport {
  at: string;
  closuresResumed: number;
  cancelled: number;
  noShows: number;
  reminders: number;
  complete: boolean;
}

const SAFETY_MS = 1000;

export async function sweep(event: TimerEvent, ctx: { remainingMs: () => number; now: () => Date }): Promise<SweepReport> {
  const parsed = Date.parse(event.Time);
  const at = Number.isNaN(parsed) ? ctx.now() : new Date(parsed);
  const deadline = Date.now() + Math.max(0, ctx.remainingMs() - SAFETY_MS);
  const report: SweepReport = { at: at.toISOString(), closuresResumed: 0, cancelled: 0, noShows: 0, reminders: 0, complete: true };
  const _ = getDb().command;
  const timeLeft = () => Date.now() < deadline;

  // 1) Closures that ran out of time in closeSlots.
  const { data: closing } = await getDb().collection<Slot>(SLOTS).where({ closing: _.eq(true) }).limit(100).get();
  for (const s of closing) {
    if (!timeLeft()) return { ...report, complete: false };
    const r = await drainClosedSlot(s, deadline, ctx.now);
    report.closuresResumed += 1;
    report.cancelled += r.cancelled;
    if (!r.done) return { ...report, complete: false };
  }

  // 2) No-shows: still booked after the slot ended.
  for (;;) {
    const { data } = await getDb().collection<Booking>(BOOKINGS)
      .where({ status: _.eq('booked'), endAt: _.lte(at.toISOString()) }).orderBy('endAt', 'asc').limit(100).get();
    if (!data.length) break;
    for (const b of data) {
      if (!timeLeft()) return { ...report, complete: false };
      const marked = await transact(async (t) => {
        const cur = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(b._id));
        if (!cur || cur.status !== 'booked' || Date.parse(cur.endAt) > at.getTime()) return false;
        await noShowInTx(t, cur, at, 'timer');
        return true;
      });
      if (marked) report.noShows += 1;
    }
  }

  // 3) Eve-of-visit reminders.
  const date = reminderDateDue(rules(), at);
  if (date) {
    for (;;) {
      const { data } = await getDb().collection<Booking>(BOOKINGS)
        .where({ date: _.eq(date), status: _.eq('booked'), reminded: _.neq(true) }).limit(100).get();
      if (!data.length) break;
      for (const b of data) {
        if (!timeLeft()) return { ...report, complete: false };
        const wrote = await transact(async (t) => {
          const cur = await getOrNull<Booking>(t.collection<Booking>(BOOKINGS).doc(b._id));
          if (!cur || cur.status !== 'booked' || cur.reminded) return false;
          await t.collection(BOOKINGS).doc(cur._id).set({ data: body({ ...cur, reminded: true }) });
          await writeEvent(t, bookingEvent('bookingReminder', cur, at, cur.date));
          return true;
        });
        if (wrote) report.reminders += 1;
      }
    }
  }
  return report;
}
