/**
 * 个人助理: "我的社保卡办到哪一步了", "我约的是几点" are answered from the caller's own
 * applications and bookings (read by the caller's openid only; identity never comes from the
 * message). A number in the message is only looked up among those records, so another person's
 * number finds nothing and reveals nothing.
 */
import { createCalendar, type WorkCalendar } from '../calendar/workdays';
import { clockView, pausedClockNote, type ClockView } from '../affairs/clock-view';
import { STATUS_LABELS, OPEN_STATUSES, type ApplicationDoc } from '../affairs/model';
import { nextStepFor } from '../affairs/view';
import { BOOKING_STATUS_LABELS, DEFAULT_RULES, type Booking } from '../booking/model';
import { cancelDeadline, cutoffText } from '../booking/rules';
import { caseNextPay, type PayableBill } from '../pay/next-step';
import { shanghaiDate, shanghaiDateTime } from '../shanghai-time';
import type { ConsultAction, RecordCard } from './api';
import { CASE_NUMBER, maskPersonalNumbers } from './personal-numbers';
import { aboutSomeoneElse, matterFits, namedObjects, ON_BEHALF, periodIn, within, withoutTimeWords, type Period } from './record-scope';

/**
 * `someoneElse`: 我老婆的护照办到哪了 — not the caller's case; only their own can be looked up.
 * `change`: 我的预约能改时间吗 — the booking, and how a booking is changed (cancel, book again).
 * `soft`: answered from the caller's records only when one fits, else it is a general question (the
 * FAQ), not "you have no such case": `running` — 我的社保卡补办要多久, a case of theirs still
 * running; `named` — 我的户口迁入是怎么回事, a case of the matter the message names (我的手机收不到
 * 验证码怎么回事 names none).
 */
export type PersonalAsk = { about: 'application' | 'booking'; number?: string; someoneElse?: true; change?: true; soft?: 'running' | 'named' };

export type ApplicationRow = Pick<ApplicationDoc, '_id' | 'no' | 'openid' | 'matterName' | 'status' | 'updatedAt' | 'departmentName' | 'dueDate' | 'clock' | 'supplementRequest' | 'suspendReason' | 'result' | 'matterType'> & Partial<Pick<ApplicationDoc, 'submittedAt' | 'timeline' | 'promisedDays'>>;
/** A case's bill as the pay function stores it (read by the caller's openid). */
export type BillRow = PayableBill & { applicationId: string };
export type BookingRow = Pick<Booking, '_id' | 'no' | 'openid' | 'matterName' | 'hallName' | 'hallAddress' | 'groupName' | 'date' | 'start' | 'end' | 'startAt' | 'status'>;

