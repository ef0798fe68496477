/**
 * Outbox event → (template key, raw field values, page). Relies only on the schema in
 * core/events/outbox.ts. `null` means this event is not pushed (e.g. the citizen's own
 * submission or withdrawal: they saw it on screen, and a one-time quota is too precious).
 */
import type { CustomerServiceMessage, OutboxEvent } from '../events/outbox';
import { wechatTime, wechatTimeRange } from './fields';
import type { TemplateKey } from './templates';
import { maskPersonalNumbers } from '../consult/personal-numbers';

/** Status → ≤ 5-汉字 phrase (WeChat `phrase`). */
export const STATUS_PHRASE: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  supplement: '需补正',
  suspended: '已挂起',
  resumed: '已恢复',
  rejected: '不予受理',
  completed: '已办结',
  withdrawn: '已撤回',
};
/** 准予许可 / 不予许可 are the words of 行政许可 only; other matters are 办结 or 不予办理. */
const LICENCE_RESULT_PHRASE: Record<string, string> = { 准予: '准予许可', 不予: '不予许可' };
const OTHER_RESULT_PHRASE: Record<string, string> = { 准予: '已办结', 不予: '不予办理' };
export function resultPhrase(result: string | undefined, matterType: string | undefined): string {
  const phrases = matterType === '行政许可' ? LICENCE_RESULT_PHRASE : OTHER_RESULT_PHRASE;
  return (result && phrases[result]) || STATUS_PHRASE.completed;
}
/** 元 without a needless .00 (20元, 20.50元): room in a 20-character field. */
const yuanShort = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
/** WeChat's limit on a `thing` field; longer text is cut (truncateThing) with …. */
const THING_MAX = 20;
/**
 * The whole deadline (month, day, time) must survive in thing5, so the note drops the year and the
 * status word (phrase3 already says 待缴费 / 缴费将到期), then 缴纳, then the amount (the bill page
 * shows it) — whichever first fits.
 */
function dueNote(yuan: string, due: string): string {
  const shortest = `${due}前缴纳`;
  return [`${yuan}元，${due}前缴纳`, `${yuan}元，${due}前`].find((n) => n.length <= THING_MAX) ?? shortest;
}
/** 缴费 changes, as ≤ 5-汉字 phrases on the case-progress template. */
const PAYMENT_PHRASE: Record<string, string> = { issued: '待缴费', paid: '已缴费', refunded: '已退费', expiring: '缴费将到期' };
/** Transitions whose new status alone would say the wrong thing (补正 goes back to 已受理). */
const TRANSITION_PHRASE: Record<string, string> = { supplement: '已提交补正', resume: '已恢复' };

export interface EventPush {
  templateKey: TemplateKey;
  raw: Record<string, string | undefined>;
  page: string;
}

/** Customer-service messages to the person who wrote (not a template: no ledger credit, no opt-out). */
export interface EventText {
  channel: 'cs-mp' | 'cs-oa';
  messages: CustomerServiceMessage[];
}

export type EventMapping = { push: EventPush } | { text: EventText } | { skip: string };

/** Adds the tracking parameter to a page path. */
export function withTracking(page: string, trackingId: string): string {
  const sep = page.includes('?') ? '&' : '?';
  return `${page}${sep}from=push&pushId=${encodeURIComponent(trackingId)}`;
}

