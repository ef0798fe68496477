/**
 * 个人助理: "我的社保卡办到哪一步了", "我约的是几点" are answered from the caller's own
 * applications and bookings (read by the caller's openid only; identity never comes from the
 * message). A number in the message is only looked up among those records, so another person's
 * number finds nothing and reveals nothing.
 */
import { STATUS_LABELS, OPEN_STATUSES, type ApplicationDoc } from '../affairs/model';
import { nextStepFor } from '../affairs/view';
import { BOOKING_STATUS_LABELS, type Booking } from '../booking/model';
import type { ConsultAction, RecordCard } from './api';

export type PersonalAsk = { about: 'application' | 'booking'; number?: string };

export type ApplicationRow = Pick<ApplicationDoc, '_id' | 'no' | 'openid' | 'matterName' | 'status' | 'updatedAt' | 'departmentName' | 'dueDate' | 'clock' | 'supplementRequest' | 'suspendReason' | 'result' | 'matterType'>;
export type BookingRow = Pick<Booking, '_id' | 'no' | 'openid' | 'matterName' | 'hallName' | 'hallAddress' | 'groupName' | 'date' | 'start' | 'end' | 'startAt' | 'status'>;

const FIRST_PERSON_CASE = /我(?:的|们的|家的|申请的|办的|提交的|递交的|交的|申请了|办了|提交了|在网上|之前|上周|昨天|前几天)/;
const PROGRESS = /办到哪|到哪一步|哪一步了|到哪了|进度|办好了(?:没|吗)|办完了(?:没|吗)|好了没|批了(?:没|吗)|批下来|下来了(?:没|吗)|什么状态|啥状态|状态(?:是|怎么)|怎么样了|出结果/;
const MY_BOOKING = /我(?:的|之前|已经|已|刚|刚才|昨天)?(?:预约|约)(?:的|了|好)|我的预约/;
const BOOKING_ASK = /几点|哪天|哪一天|什么时候|啥时候|时间|在哪|地点|哪个大厅|哪个窗口|还有效|取消了(?:没|吗)/;
/** 办件编号 BJ…, 预约编号 YY… (the formats affairs and booking hand out). */
const NUMBER = /\b(?:BJ|YY)\d{14}\b/i;

/**
 * "查一下我的预约", "看看我的办件", or just "我的预约": a request for one's own records, with no
 * question word. Patterns of the form 我的/我约的/我预约的/我办的/我申请的 + record noun.
 */
const MY_BOOKING_RECORDS = /我(?:的|约的|预约的)(?:预约|号)|我约的|我预约的/;
const MY_APPLICATION_RECORDS = /我(?:的|办的|申请的|提交的)(?:办件|申请|业务|事项)|我办的|我申请的/;
const LOOK_UP = /查|看|找|有没有|有哪些|有几个|是什么|列出|显示/;
const ONLY_PUNCTUATION = /^[\s，。,.!！?？~～、]*$/;

function asksForOwn(text: string, records: RegExp): boolean {
  const m = text.match(records);
  if (!m) return false;
  return LOOK_UP.test(text) || ONLY_PUNCTUATION.test(text.replace(m[0], ''));
}

export function personalAskOf(text: string): PersonalAsk | null {
  const number = text.match(NUMBER)?.[0]?.toUpperCase();
  if (MY_BOOKING.test(text) && BOOKING_ASK.test(text)) return { about: 'booking', ...(number ? { number } : {}) };
  if (!number && asksForOwn(text, MY_BOOKING_RECORDS)) return { about: 'booking' };
  if (!number && asksForOwn(text, MY_APPLICATION_RECORDS)) return { about: 'application' };
  if ((FIRST_PERSON_CASE.test(text) || number) && PROGRESS.test(text)) return { about: number?.startsWith('YY') ? 'booking' : 'application', ...(number ? { number } : {}) };
  return null;
}

/** Characters that say nothing about which matter: the question's own words. */
const NOISE = new Set('我的了吗呢吧啊呀是在到哪一步办理进度怎么样状态申请预约约几点时候什么啥好没有下来批结果现请问一下帮查看们家提交交'.split(''));

/** How much of a record's matter name the message names (社保卡 → 社会保障卡申领: 社, 保, 卡). */
function overlap(text: string, title: string): number {
  let n = 0;
  for (const ch of new Set(text)) if (!NOISE.has(ch) && title.includes(ch)) n++;
  return n;
}

