/**
 * The raw records behind the indicators for a span of Shanghai days, each reduced to a fact and
 * its contributions (core/metrics/contributions). The rollup sums them into rows, today's figures
 * sum them live, the drill-down lists them: one reading of every record.
 */
import { createHash } from 'node:crypto';
import type { ApplicationDoc } from '../../../core/affairs/model';
import type { Booking, Slot } from '../../../core/booking/model';
import type { RatingDoc } from '../../../core/evaluation/model';
import { ratingIdFor } from '../../../core/evaluation/model';
import type { TicketDoc } from '../../evaluation/handlers/write';
import type { InboxDoc } from '../../../core/consult/inbox';
import type { Delivery } from '../../../core/push/delivery';
import type { IndicatorArea, IndicatorKey } from '../../../core/metrics/api';
import { definitionOf } from '../../../core/metrics/definitions';
import {
  botAnswerContributions, bookingContributions, completedCaseContributions, deliveryContributions, endedServiceContributions,
  inboxContributions, ratingContributions, slotContributions, ticketContributions, type Contribution,
} from '../../../core/metrics/contributions';
import { shanghaiDate } from '../../../core/shanghai-time';
import { addDays } from '../../../core/metrics/range';
import { usedDaysOn } from '../../../core/affairs/deadline';
import { loadCalendar } from '../../booking/calendar-repo';
import {
  _, APPLICATIONS, BOOKINGS, CONSULT_FEEDBACK, CONSULT_INBOX, CONSULT_MESSAGES, existingIds, PUSH_DELIVERIES, PUSH_OPENS,
  RATINGS, scanRange, SLOTS, TICKETS,
} from '../repo';

/** One record as the drill-down shows it, with what it adds to the indicators. Never an openid. */
export interface SourcedRecord {
  id: string;
  title: string;
  date: string;
  department?: string;
  /** The matter the record is about (办件, 预约, 评价, 差评工单), for the per-matter rows. */
  matter?: string;
  detail?: string;
  link?: string;
  contributions: Contribution[];
}

export interface Span {
  /** First and last Shanghai day, inclusive. */
  from: string;
  to: string;
  /** Matter id → department code of the published catalogue (bookings and ratings carry only the matter). */
  matterDepartments: Map<string, string>;
}

export const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const spanIso = (s: Span) => ({ start: dayStart(s.from), end: dayStart(addDays(s.to, 1)) });
const opaque = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 16);

type Loader = (s: Span) => Promise<SourcedRecord[]>;

/** The platform's clock: the calendar cache is kept per clock, so it must be one function. */
const systemClock = () => new Date();

/** The citizen rated it themselves (not the default timer). */
const activeRating = (r: Pick<RatingDoc, 'isDefault'>) => r.isDefault !== true;

/** 办件 that reached 办结 (completed) in the span, and every ended 办件 for 主动评价率. */
const applications: Loader = async (s) => {
  const { start, end } = spanIso(s);
  // One equality per scan: the (status, updatedAt) index then answers each page in order.
  const apps = (await Promise.all(['completed', 'rejected'].map((status) => scanRange<ApplicationDoc>(APPLICATIONS, { status: _().eq(status) }, 'updatedAt', start, end)))).flat();
  const rated = await existingIds<RatingDoc>(RATINGS, apps.map((a) => ratingIdFor('application', a._id)), activeRating, { isDefault: true });
  const calendar = apps.some((a) => a.clock?.runningSince) ? await loadCalendar(systemClock) : null;
  return apps.map((a) => {
    const endedAt = a.timeline[a.timeline.length - 1]?.at ?? a.updatedAt;
    const date = shanghaiDate(endedAt);
    const contributions = endedServiceContributions({ activelyRated: rated.has(ratingIdFor('application', a._id)) });
    let detail = a.status === 'rejected' ? '不予受理' : '已办结';
    if (a.status === 'completed') {
      const supplemented = a.timeline.some((t) => t.action === 'requestSupplement');
      const usedDays = a.clock && calendar ? usedDaysOn(calendar, a.clock, date) : a.clock?.usedDays;
      contributions.push(...completedCaseContributions({ completedOn: date, dueDate: a.clock?.dueDate, usedDays, supplemented }));
      detail = `用时 ${usedDays ?? 0} 个工作日${a.clock && date > a.clock.dueDate ? '，超期' : ''}${supplemented ? '，曾补正' : ''}`;
    }
    return { id: a._id, title: `${a.no} ${a.matterName}`, date, department: a.department, matter: a.matterId, detail, link: `/packages/staff/pages/case/index?id=${a._id}`, contributions };
  });
};

const BOOKING_DETAIL: Record<string, string> = { booked: '已预约', cancelled: '已取消', checkedIn: '已签到', noShow: '爽约' };

const bookings: Loader = async (s) => {
  const list = await scanRange<Booking>(BOOKINGS, {}, 'date', s.from, addDays(s.to, 1));
  const checkedIn = list.filter((b) => b.status === 'checkedIn');
  const rated = await existingIds<RatingDoc>(RATINGS, checkedIn.map((b) => ratingIdFor('booking', b._id)), activeRating, { isDefault: true });
  const slots = await scanRange<Slot>(SLOTS, { state: _().eq('open') }, 'date', s.from, addDays(s.to, 1));
  return [
    ...list.map((b) => ({
      id: b._id, title: `${b.no} ${b.matterName}（${b.hallName}）`, date: b.date, department: s.matterDepartments.get(b.matterId), matter: b.matterId,
      detail: `${b.date} ${b.start}–${b.end} ${BOOKING_DETAIL[b.status] ?? b.status}`,
      contributions: [
        ...bookingContributions({ status: b.status }),
        ...(b.status === 'checkedIn' ? endedServiceContributions({ activelyRated: rated.has(ratingIdFor('booking', b._id)) }) : []),
      ],
    })),
    ...slots.map((slot) => ({ id: slot._id, title: `号源 ${slot.date} ${slot.start}–${slot.end}`, date: slot.date, detail: `容量 ${slot.capacity}`, contributions: slotContributions(slot) })),
  ];
};

