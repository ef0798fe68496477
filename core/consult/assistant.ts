/**
 * 个人助理: "我的社保卡办到哪一步了", "我约的是几点" are answered from the caller's own
 * applications and bookings (read by the caller's openid only; identity never comes from the
 * message). A number in the message is only looked up among those records, so another person's
 * number finds nothing and reveals nothing.
 */
import { STATUS_LABELS, OPEN_STATUSES, type ApplicationDoc } from '../affairs/model';
import { nextStepFor } from '../affairs/view';
import { BOOKING_STATUS_LABELS, type Booking } from '../booking/model';
import { caseNextPay, type PayableBill } from '../pay/next-step';
import type { ConsultAction, RecordCard } from './api';
import { CASE_NUMBER } from './personal-numbers';
import { aboutSomeoneElse, matterFits, namedObjects, ON_BEHALF, periodIn, within, withoutTimeWords, type Period } from './record-scope';

/** `someoneElse`: 我老婆的护照办到哪了 — not the caller's case; only their own can be looked up. */
export type PersonalAsk = { about: 'application' | 'booking'; number?: string; someoneElse?: true };

export type ApplicationRow = Pick<ApplicationDoc, '_id' | 'no' | 'openid' | 'matterName' | 'status' | 'updatedAt' | 'departmentName' | 'dueDate' | 'clock' | 'supplementRequest' | 'suspendReason' | 'result' | 'matterType'> & Partial<Pick<ApplicationDoc, 'submittedAt'>>;
/** A case's bill as the pay function stores it (read by the caller's openid). */
export type BillRow = PayableBill & { applicationId: string };
export type BookingRow = Pick<Booking, '_id' | 'no' | 'openid' | 'matterName' | 'hallName' | 'hallAddress' | 'groupName' | 'date' | 'start' | 'end' | 'startAt' | 'status'>;

const FIRST_PERSON_CASE = /我(?:的|们的|家的|申请的|办的|提交的|递交的|交的|申请了|办了|提交了|在网上|之前|今天|昨天|前天|前几天|前两天|这几天|这周|本周|上周|这个?星期|上个?星期|这个月|本月|上个?月)/;
const PROGRESS = /办到哪|到哪一步|哪一步了|到哪了|进度|办好了(?:没|吗)|办完了(?:没|吗)|好了没|批了(?:没|吗)|批下来|下来了(?:没|吗)|什么状态|啥状态|状态(?:是|怎么)|怎么样了|出结果/;
const MY_BOOKING = /我(?:的|之前|已经|已|刚|刚才|昨天)?(?:预约|约)(?:的|了|好)|我的预约/;
const BOOKING_ASK = /几点|哪天|哪一天|什么时候|啥时候|时间|在哪|地点|哪个大厅|哪个窗口|还有效|取消了(?:没|吗)/;
/**
 * 办件编号 BJ…, 预约编号 YY…: a number meant as one of ours is looked up and answered as such
 * rather than handed to the FAQ engine.
 */
const NUMBER = CASE_NUMBER;
const NUMBER_DIGITS = 14;

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

export function personalAskOf(message: string): PersonalAsk | null {
  const number = message.match(NUMBER)?.[0]?.toUpperCase();
  // A number alone (BJ…, 查一下YY…, YY… 几点) is looked up like the progress question: the caller's own only.
  if (number) return { about: number.startsWith('YY') ? 'booking' : 'application', number };
  if (aboutSomeoneElse(message)) {
    if (/约/.test(message) && BOOKING_ASK.test(message)) return { about: 'booking', someoneElse: true };
    return PROGRESS.test(message) ? { about: 'application', someoneElse: true } : null;
  }
  // 我帮我妈办的护照: the caller's own record, asked about as any other.
  const text = message.replace(ON_BEHALF, '');
  if (MY_BOOKING.test(text) && BOOKING_ASK.test(text)) return { about: 'booking' };
  if (asksForOwn(text, MY_BOOKING_RECORDS)) return { about: 'booking' };
  if (asksForOwn(text, MY_APPLICATION_RECORDS)) return { about: 'application' };
  if (FIRST_PERSON_CASE.test(text) && PROGRESS.test(text)) return { about: 'application' };
  return null;
}

/** Characters that say nothing about which matter: the question's own words. */
const NOISE = new Set('我的了吗呢吧啊呀是在到哪一步办理进度怎么样状态申请预约约几点时候什么啥好没有下来批结果现请问一下帮查看们家提交交那个这些件'.split(''));

/** How much of a record's matter name the message names (社保卡 → 社会保障卡申领: 社, 保, 卡). */
function overlap(text: string, title: string): number {
  let n = 0;
  for (const ch of new Set(text)) if (!NOISE.has(ch) && title.includes(ch)) n++;
  return n;
}

/**
 * The records the text names most (two characters of the matter name at least), else — nothing
 * named — the ones still in progress (or upcoming), else the latest.
 */
