/**
 * The decision for one citizen message: a person when the message asks for one or complains; the
 * personal assistant when it asks about the caller's own case or booking (their records only;
 * none of that kind → says so, with where to start one); otherwise the engine.
 */
import type { ConsultEngine, Decision } from '../../core/consult/engine';
import { escalate, escalationOf } from '../../core/consult/escalation';
import { OPEN_STATUSES } from '../../core/affairs/model';
import { rulesFromEnv } from '../../core/booking/model';
import { noRecordsReply, personalAskOf, personalReply, replyAsText, setbackReply, type ApplicationRow } from '../../core/consult/assistant';
import { loadCalendar } from '../booking/calendar-repo';
import { recentApplications, recentBookings, unpaidBillsOf } from './handoff-context';
import { LINK_HOWTO, linkedOpenid } from './links';
import type { Channel } from './conversation';

/** Enough to find the one asked about; a citizen rarely has more cases open at once. */
const PERSONAL_RECORDS = 20;

const fixed = { confidence: 1, margin: 1, candidates: [] };
/** "…办到哪了怎么查": with no record to show, the knowledge base's how-to answers it. */
const ASKS_HOW_TO_CHECK = /(?:怎么|如何|在哪|哪里|去哪)(?:儿)?(?:查|看|查询)/;

/** The platform's clock: the calendar cache is kept per clock, so it must be one function. */
const systemClock = () => new Date();

/** A running clock counts working days left (the admin's calendar); paused ones are frozen and need none. */
const needsCalendar = (apps: ApplicationRow[]) => apps.some((a) => OPEN_STATUSES.includes(a.status) && !!a.clock?.runningSince);

export async function decide(engine: ConsultEngine, text: string, caller: { openid: string; channel: Channel }, now: Date): Promise<Decision> {
  const escalation = escalationOf(text);
  // 我那个被退回的户口迁入是咋回事: the caller's own case may answer it (below); other escalations go to a person.
  const ask = escalation && escalation !== 'own-case' ? null : personalAskOf(text);
  if (!ask) return escalate(engine.ask(text), text);
  // 服务号 openids are not mini-program openids: records are reached only through a UNIONID link.
  const owner = caller.channel === 'oa' ? await linkedOpenid(caller.openid) : caller.openid;
  if (!owner) return { type: 'answer', reason: 'link-needed', ...fixed, answer: { id: 'record:link', source: 'record', content: LINK_HOWTO } };
  const [apps, bookings] = await Promise.all([
    ask.about === 'application' || ask.number ? recentApplications(owner, PERSONAL_RECORDS) : [],
    ask.about === 'booking' || ask.number ? recentBookings(owner, PERSONAL_RECORDS) : [],
  ]);
  const accepted = apps.filter((a) => a.status === 'accepted').map((a) => a._id);
  const [bills, calendar] = await Promise.all([unpaidBillsOf(owner, accepted), needsCalendar(apps) ? loadCalendar(systemClock) : undefined]);
  // The booking function's cancel rule (same BOOKING_CANCEL_CUTOFF_MINUTES), for "can I change my booking".
  const ctx = { calendar, cancelCutoffMinutes: rulesFromEnv(process.env).cancelCutoffMinutes };
  const replied = personalReply(ask, text, apps, bookings, now.toISOString(), bills, ctx);
  const found = escalation ? setbackReply(replied) : replied;
  if (escalation && !found) return escalate(engine.ask(text), text);
  // No record to show: "how do I check" still gets the how-to, and "我的社保卡补办要多久" with no such
  // case is the general question; otherwise the (empty) records answer.
  if (!found && (ASKS_HOW_TO_CHECK.test(text) || ask.soft)) return escalate(engine.ask(text), text);
  const reply = found ?? noRecordsReply(ask);
  // Cards show only in the mini-program (the text there only leads in to one card): elsewhere the records are said in full.
  const content = caller.channel === 'app' ? reply.text : replyAsText(reply);
  const answer = { id: `record:${ask.about}`, source: 'record', content, cards: reply.cards, ...(reply.action ? { action: reply.action } : {}) };
  return { type: 'answer', reason: 'record', ...fixed, answer: answer as Decision['answer'] };
}