const FIRST_PERSON_CASE = /我(?:的|那个|那件|那笔|们的|家的|申请的|办的|提交的|递交的|交的|申请了|办了|提交了|在网上|之前|今天|昨天|前天|前几天|前两天|这几天|这周|本周|上周|这个?星期|上个?星期|这个月|本月|上个?月)/;
const PROGRESS = /办到哪|到哪一步|哪一步了|到哪了|进度|办好了(?:没|吗)|办完了(?:没|吗)|好了没|批了(?:没|吗)|批下来|下来了(?:没|吗)|什么状态|啥状态|状态(?:是|怎么)|怎么样了|出结果|被退回|退回来了|退回了|没通过|被拒|被驳回|怎么还没|还没(?:办好|好|下来|批|到账|拿到|办完|出来)/;
/** "What happened": about a case only when the message names one. */
const WHAT_HAPPENED = /怎么回事|咋回事|啥情况|什么情况/;
/** How long until it is done: about the caller's case only when they have one of that matter. */
const DURATION = /要多久|多久能|多长时间能|(?:什么|啥)时候(?:能)?(?:拿到|办好|好|下来|办完|出来|到账)|几天能|几天(?:才)?(?:可以|能)?(?:拿到|办好|下来)/;
const MY_BOOKING = /我(?:的|之前|已经|已|刚|刚才|昨天)?(?:预约|约)(?:的|了|好)|我的预约/;
const BOOKING_ASK = /几点|哪天|哪一天|几号|什么时候|啥时候|时间|在哪|地点|哪个大厅|哪个窗口|还有效|取消了(?:没|吗)|预约号|编号|号码|多少/;
/** 改到下午, 能改时间吗, 怎么取消: a booking is changed by cancelling it and booking again. */
const CHANGE = /改(?:到|成|在|时间|日期|期|约|天|一下|个)|(?:能|可以|能不能|可不可以|怎么|如何)(?:修)?改|换(?:个|一个|到)?(?:时间|日期|时段|天)|调(?:整|换)?(?:时间|时段|日期)|推迟|延期|挪到|提前到|(?:怎么|如何|能|可以|能不能|可不可以)取消|取消预约/;
/** Digits in a well-formed 办件 / 预约 number (CASE_NUMBER also reads a slip of a few more or fewer). */
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
  // 办件编号 BJ…, 预约编号 YY…: looked up and answered as such rather than handed to the FAQ engine.
  const number = message.match(CASE_NUMBER)?.[0]?.toUpperCase();
  // A number alone (BJ…, 查一下YY…, YY… 几点) is looked up like the progress question: the caller's own only.
  if (number) {
    const about = number.startsWith('YY') ? 'booking' : 'application';
    return { about, number, ...(about === 'booking' && CHANGE.test(message) ? { change: true as const } : {}) };
  }
  if (aboutSomeoneElse(message)) {
    if (/约/.test(message) && BOOKING_ASK.test(message)) return { about: 'booking', someoneElse: true };
    return PROGRESS.test(message) ? { about: 'application', someoneElse: true } : null;
  }
  // 我帮我妈办的护照: the caller's own record, asked about as any other.
  const text = message.replace(ON_BEHALF, '');
  if (MY_BOOKING.test(text) && CHANGE.test(text)) return { about: 'booking', change: true };
  if (MY_BOOKING.test(text) && BOOKING_ASK.test(text)) return { about: 'booking' };
  if (asksForOwn(text, MY_BOOKING_RECORDS)) return { about: 'booking' };
  if (asksForOwn(text, MY_APPLICATION_RECORDS)) return { about: 'application' };
  if (FIRST_PERSON_CASE.test(text) && PROGRESS.test(text)) return { about: 'application' };
  if (FIRST_PERSON_CASE.test(text) && DURATION.test(text)) return { about: 'application', soft: 'running' };
  if (FIRST_PERSON_CASE.test(text) && WHAT_HAPPENED.test(text)) return { about: 'application', soft: 'named' };
  return null;
}

/** Characters that say nothing about which matter: the question's own words. */
const NOISE = new Set('我的了吗呢吧啊呀是在到哪一步办理进度怎么样状态申请预约约几点时候什么啥好没有下来批结果现请问一下帮查看们家提交交那个这些件要多久能拿天咋回事被退拒驳通过'.split(''));

/** How much of a record's matter name the message names (社保卡 → 社会保障卡申领: 社, 保, 卡). */
function overlap(text: string, title: string): number {
  let n = 0;
  for (const ch of new Set(text)) if (!NOISE.has(ch) && title.includes(ch)) n++;
  return n;
}

/** The records the text names most (two characters of the matter name at least); null when none is named so. */
function namedMost<T extends { matterName: string }>(text: string, rows: T[]): T[] | null {
  const scored = rows.map((r) => ({ r, s: overlap(text, r.matterName) }));
  const best = Math.max(0, ...scored.map((x) => x.s));
  return best >= 2 ? scored.filter((x) => x.s === best).map((x) => x.r) : null;
}

/**
 * The cards shown (at most 3, the latest), how many records of that kind there are (`total`,
 * for the 我的办件 link), and what they are: all live, or the latest ones (none live), or —
 * a matter named — its live ones plus the latest that has ended (`withEnded`).
 */
interface Picked<T> { shown: T[]; total: number; allLive: boolean; withEnded?: true }
const SHOWN = 3;

function livePreferred<T>(rows: T[], preferred: (r: T) => boolean): Picked<T> {
  const live = rows.filter(preferred);
  const list = live.length ? live : rows;
  return { shown: list.slice(0, SHOWN), total: list.length, allLive: live.length > 0 };
}

/**
 * A matter named (我那个户口迁入, 港澳签注好了没): its live records and also the latest one that has
 * ended — a refused or finished case is what the question is often about.
 */
function liveAndLatestEnded<T>(rows: T[], preferred: (r: T) => boolean): Picked<T> {
  const live = rows.filter(preferred);
  const ended = rows.find((r) => !preferred(r));
  if (!ended) return { shown: live.slice(0, SHOWN), total: live.length, allLive: true };
  if (!live.length) return { shown: [ended], total: 1, allLive: false };
  return { shown: [...live.slice(0, SHOWN - 1), ended], total: live.length + 1, allLive: false, withEnded: true };
}

