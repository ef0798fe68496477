/**
 * Domain events for pushes (the outbox). A state change writes its event in the same atomic step
 * as the change itself (same transaction, or the same conditional write), into collection `outbox`
 * with status `pending`. The push function (订阅消息推送) is the only consumer: it claims pending
 * events, maps each to a template and sends at most one message per recipient.
 *
 * The event carries everything a push needs, so the consumer never reads the source record:
 * a late push shows what happened, not what the record says now.
 *
 * `_id` is deterministic (`eventId()`): writing the same event twice — a retried transition, an
 * overlapping timer — lands on the same document instead of a second message.
 */
export const OUTBOX_COLLECTION = 'outbox';

export type OutboxStatus = 'pending' | 'claimed' | 'done' | 'skipped' | 'failed';

interface EventBase {
  _id: string;
  /** Recipient: the citizen's mini-program openid. */
  openid: string;
  /** ISO instant the change happened. */
  at: string;
  status: OutboxStatus;
  /** Page to open when the message is tapped (mini-program path with query). */
  page: string;
  /** Emergency/event traffic goes before broadcasts; higher first. */
  priority?: number;
}

/** Every status change of an online application (在线申办与办件). */
export interface ApplicationStatusEvent extends EventBase {
  type: 'applicationStatus';
  applicationId: string;
  /** 办件编号 shown to citizens. */
  applicationNo: string;
  matterId: string;
  matterName: string;
  /**
   * The application's new status: submitted | accepted | supplement | suspended | resumed→accepted |
   * rejected | completed | withdrawn. (`status` itself is the event's delivery status.)
   */
  applicationStatus: string;
  /** Handling department's name (never a staff openid). */
  departmentName: string;
  comment?: string;
  /** For accepted applications: YYYY-MM-DD (Asia/Shanghai). */
  dueDate?: string;
  /** For completed ones: 准予 / 不予. */
  result?: string;
  /**
   * The transition that led here (accept, supplement, resume, …): a 补正 resubmission returns to
   * `accepted` but must not read as a second 受理.
   */
  transition?: string;
  /** The matter's 事项类型 (行政许可, 行政确认, 公共服务, …): 准予许可 is only said of 行政许可. */
  matterType?: string;
}

export type BookingEventType = 'bookingBooked' | 'bookingCancelled' | 'bookingReminder' | 'bookingNoShow';

/** 预约: booked, cancelled (by the citizen or the hall), the eve-of-visit reminder, no-show. */
export interface BookingEvent extends EventBase {
  type: BookingEventType;
  bookingId: string;
  bookingNo: string;
  matterId: string;
  matterName: string;
  hallId: string;
  hallName: string;
  hallAddress: string;
  /** Slot start and end, ISO instants. */
  slotStart: string;
  slotEnd: string;
  /** Cancellation reason (hall closures), or who cancelled. */
  reason?: string;
  cancelledBy?: 'citizen' | 'hall';
}

/** 智能咨询: a staff reply to an escalated question. */
export interface ConsultReplyEvent extends EventBase {
  type: 'consultReply';
  conversationId: string;
  questionId: string;
  question: string;
  reply: string;
  departmentName?: string;
}

/**
 * 智能咨询: an agent's answer to a citizen who asked through 小程序客服消息 (`kf`, recipient = the
 * mini-program openid) or the 服务号 (`oa`, recipient = the official-account openid). Delivered by
 * the push dispatcher as a customer-service text, exactly once or `unknown`, never from the handler.
 */
export interface CustomerServiceReplyEvent extends EventBase {
  type: 'customerServiceReply';
  channel: 'kf' | 'oa';
  conversationId: string;
  questionId: string;
  question: string;
  reply: string;
}

/** One customer-service message, in WeChat's customerServiceMessage.send shape (without `touser`). */
export type CustomerServiceMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'link'; link: { title: string; description: string; url: string; thumb_url: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: { title: string; pagepath: string; thumb_media_id: string } };

/**
 * 智能咨询 on 小程序客服消息: the assistant's answer (or welcome, or a refusal) to the user who wrote,
 * committed with the conversation it belongs to and delivered by the push dispatcher, in order.
 */
export interface AssistantMessageEvent extends EventBase {
  type: 'assistantMessage';
  messages: CustomerServiceMessage[];
}

/**
 * 好差评: a step of the 差评工单 on the rater's 差评. Only the 反馈 (feedback) step is pushed: the
 * rater learns how it was handled and may rate the handling; the other steps are kept for the record.
 * Step `overdue` goes to an admin instead (openid = the admin's): a step of the ticket ran past its
 * due date; the overdue timer writes one per admin per overdue step, pushed with the staff page.
 */
export interface EvaluationTicketEvent extends EventBase {
  type: 'evaluationTicket';
  ticketId: string;
  step: string;
  /** 办件编号 or 预约号 of the rated service. */
  targetNo: string;
  title: string;
  unitName: string;
  note: string;
}


/** 缴费: a bill issued, paid, refunded, or about to expire unpaid. */
export interface PaymentEvent extends EventBase {
  type: 'payment';
  billId: string;
  applicationNo: string;
  matterName: string;
  change: 'issued' | 'paid' | 'refunded' | 'expiring';
  /** Amount concerned, in 分 (the bill's total, or the refund). */
  amountFen: number;
  /** For issued / expiring: pay-by instant (ISO). */
  dueAt?: string;
}

/** 缴费对账: a day's report found differences with WeChat Pay's trade bill; one event per admin. */
export interface PayReconcileEvent extends EventBase {
  type: 'payReconcile';
  /** The reconciled day, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  mismatchCount: number;
  /** The first difference's reason; the 对账 page lists every one. */
  reason: string;
}

export type OutboxEvent = ApplicationStatusEvent | BookingEvent | ConsultReplyEvent | CustomerServiceReplyEvent | AssistantMessageEvent | EvaluationTicketEvent | PaymentEvent | PayReconcileEvent;
export type OutboxEventType = OutboxEvent['type'];

/** Deterministic id: one document per (type, source record, transition sequence). */
export function eventId(type: OutboxEventType, sourceId: string, seq: number | string): string {
  return `${type}:${sourceId}:${seq}`;
}
