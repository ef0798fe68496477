/** The working-day clock a ticket step runs on: today in Asia/Shanghai, the calendar and the settings. */
import { shanghaiDate } from '../../../core/calendar/workdays';
import type { TicketClock } from '../../../core/evaluation/ticket';
import { loadCalendar } from '../../booking/calendar-repo';
import { settings } from '../repo';

/** The platform's clock: the calendar cache is kept per clock, so it must be one function. */
const systemClock = () => new Date();

export async function ticketClock(at = new Date().toISOString()): Promise<TicketClock> {
  const calendar = await loadCalendar(systemClock);
  return { at, today: shanghaiDate(at), addWorkdays: (start, n) => calendar.addWorkdays(start, n), settings: settings() };
}