/**
 * A case's next step as its owner reads it on the detail page (`left`: its working days left): an
 * accepted case with an unpaid bill waits for the payment; a refused one says why, in the words
 * the department stored with the refusal.
 */
export function ownerNextStep(a: Pick<ApplicationDoc, 'status'> & Partial<ApplicationDoc>, bill?: PayableBill | null, left?: number): string {
  const pay = caseNextPay(a.status, bill);
  // Not yet accepted, the case has no due date; how long it takes once accepted is what 要多久 asks.
  const promise = !pay && a.status === 'submitted' && a.promisedDays ? `；受理后${a.promisedDays}个工作日内办结` : '';
  const step = (pay ?? nextStepFor(a as ApplicationDoc, 'owner', left)) + promise;
  const reason = refusalReason(a);
  // The detail page lists the reason in the timeline below; a card or a chat line has no timeline.
  return reason ? step.replace('理由见办理记录', `理由：${reason}`) : step;
}

/** The comment the department gave when it refused (不予受理) or decided 不予 at 办结; masked, it was typed by staff. */
export function refusalReason(a: Pick<ApplicationDoc, 'status'> & Partial<Pick<ApplicationDoc, 'timeline' | 'result'>>): string | undefined {
  const refusedBy = a.status === 'rejected' ? 'reject' : a.status === 'completed' && a.result?.decision === '不予' ? 'complete' : null;
  if (!refusedBy) return undefined;
  const entry = [...(a.timeline ?? [])].reverse().find((e) => e.action === refusedBy);
  const comment = entry?.comment?.trim().replace(/[。.；;\s]+$/, '');
  return comment ? maskPersonalNumbers(comment) : undefined;
}

/**
 * `clock`: the case clock as the detail page shows it (core/affairs/clock-view) — while paused no
 * due date, only the working days left.
 */
