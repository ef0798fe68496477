/**
 * Slot generation from weekly templates over the working-day calendar, and slot ids.
 *
 * Slot ids are deterministic, `<hallId>:<group>:<date>:<HHmm>`, so two first readers of the same
 * slot name the same document and the database (a transaction) lets only one create it.
 */
import { shanghaiInstant, weekdayOf, type WorkCalendar } from '../calendar/workdays';
import { DomainError } from '../envelope';
import type { Period, Slot, SlotTemplate } from './model';

const ID_PART = /^[a-z0-9-]{2,40}$/;
const SLOT_ID_RE = /^([a-z0-9-]{2,40}):([a-z0-9-]{2,40}):(\d{4}-\d{2}-\d{2}):(\d{4})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface SlotKey {
  hallId: string;
  group: string;
  date: string;
  /** `HH:mm` */
  start: string;
}

export function slotIdOf(k: SlotKey): string {
  return `${k.hallId}:${k.group}:${k.date}:${k.start.replace(':', '')}`;
}

/** Parses a slot id; null for anything malformed (a forged id). */
export function parseSlotId(id: string): SlotKey | null {
  const m = SLOT_ID_RE.exec(id);
  if (!m) return null;
  const start = `${m[4].slice(0, 2)}:${m[4].slice(2)}`;
  if (!TIME_RE.test(start) || Number.isNaN(Date.parse(`${m[3]}T00:00:00Z`))) return null;
  if (new Date(`${m[3]}T00:00:00Z`).toISOString().slice(0, 10) !== m[3]) return null;
  return { hallId: m[1], group: m[2], date: m[3], start };
}

export function isIdPart(s: string): boolean {
  return ID_PART.test(s);
}

export function toMinutes(hhmm: string): number {
  if (!TIME_RE.test(hhmm)) throw new RangeError(`时间格式不正确：${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

export function fromMinutes(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Which weekday's periods a working day uses (1–5); null when the template opens nothing. */
export function templateWeekday(date: string, template: Pick<SlotTemplate, 'makeUpWeekday'>): number {
  const wd = weekdayOf(date);
  if (wd >= 1 && wd <= 5) return wd;
  // 调休上班 on a weekend: the periods of `makeUpWeekday` (default Monday, a full regular day).
  return template.makeUpWeekday && template.makeUpWeekday >= 1 && template.makeUpWeekday <= 5 ? template.makeUpWeekday : 1;
}

/** The periods cut into slots of `slotMinutes`; a trailing remainder shorter than a slot is dropped. */
export function cutPeriods(periods: Period[], slotMinutes: number): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  for (const p of periods) {
    const to = toMinutes(p.to);
    for (let t = toMinutes(p.from); t + slotMinutes <= to; t += slotMinutes) out.push({ start: fromMinutes(t), end: fromMinutes(t + slotMinutes) });
  }
  return out;
}

/**
 * The slots a template defines on a date: none on a day the calendar says is closed (holidays,
 * ordinary weekends, admin closures), the weekday's periods on a working day.
 */
export function templateSlots(template: SlotTemplate, date: string, calendar: WorkCalendar): Slot[] {
  if (!calendar.isWorkday(date)) return [];
  const periods = template.weekly[String(templateWeekday(date, template))] ?? [];
  return cutPeriods(periods, template.slotMinutes).map(({ start, end }) => ({
    _id: slotIdOf({ hallId: template.hallId, group: template.group, date, start }),
    hallId: template.hallId,
    group: template.group,
    date,
    start,
    end,
    startAt: shanghaiInstant(date, start).toISOString(),
    endAt: shanghaiInstant(date, end).toISOString(),
    capacity: template.capacity,
    left: template.capacity,
    held: 0,
    state: 'open',
  }));
}

/** Validates a template's shape beyond zod: periods ordered, non-overlapping, within the day. */
export function assertTemplate(t: Pick<SlotTemplate, 'weekly' | 'slotMinutes'>): void {
  for (const [wd, periods] of Object.entries(t.weekly)) {
    if (!/^[1-5]$/.test(wd)) throw new DomainError('INVALID_INPUT', '时段模板只能设置周一至周五（调休上班日按所设星期执行）');
    let last = -1;
    for (const p of periods) {
      const a = toMinutes(p.from);
      const b = toMinutes(p.to);
      if (b <= a) throw new DomainError('INVALID_INPUT', `时段 ${p.from}-${p.to} 的结束时间须晚于开始时间`);
      if (a < last) throw new DomainError('INVALID_INPUT', `时段 ${p.from}-${p.to} 与前一时段重叠或顺序颠倒`);
      if (b - a < t.slotMinutes) throw new DomainError('INVALID_INPUT', `时段 ${p.from}-${p.to} 短于一个预约时段（${t.slotMinutes}分钟）`);
      last = b;
    }
  }
}

/** The standard weekday template: 9:00–12:00 and 13:30–17:00, Monday to Friday. */
export function standardWeekly(): Record<string, Period[]> {
  const day: Period[] = [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }];
  return Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), day.map((p) => ({ ...p }))]));
}
