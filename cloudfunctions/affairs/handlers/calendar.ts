/** 工作日历 override table: staff read it (for the uncovered-year warning), admins edit it. */
import { z } from '../../../core/zod-zh';
import { shanghaiDate } from '../../../core/calendar/workdays';
import { action, noParams } from '../../shared/router';
import { calendarDate } from '../../shared/params';
import { loadCalendar, loadOverrides, removeCalendarDay as removeDay, writeCalendarDays } from '../repo';

const date = calendarDate();

async function table() {
  const [o, cal] = await Promise.all([loadOverrides(), loadCalendar()]);
  const year = Number(shanghaiDate().slice(0, 4));
  return { days: o.days, coveredYears: o.coveredYears, uncoveredYears: [year, year + 1].filter((y) => !cal.isCovered(y)) };
}

export const calendar = action({ permission: 'staff', params: noParams, handler: table });

export const setCalendarDays = action({
  permission: 'calendar:manage',
  params: z.object({
    days: z.array(z.object({ date, workday: z.boolean(), name: z.string().trim().max(20).optional() }).strict()).max(400),
    coveredYears: z.array(z.number().int().min(2000).max(2100)).max(10).optional(),
  }).strict(),
  handler: async (p) => {
    await writeCalendarDays(p.days, p.coveredYears ?? []);
    return table();
  },
});

export const removeCalendarDay = action({
  permission: 'calendar:manage',
  params: z.object({ date }).strict(),
  handler: async (p) => {
    await removeDay(p.date);
    return table();
  },
});