export function applicationCard(a: ApplicationRow, bill?: BillRow, clock: ClockView = {}): RecordCard {
  const due = a.clock ? clock.dueDate : a.dueDate;
  return {
    kind: 'application', id: a._id, no: a.no, title: a.matterName, status: STATUS_LABELS[a.status] ?? a.status,
    nextStep: ownerNextStep(a, bill, clock.workdaysLeft), ...(due && OPEN_STATUSES.includes(a.status) ? { due } : {}),
    ...(clock.clockPaused ? { clock: pausedClockNote(a) } : {}),
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

/** `lead`: the text only introduces the one card below (您的“护照申领”办件：); the card says the rest. */
export interface PersonalReply { cards: RecordCard[]; text: string; action?: ConsultAction; lead?: true }

/**
 * What the reply needs beyond the records: the working-day calendar (the cases' days left, as on
 * the detail page) and the booking rule for cancelling online (minutes before the slot).
 */
export interface ReplyContext { calendar?: WorkCalendar; cancelCutoffMinutes?: number }

let holidayCalendar: WorkCalendar | undefined;
/** Without the admin's overrides: the national holiday schedule only. */
const defaultCalendar = () => (holidayCalendar ??= createCalendar());

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
export function personalReply(ask: PersonalAsk, text: string, apps: ApplicationRow[], bookings: BookingRow[], nowIso: string, bills: BillRow[] = [], ctx: ReplyContext = {}): PersonalReply | null {
  const billOf = new Map(bills.map((b) => [b.applicationId, b]));
  const today = shanghaiDate(nowIso);
  const calendar = ctx.calendar ?? defaultCalendar();
  const appCard = (a: ApplicationRow) => applicationCard(a, billOf.get(a._id), clockView(a, calendar, today));
  const changeHow = (reply: PersonalReply | null) => (reply && ask.change ? withChangeHow(reply, bookings, ctx.cancelCutoffMinutes ?? DEFAULT_RULES.cancelCutoffMinutes, nowIso) : reply);
  if (ask.number) {
    const app = apps.find((a) => a.no.toUpperCase() === ask.number);
    const booking = bookings.find((b) => b.no.toUpperCase() === ask.number);
    const card = app ? appCard(app) : booking ? bookingCard(booking) : null;
    if (card) return changeHow(withPayAction(lead(card)));
    // A typo of one of the caller's own numbers: offer that record. Only the caller's records are
    // compared, so a near miss of someone else's number still reveals nothing.
    const near = [...apps.filter((a) => oneTypoApart(a.no.toUpperCase(), ask.number!)).map(appCard), ...bookings.filter((b) => oneTypoApart(b.no.toUpperCase(), ask.number!)).map(bookingCard)];
    if (near.length === 1) return withPayAction({ cards: near, text: `您名下没有编号为 ${ask.number} 的记录，您要查的是不是编号相近的这一件：` });
    const digits = ask.number.length - 2;
    const format = digits === NUMBER_DIGITS ? '' : `办件和预约编号为 BJ 或 YY 加 ${NUMBER_DIGITS} 位数字，您发来的编号有 ${digits} 位数字。`;
    return { cards: [], text: `在您名下没有找到编号为 ${ask.number} 的办件或预约。${format}请核对编号，或在“我的办件”“我的预约”中查看。` };
  }
  return ask.about === 'booking'
    ? changeHow(chooseRecords(ask, text, bookings, nowIso, (b) => b.status === 'booked' && b.startAt >= nowIso, bookingCard))
    : chooseRecords(ask, text, apps, nowIso, (a) => OPEN_STATUSES.includes(a.status), appCard, wentWrong);
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

/**
 * `setback`: for cases, whether one went wrong (refused, sent back): "我那个被退回的户口迁入" is
 * about that one, not the other 户口迁入 case still running.
 */
function chooseRecords<T extends ApplicationRow | BookingRow>(ask: PersonalAsk, text: string, rows: T[], nowIso: string, live: (r: T) => boolean, card: (r: T) => RecordCard, setback?: (r: T) => boolean): PersonalReply | null {
  const named = namedObjects(text);
  if (ask.someoneElse) return someoneElseReply(ask, named.size ? rows.filter((r) => matterFits(named, text, r.matterName)).slice(0, SHOWN).map(card) : []);
  if (!rows.length) return null;
  // 上周提交的: the cases submitted then (for bookings a time word names the slot, not when it was made).
  const period = ask.about === 'application' ? periodIn(text, nowIso) : null;
  const submitted = (r: T) => (r as ApplicationRow).submittedAt;
  const inPeriod = period ? rows.filter((r) => !!submitted(r) && within(period, submitted(r)!)) : rows;
  const words = withoutTimeWords(text);
  const matching = named.size ? inPeriod.filter((r) => matterFits(named, words, r.matterName)) : inPeriod;
  // "How long" is about a case still running; after a finished one it is a new question (the FAQ).
  const wrong = setback && SETBACK_WORDS.test(words) ? matching.filter(setback) : [];
  const fitting = ask.soft === 'running' ? matching.filter(live) : wrong.length ? wrong : matching;
  const byName = namedMost(words, fitting);
  const matterNamed = named.size > 0 || !!byName;
  if (fitting.length && (matterNamed || ask.soft !== 'named')) {
    const picked = matterNamed ? liveAndLatestEnded(byName ?? fitting, live) : livePreferred(fitting, live);
    const cards = picked.shown.map(card);
    if (cards.length === 1) return withPayAction(withAllLink(ask, lead(cards[0]), picked.total));
    const scope = matterNamed || period ? 'related' : 'mine';
    return withPayAction(withAllLink(ask, { cards, text: describe(cards, picked, scope) }, picked.total));
  }
  // 我的社保卡补办要多久 with no such case, 我的手机怎么回事: the general question, for the FAQ.
  if (ask.soft) return null;
  // Not what was asked about: say so, then what the caller does have, clearly as other records.
  const others = livePreferred(rows, live);
  return withPayAction(withAllLink(ask, { cards: others.shown.map(card), text: notFoundText(ask.about, period, named, others.allLive) }, others.total));
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

/** Words that say the case went wrong. */
const SETBACK_WORDS = /退回|被拒|驳回|没通过|不通过|没批|不予|没受理|不受理/;

/** Refused (不予受理, 办结 不予) or sent back for 补正: what "被退回 / 没通过" is about. */
function wentWrong(a: ApplicationRow): boolean {
  return a.status === 'rejected' || a.status === 'supplement' || (a.status === 'completed' && a.result?.decision === '不予');
}

/** Where a case went wrong (refused, sent back, stopped): what a person would otherwise be asked about. */
const SETBACK_LABELS = (['rejected', 'supplement', 'suspended'] as const).map((s) => STATUS_LABELS[s]);

/**
 * "我那个被退回的户口迁入是咋回事": a message that would go to a person (own-case) is answered by
 * the record when the caller's one named case is in such a state — its card says why and what to
 * do — with 转人工 offered in the text. Null when the record does not answer it (a person does).
 */
export function setbackReply(reply: PersonalReply | null): PersonalReply | null {
  const card = reply?.lead && reply.cards.length === 1 ? reply.cards[0] : undefined;
  if (!reply || !card || card.kind !== 'application') return null;
  // A 办结 of 不予 says so in its next step (the department's decision), as on the detail page.
  if (!SETBACK_LABELS.includes(card.status) && !card.nextStep.startsWith('已办结：不予')) return null;
  return { ...reply, text: `您的“${card.title}”办件如下，仍有疑问请点“转人工”：` };
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

/** What a live record is called: a case 办理中, a booking 有效. */
const LIVE = { application: '办理中的', booking: '有效的' } as const;

/**
 * Several cards: how many, and which they are — the caller's live ones or latest ones (`mine`,
 * nothing named), or those of the matter or period asked about (`related`), live ones said as
 * such and a finished one added said as such. Their status and next steps are on the cards.
 */
function describe(cards: RecordCard[], picked: Picked<unknown>, scope: 'mine' | 'related'): string {
  const about = cards[0].kind;
  const kind = KIND[about];
  const { total } = picked;
  const more = total > cards.length ? `，下面是最近的 ${cards.length} 件，全部请到“${MY_RECORDS[about]}”查看：` : '，请看下面的卡片：';
  if (scope === 'mine') return `您${picked.allLive ? LIVE[about] : '最近的'}${kind}共 ${total} 件${more}`;
  if (picked.withEnded) return `您名下${LIVE[about]}相关${kind}共 ${total - 1} 件，另附最近一件已结束的${kind}${more}`;
  return `您名下${picked.allLive ? LIVE[about] : ''}相关${kind}共 ${total} 件${more}`;
}

/** One card: the text only introduces it (status, next step and dates are on the card). */
function lead(card: RecordCard): PersonalReply {
  return { cards: [card], text: `您的“${card.title}”${KIND[card.kind]}：`, lead: true };
}

/** One record in full, for a channel without cards. */
function describeOne(c: RecordCard): string {
  return c.kind === 'booking'
    ? `您预约的“${c.title}”（${c.no}）${c.status}，时间 ${c.due}。${c.nextStep}。`
    : `您申请的“${c.title}”（${c.no}）当前状态：${c.status}。${c.nextStep}${c.due ? `。承诺办结日期 ${c.due}` : ''}${c.clock ? `。办理时限：${c.clock}` : ''}。`;
}

/**
 * "我的预约能改时间吗": a booking is not moved; it is cancelled (online until the cut-off before
 * its start, the rule the booking function enforces) and booked again. With the booking's card.
 */
function withChangeHow(reply: PersonalReply, rows: BookingRow[], cutoffMinutes: number, nowIso: string): PersonalReply {
  const shown = reply.cards.filter((c) => c.kind === 'booking');
  if (!shown.length) return reply;
  const rules = { cancelCutoffMinutes: cutoffMinutes };
  const cutoff = cutoffText(rules);
  const b = shown.length === 1 ? rows.find((r) => r._id === shown[0].id) : undefined;
  if (!b) return { ...reply, text: `预约不能直接改时间：请打开要改的预约，在开始前${cutoff}以前点“取消预约”，再重新预约其他时段。${reply.text}`, lead: undefined };
  if (b.status !== 'booked') return reply;
  const deadline = cancelDeadline(b, rules).toISOString();
  const text = nowIso <= deadline
    ? `预约不能直接改时间。如需改期，请打开下面的预约，在 ${shanghaiDateTime(deadline)} 前点“取消预约”，再重新预约其他时段（开始前${cutoff}内不能在线取消）：`
    : `预约不能直接改时间，这个预约已过在线取消时间（开始前${cutoff}）。如不能按时前往，请联系${b.hallName}：`;
  return { cards: reply.cards, text, action: { label: '查看预约', link: shown[0].link } };
}

/**
 * The reply as one text, for channels that show no cards (客服消息, 服务号): one card introduced
 * by the text is said in full; otherwise the text, then each record on a line.
 */
export function replyAsText(reply: PersonalReply): string {
  if (reply.lead && reply.cards.length === 1) return describeOne(reply.cards[0]);
  const lines = reply.cards.map((c) => `· ${c.title}（${c.no}）${c.status}${c.due ? `，${c.kind === 'booking' ? '时间' : '承诺办结'} ${c.due}` : ''}${c.clock ? `，${c.clock}` : ''}：${c.nextStep}`);
  return [reply.text, ...lines].join('\n');
}