export function mapEvent(e: OutboxEvent): EventMapping {
  const at = wechatTime(e.at);
  switch (e.type) {
    case 'applicationStatus': {
      const s = e.applicationStatus;
      // A 补正 resubmission is confirmed whatever status it returns to (the clock restarts from it).
      if ((s === 'submitted' && e.transition !== 'supplement') || s === 'withdrawn') return { skip: '申请人本人操作，不推送' };
      const base = { character_string1: e.applicationNo, thing2: e.matterName };
      if (s === 'supplement') {
        return { push: { templateKey: 'caseSupplement', page: e.page, raw: { ...base, thing3: e.comment || '请按要求补正材料', time4: at } } };
      }
      if (s === 'completed' || s === 'rejected') {
        const phrase = s === 'rejected' ? STATUS_PHRASE.rejected : resultPhrase(e.result, e.matterType);
        return { push: { templateKey: 'caseCompleted', page: e.page, raw: { ...base, phrase3: phrase, time4: at } } };
      }
      const phrase = (e.transition && TRANSITION_PHRASE[e.transition]) || STATUS_PHRASE[s];
      if (!phrase) return { skip: `未知的办件状态：${s}` };
      const note = s === 'accepted' && e.dueDate ? `承诺${e.dueDate}前办结` : e.comment || e.departmentName || '点击查看详情';
      return { push: { templateKey: 'caseProgress', page: e.page, raw: { ...base, phrase3: phrase, time4: at, thing5: note } } };
    }
    case 'bookingBooked':
    case 'bookingReminder':
    case 'bookingCancelled': {
      const when = wechatTimeRange(e.slotStart, e.slotEnd);
      if (e.type === 'bookingBooked') {
        return { push: { templateKey: 'bookingSuccess', page: e.page, raw: { thing1: e.matterName, time2: when, thing3: e.hallName, character_string4: e.bookingNo } } };
      }
      if (e.type === 'bookingReminder') {
        return { push: { templateKey: 'bookingReminder', page: e.page, raw: { thing1: e.matterName, time2: when, thing3: e.hallAddress || e.hallName, thing4: '请携带身份证件提前10分钟到达' } } };
      }
      const reason = e.reason || (e.cancelledBy === 'citizen' ? '您已取消预约' : '大厅调整，预约已取消');
      return { push: { templateKey: 'bookingCancelled', page: e.page, raw: { thing1: e.matterName, time2: when, thing3: reason } } };
    }
    case 'customerServiceReply':
      return { text: { channel: e.channel === 'kf' ? 'cs-mp' : 'cs-oa', messages: [{ msgtype: 'text', text: { content: e.reply } }] } };
    case 'assistantMessage':
      return { text: { channel: 'cs-mp', messages: e.messages } };
    case 'bookingNoShow':
      return { skip: '爽约记录不推送' };
    case 'evaluationTicket':
      // To an admin: a step of a 差评工单 ran past its due date (the overdue timer, once per step).
      if (e.step === 'overdue') {
        return { push: { templateKey: 'caseProgress', page: e.page, raw: { character_string1: e.targetNo, thing2: e.title, phrase3: '工单已超期', time4: at, thing5: e.note || e.unitName } } };
      }
      if (e.step !== 'feedback') return { skip: '差评工单处理过程不推送，办结时反馈' };
      return { push: { templateKey: 'caseProgress', page: e.page, raw: { character_string1: e.targetNo, thing2: e.title, phrase3: '差评已处理', time4: at, thing5: e.note || e.unitName } } };
    case 'payment': {
      const due = e.dueAt ? wechatTime(e.dueAt)?.replace(/^\d+年/, '').replace(' ', '') : undefined;
      const note = due ? dueNote(yuanShort(e.amountFen), due) : `${PAYMENT_PHRASE[e.change]}${yuanShort(e.amountFen)}元`;
      return { push: { templateKey: 'caseProgress', page: e.page, raw: { character_string1: e.applicationNo, thing2: e.matterName, phrase3: PAYMENT_PHRASE[e.change], time4: at, thing5: note } } };
    }
    case 'payReconcile':
      return { push: { templateKey: 'caseProgress', page: e.page, raw: {
        character_string1: e.date.replace(/-/g, ''), thing2: '微信支付每日对账', phrase3: '对账有差异', time4: at, thing5: `${e.mismatchCount}笔差异：${e.reason}`,
      } } };
    case 'consultReply':
      return { push: { templateKey: 'consultReply', page: e.page, raw: { thing1: maskPersonalNumbers(e.question), thing2: maskPersonalNumbers(e.reply), time3: at } } };
  }
  return { skip: '未知事件类型' };
}