interface BotMessage { _id: string; type?: string; question?: string; at: string }

const consult: Loader = async (s) => {
  const { start, end } = spanIso(s);
  const bot = await scanRange<BotMessage>(CONSULT_MESSAGES, { role: _().eq('bot') }, 'at', start, end);
  const unhelpful = await existingIds<{ helpful?: boolean }>(CONSULT_FEEDBACK, bot.map((m) => m._id), (f) => f.helpful === false, { helpful: true });
  const inbox = await scanRange<InboxDoc>(CONSULT_INBOX, {}, 'at', start, end);
  return [
    ...bot.map((m) => {
      const handoff = m.type === 'handoff';
      const thumbsDown = unhelpful.has(m._id);
      return {
        id: m._id, title: (m.question ?? '').slice(0, 40) || '（空白提问）', date: shanghaiDate(m.at),
        detail: handoff ? '转人工' : thumbsDown ? '已作答，群众点了“没帮助”' : '智能客服已作答',
        contributions: botAnswerContributions({ handoff, thumbsDown }),
      };
    }),
    ...inbox.map((q) => {
      const minutes = q.answeredAt ? Math.round((Date.parse(q.answeredAt) - Date.parse(q.at)) / 60_000) : undefined;
      return {
        id: q._id, title: q.question.slice(0, 40), date: shanghaiDate(q.at),
        detail: minutes === undefined ? '待人工答复' : `${minutes} 分钟后人工答复`, contributions: inboxContributions({ answeredMinutes: minutes }),
      };
    }),
  ];
};

const push: Loader = async (s) => {
  const { start, end } = spanIso(s);
  const list = await scanRange<Delivery>(PUSH_DELIVERIES, {}, 'createdAt', Date.parse(start), Date.parse(end));
  const opened = await existingIds(PUSH_OPENS, list.filter((d) => d.status === 'sent').map((d) => d._id));
  return list.map((d) => {
    const latencySeconds = d.source === 'event' && d.status === 'sent' && d.sentAt ? Math.max(0, (Date.parse(d.sentAt) - d.createdAt) / 1000) : undefined;
    return {
      // The delivery id names its recipient: the drill-down shows a digest of it instead.
      id: opaque(d._id), title: `${d.source === 'campaign' ? '群发' : '通知'} ${d.templateKey}`, date: shanghaiDate(new Date(d.createdAt).toISOString()),
      detail: d.status === 'sent' ? `已送达${opened.has(d._id) ? '，已打开' : ''}` : `${d.status}${d.errcode !== undefined ? ` errcode ${d.errcode}` : ''}`,
      contributions: deliveryContributions({ status: d.status, errcode: d.errcode, latencySeconds, opened: opened.has(d._id) }),
    };
  });
};

const LEVEL_NAMES = ['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'];

const evaluation: Loader = async (s) => {
  const { start, end } = spanIso(s);
  const ratings = await scanRange<RatingDoc>(RATINGS, {}, 'createdAt', start, end);
  const tickets = await scanRange<TicketDoc>(TICKETS, {}, 'createdAt', start, end);
  // A ticket names only its rating: its matter is the rating's (opened together, the same day).
  const matterOfRating = new Map(ratings.map((r) => [r._id, r.matterId]));
  const deptOfRating = new Map(ratings.map((r) => [r._id, r.department ?? (r.matterId ? s.matterDepartments.get(r.matterId) : undefined)]));
  return [
    ...ratings.map((r) => ({
      id: r._id, title: r.title, date: shanghaiDate(r.createdAt), department: deptOfRating.get(r._id), matter: r.matterId,
      detail: `${LEVEL_NAMES[r.level] ?? r.level}${r.excluded ? '（申诉成立，不计入）' : ''}${r.isDefault ? '（默认评价）' : ''}`,
      contributions: ratingContributions(r),
    })),
    ...tickets.map((t) => ({
      id: t._id, title: t.title, date: shanghaiDate(t.createdAt), department: t.department ?? deptOfRating.get(t.ratingId), matter: matterOfRating.get(t.ratingId),
      detail: t.appealUpheld ? '申诉成立' : t.rectified ? (t.rectifiedOnTime ? '按期整改' : '逾期整改') : t.contactedAt ? '已回访' : '待回访',
      contributions: ticketContributions({ contacted: !!t.contactedAt, rectified: t.rectified, rectifiedOnTime: t.rectifiedOnTime, appealUpheld: t.appealUpheld }),
    })),
  ];
};

const LOADERS: Record<Exclude<IndicatorArea, 'matters'>, Loader> = { affairs: applications, booking: bookings, consult, push, evaluation };

/** Where a key's records come from: 主动评价率 is counted where services end (办件 and 预约). */
export function areasOfKey(key: IndicatorKey): IndicatorArea[] {
  return key === 'activeRatingRate' ? ['affairs', 'booking'] : [definitionOf(key).area];
}

/** The records of the span for the given areas (all by default). */
export async function sourcedRecords(span: Span, areas?: readonly IndicatorArea[]): Promise<SourcedRecord[]> {
  const wanted = (Object.keys(LOADERS) as (keyof typeof LOADERS)[]).filter((a) => !areas || areas.includes(a));
  const parts = await Promise.all(wanted.map((a) => LOADERS[a](span)));
  return parts.flat();
}