function pick<T extends { matterName: string }>(text: string, rows: T[], preferred: (r: T) => boolean): Picked<T> {
  const scored = rows.map((r) => ({ r, s: overlap(text, r.matterName) }));
  const best = Math.max(0, ...scored.map((x) => x.s));
  if (best >= 2) return capped(scored.filter((x) => x.s === best).map((x) => x.r));
  return livePreferred(rows, preferred);
}

/** The cards shown (at most 3, the latest) and how many records there are of that kind. */
interface Picked<T> { shown: T[]; total: number }
const SHOWN = 3;
const capped = <T>(rows: T[]): Picked<T> => ({ shown: rows.slice(0, SHOWN), total: rows.length });

function livePreferred<T>(rows: T[], preferred: (r: T) => boolean): Picked<T> {
  const live = rows.filter(preferred);
  return capped(live.length ? live : rows);
}

/** A case's next step as its owner reads it on the detail page: an accepted case with an unpaid bill waits for the payment. */
export function ownerNextStep(a: Pick<ApplicationDoc, 'status'> & Partial<ApplicationDoc>, bill?: PayableBill | null): string {
  return caseNextPay(a.status, bill) ?? nextStepFor(a as ApplicationDoc, 'owner');
}

export function applicationCard(a: ApplicationRow, bill?: BillRow): RecordCard {
  const due = a.clock?.dueDate ?? a.dueDate;
  return {
    kind: 'application', id: a._id, no: a.no, title: a.matterName, status: STATUS_LABELS[a.status] ?? a.status,
    nextStep: ownerNextStep(a, bill), ...(due && OPEN_STATUSES.includes(a.status) ? { due } : {}),
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

const KIND = { application: '办件', booking: '预约' } as const;
const MY_RECORDS = { application: '我的办件', booking: '我的预约' } as const;
const MY_RECORDS_PAGE = { application: '/packages/affairs/pages/mine/index', booking: '/packages/booking/pages/mine/index' } as const;

/**
 * The caller's own records that answer the question, or null when they have none of that kind
 * (the caller's decide() says so, with where to start one).
 */
export function personalReply(ask: PersonalAsk, text: string, apps: ApplicationRow[], bookings: BookingRow[], nowIso: string, bills: BillRow[] = []): PersonalReply | null {
  const billOf = new Map(bills.map((b) => [b.applicationId, b]));
  const appCard = (a: ApplicationRow) => applicationCard(a, billOf.get(a._id));
  if (ask.number) {
    const app = apps.find((a) => a.no.toUpperCase() === ask.number);
    const booking = bookings.find((b) => b.no.toUpperCase() === ask.number);
    const card = app ? appCard(app) : booking ? bookingCard(booking) : null;
    if (card) return withPayAction({ cards: [card], text: describe([card]) });
    // A typo of one of the caller's own numbers: offer that record. Only the caller's records are
    // compared, so a near miss of someone else's number still reveals nothing.
    const near = [...apps.filter((a) => oneTypoApart(a.no.toUpperCase(), ask.number!)).map(appCard), ...bookings.filter((b) => oneTypoApart(b.no.toUpperCase(), ask.number!)).map(bookingCard)];
    if (near.length === 1) return withPayAction({ cards: near, text: `您名下没有编号为 ${ask.number} 的记录，您要查的是不是编号相近的这一件：` });
    const digits = ask.number.length - 2;
    const format = digits === NUMBER_DIGITS ? '' : `办件和预约编号为 BJ 或 YY 加 ${NUMBER_DIGITS} 位数字，您发来的编号有 ${digits} 位数字。`;
    return { cards: [], text: `在您名下没有找到编号为 ${ask.number} 的办件或预约。${format}请核对编号，或在“我的办件”“我的预约”中查看。` };
  }
  return ask.about === 'booking'
    ? chooseRecords(ask, text, bookings, nowIso, (b) => b.status === 'booked' && b.startAt >= nowIso, bookingCard)
    : chooseRecords(ask, text, apps, nowIso, (a) => OPEN_STATUSES.includes(a.status), appCard);
}

/** One typing slip apart: a digit changed, dropped, added, or two neighbours swapped. */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}

function chooseRecords<T extends ApplicationRow | BookingRow>(ask: PersonalAsk, text: string, rows: T[], nowIso: string, live: (r: T) => boolean, card: (r: T) => RecordCard): PersonalReply | null {
  const named = namedObjects(text);
  if (ask.someoneElse) return someoneElseReply(ask, named.size ? rows.filter((r) => matterFits(named, text, r.matterName)).slice(0, SHOWN).map(card) : []);
  if (!rows.length) return null;
  // 上周提交的: the cases submitted then (for bookings a time word names the slot, not when it was made).
  const period = ask.about === 'application' ? periodIn(text, nowIso) : null;
  const submitted = (r: T) => (r as ApplicationRow).submittedAt;
  const inPeriod = period ? rows.filter((r) => !!submitted(r) && within(period, submitted(r)!)) : rows;
  const words = withoutTimeWords(text);
  const fitting = named.size ? inPeriod.filter((r) => matterFits(named, words, r.matterName)) : inPeriod;
  if (fitting.length) {
    const { shown: chosen, total } = pick(words, fitting, live);
    const unnamed = !named.size && !period && overlap(words, chosen[0].matterName) < 2;
    const cards = chosen.map(card);
    return withPayAction(withAllLink(ask, { cards, text: describe(cards, unnamed ? chosen.every(live) : undefined, total) }, total));
  }
  // Not what was asked about: say so, then what the caller does have, clearly as other records.
  const { shown: others, total } = livePreferred(rows, live);
  return withPayAction(withAllLink(ask, { cards: others.map(card), text: notFoundText(ask.about, period, named, others.every(live)) }, total));
}

function notFoundText(about: PersonalAsk['about'], period: Period | null, named: Set<string>, othersLive: boolean): string {
  const what = `${named.size ? `${[...named].join('、')}相关的` : ''}${KIND[about]}`;
  const missing = period ? `您${period.label}没有提交过${what}` : `您名下没有${what}`;
  const listed = named.size ? `您的其他${KIND[about]}` : othersLive ? `您办理中的${KIND[about]}` : `您最近的${KIND[about]}`;
  return `${missing}。以下是${listed}，请核对：`;
}

/**
 * Someone else's case (我老婆的护照): only the caller's own records can be looked up here. Records
 * of the caller that fit the matter are shown only as "if you applied for them".
 */
function someoneElseReply(ask: PersonalAsk, fitting: RecordCard[]): PersonalReply {
  const kind = KIND[ask.about];
  const text = `这里只能查询用您本人微信办理的${kind}，查不到家人或他人名下的${kind}。请对方用自己的微信打开本小程序，在“智能咨询”里询问或在“${MY_RECORDS[ask.about]}”中查看；需要工作人员帮助，请点“转人工”。`;
  const action = { label: MY_RECORDS[ask.about], link: MY_RECORDS_PAGE[ask.about] };
  if (!fitting.length) return { cards: [], text, action };
  return { cards: fitting, text: `${text}如果是您用本微信替对方${ask.about === 'booking' ? '预约' : '申办'}的，请看下面的${kind}：`, action };
}

/** A card whose next step is paying: 去缴费 on the case detail page, where the bill is paid. */
function withPayAction(reply: PersonalReply): PersonalReply {
  const paying = reply.cards.find((c) => c.kind === 'application' && c.nextStep.startsWith('请缴纳费用'));
  return paying ? { ...reply, action: { label: '去缴费', link: paying.link } } : reply;
}

/** More records than cards: the 我的办件 / 我的预约 page lists them all. */
function withAllLink(ask: PersonalAsk, reply: PersonalReply, total: number): PersonalReply {
  return total > reply.cards.length ? { ...reply, action: { label: MY_RECORDS[ask.about], link: MY_RECORDS_PAGE[ask.about] } } : reply;
}

/**
 * `allLive`: nothing was named and these are the caller's live records (true) or latest ones
 * (false). `total`: how many there are of them; the cards show at most SHOWN.
 */
function describe(cards: RecordCard[], allLive?: boolean, total = cards.length): string {
  const kind = KIND[cards[0].kind];
  const more = total > cards.length ? `，下面是最近的 ${cards.length} 件，全部请到“${MY_RECORDS[cards[0].kind]}”查看：` : '，请看下面的卡片：';
  // At most SHOWN cards of `total`: a single card is the only record.
  if (cards.length > 1) {
    if (allLive === undefined) return `您名下有 ${total} 件相关的${kind}${more}`;
    const which = allLive ? (cards[0].kind === 'booking' ? '有效的' : '办理中的') : '最近的';
    return `您${which}${kind}共 ${total} 件${more}`;
  }
  const c = cards[0];
  return c.kind === 'booking'
    ? `您预约的“${c.title}”${c.status}，时间 ${c.due}。${c.nextStep}。`
    : `您申请的“${c.title}”（${c.no}）当前状态：${c.status}。${c.nextStep}${c.due ? `。承诺办结日期 ${c.due}` : ''}。`;
}

/**
 * The reply as one text, for channels that show no cards (客服消息, 服务号): each record the text
 * does not already describe, one line each.
 */
export function replyAsText(reply: PersonalReply): string {
  const lines = reply.cards.filter((c) => !reply.text.includes(c.title))
    .map((c) => `· ${c.title}（${c.no}）${c.status}${c.due ? `，${c.kind === 'booking' ? '时间' : '承诺办结'} ${c.due}` : ''}：${c.nextStep}`);
  return [reply.text, ...lines].join('\n');
}