function pick<T extends { matterName: string }>(text: string, rows: T[], preferred: (r: T) => boolean): T[] {
  const scored = rows.map((r, i) => ({ r, i, s: overlap(text, r.matterName) }));
  const best = Math.max(0, ...scored.map((x) => x.s));
  if (best > 0) return scored.filter((x) => x.s === best).map((x) => x.r).slice(0, 3);
  // Nothing named: the records still in progress (or upcoming), else the latest one.
  const live = rows.filter(preferred);
  return (live.length ? live : rows).slice(0, 3);
}

export function applicationCard(a: ApplicationRow): RecordCard {
  const due = a.clock?.dueDate ?? a.dueDate;
  return {
    kind: 'application', id: a._id, no: a.no, title: a.matterName, status: STATUS_LABELS[a.status] ?? a.status,
    nextStep: nextStepFor(a as ApplicationDoc, 'owner'), ...(due && OPEN_STATUSES.includes(a.status) ? { due } : {}),
    link: `/packages/affairs/pages/detail/index?id=${encodeURIComponent(a._id)}`,
  };
}

export function bookingCard(b: BookingRow): RecordCard {
  const nextStep = b.status === 'booked'
    ? `请于${b.date} ${b.start}前到${b.hallName}${b.groupName ?? ''}${b.hallAddress ? `（${b.hallAddress}）` : ''}，出示预约码签到`
    : `该预约${BOOKING_STATUS_LABELS[b.status] ?? b.status}，如需办理可重新预约`;
  return {
    kind: 'booking', id: b._id, no: b.no, title: b.matterName, status: BOOKING_STATUS_LABELS[b.status] ?? b.status, nextStep,
    due: `${b.date} ${b.start}–${b.end}`, link: `/packages/booking/pages/detail/index?id=${encodeURIComponent(b._id)}`,
  };
}

export interface PersonalReply { cards: RecordCard[]; text: string; action?: ConsultAction }

/** Bookings and applications both start from a matter's 办事指南 (预约办理 / 在线申办 there). */
const FIND_MATTER = '/packages/matters/pages/search/index';

/**
 * The answer when the caller has no record of the kind asked about: their records are the answer
 * ("nothing"), with the way to make one, rather than a hand-off nobody can improve on.
 */
export function noRecordsReply(ask: PersonalAsk): PersonalReply {
  return ask.about === 'booking'
    ? { cards: [], text: '您目前没有有效的预约。如需预约，请先查找要办的事项，在办事指南页点击“预约办理”。', action: { label: '去预约', link: FIND_MATTER } }
    : { cards: [], text: '您目前没有在本小程序申办的办件。在窗口办理的事项请凭受理回执向办理窗口查询；如需在线申办，请先查找事项，在办事指南页点击“在线申办”。', action: { label: '去办事', link: FIND_MATTER } };
}

/**
 * The caller's own records that answer the question, or null when they have none of that kind
 * (a person must look: the question goes to the inbox).
 */
export function personalReply(ask: PersonalAsk, text: string, apps: ApplicationRow[], bookings: BookingRow[], nowIso: string): PersonalReply | null {
  if (ask.number) {
    const app = apps.find((a) => a.no.toUpperCase() === ask.number);
    const booking = bookings.find((b) => b.no.toUpperCase() === ask.number);
    const card = app ? applicationCard(app) : booking ? bookingCard(booking) : null;
    if (!card) return { cards: [], text: `在您名下没有找到编号为 ${ask.number} 的办件或预约。请核对编号，或在“我的办件”“我的预约”中查看。` };
    return { cards: [card], text: describe([card]) };
  }
  const cards = ask.about === 'booking'
    ? pick(text, bookings, (b) => b.status === 'booked' && b.startAt >= nowIso).map(bookingCard)
    : pick(text, apps, (a) => OPEN_STATUSES.includes(a.status)).map(applicationCard);
  return cards.length ? { cards, text: describe(cards) } : null;
}

function describe(cards: RecordCard[]): string {
  if (cards.length > 1) return `您名下有 ${cards.length} 件相关的${cards[0].kind === 'booking' ? '预约' : '办件'}，请看下面的卡片：`;
  const c = cards[0];
  return c.kind === 'booking'
    ? `您预约的“${c.title}”${c.status}，时间 ${c.due}。${c.nextStep}。`
    : `您申请的“${c.title}”（${c.no}）当前状态：${c.status}。${c.nextStep}${c.due ? `。承诺办结日期 ${c.due}` : ''}。`;
}
