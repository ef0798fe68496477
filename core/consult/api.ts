/** The consult function's actions and the shapes they exchange (part of the contract in core/api.ts). */
import type { KbIssue, KnowledgeBase, RichReply } from './kb';

/** One of the citizen's own applications or bookings, as the personal assistant shows it. */
export interface RecordCard {
  kind: 'application' | 'booking';
  id: string;
  no: string;
  title: string;
  status: string;
  nextStep: string;
  /** 办件: 承诺办结日期 while in progress and the clock runs; 预约: the slot (Asia/Shanghai). */
  due?: string;
  /** 办件 whose clock is paused (补正, 挂起): the detail page's words, e.g. 暂停计时 · 剩余3个工作日，恢复后重新计算到期日. */
  clock?: string;
  /** The citizen's detail page. */
  link: string;
}

/** A matter's live facts from the published catalogue, under an FAQ that references it. */
export interface MatterFacts {
  /** 实施编码 */
  id: string;
  name: string;
  /** `免费`, or each fee item with its standard. */
  fee: string;
  /** 承诺办结时限 */
  promised: string;
  places: string[];
  /** 网上办理深度 */
  onlineDepth: string;
  bookable: boolean;
  links: { guide: string; apply?: string; book?: string };
}

/** A catalogue matter the bot points to when no FAQ answered (相关办事指南): its guide, and 在线申办 when offered. */
export interface ConsultMatterLink {
  /** 实施编码 */
  id: string;
  name: string;
  /** /packages/matters/pages/guide/index?id=… */
  guideLink: string;
  applyLink?: string;
}

/**
 * After a complaint: the citizen's own case still open for rating, and the way to its rate page
 * (好差评). Shown as a card under the handoff notice; the rating itself stays voluntary.
 */
export interface RateOffer {
  targetType: 'application' | 'booking';
  targetId: string;
  /** The matter (and hall) as the citizen knows it. */
  title: string;
  /** 对办理结果不满意？可以评价该办件 */
  text: string;
  /** /packages/evaluation/pages/rate/index?targetType=…&targetId=…&title=… */
  link: string;
}

/** `record`: the personal assistant, from the caller's own records (`cards`). */
/** A page the answer suggests going to next (the personal assistant's 去预约 when there is nothing to show). */
export interface ConsultAction { label: string; link: string }

export interface ConsultAnswer { id: string; source: 'faq' | 'rule' | 'record'; content: string; reply?: RichReply; question?: string; cards?: RecordCard[]; matter?: MatterFacts; action?: ConsultAction }

export interface ConsultAskResult {
  type: 'answer' | 'suggestions' | 'handoff';
  answer?: ConsultAnswer;
  suggestions?: { id: string; question: string }[];
  conversationId: string;
  /** The bot message, for 有帮助/没帮助. */
  messageId?: string;
  /** Text to show (the answer, the handoff notice, or the prompt for blank input). */
  message: string;
  /** Set when the question went to the human inbox. */
  questionId?: string;
  flagged?: boolean;
  /** A complaint handed off while the caller has a case open for rating: offer to rate it. */
  rateOffer?: RateOffer;
  /** No FAQ answered, but the catalogue search is sure of the service: up to 2 guides (相关办事指南). */
  matters?: ConsultMatterLink[];
}

export interface ConsultChatMessage {
  id: string;
  role: 'citizen' | 'bot' | 'staff';
  text: string;
  at: string;
  type?: 'answer' | 'suggestions' | 'handoff';
  answer?: ConsultAnswer;
  suggestions?: { id: string; question: string }[];
  staffName?: string;
  helpful?: boolean;
  /** See ConsultAskResult.rateOffer (kept on the bot's handoff message). */
  rateOffer?: RateOffer;
  /** A citizen message that was only a number (回复序号): the listed question it picked. */
  picked?: { id: string; question: string };
  /** See ConsultAskResult.matters (kept on the bot's message). */
  matters?: ConsultMatterLink[];
}

/**
 * One line of the conversation before a handoff, as stored (personal numbers masked). A bot line
 * keeps what it offered beside its text (您是不是想问 / 您可能还想问 / 您也可以先看看): the text
 * of a suggestions turn is only the prompt.
 */
export interface HandoffLine {
  role: 'citizen' | 'bot' | 'staff';
  text: string;
  at: string;
  type?: 'answer' | 'suggestions' | 'handoff';
  suggestions?: { id: string; question: string }[];
}

/** One of the citizen's own applications or bookings, for the agent to open. */
export interface HandoffRecord {
  kind: 'application' | 'booking';
  id: string;
  no: string;
  title: string;
  status: string;
  /** 预约: the slot, Asia/Shanghai (`2026-12-09 09:00`); 办件: the last change. */
  when?: string;
  /** Staff page that opens it: the agent's read-only record view beside the question. */
  link: string;
}

/** One step of a record as the agent reads it out: when (Asia/Shanghai), what, by whom (a department or 申请人, never an openid). */
export interface InboxRecordStep { at: string; step: string; by?: string; comment?: string }

/**
 * One of the asking citizen's applications or bookings, read-only for the agent answering them:
 * masked, without materials, result files, check-in codes or form values.
 */
export interface InboxRecordView {
  kind: 'application' | 'booking';
  id: string;
  /** 办件编号 / 预约编号 */
  no: string;
  matterName: string;
  /** In Chinese (办理中, 已预约 …). */
  status: string;
  /** 办件: the handling department; 预约: the hall and window. */
  unit: string;
  /** 办件: 提交时间; 预约: the slot (`2026-12-09 09:00–09:30`), Asia/Shanghai. */
  when: string;
  /** 办件: 承诺办结日期 while the clock runs (absent before 受理 and while paused). */
  due?: string;
  /** 办件: the clock is paused (补正, 挂起). */
  clockPaused?: boolean;
  /** 办件 paused: the citizen's detail page words (暂停计时 · 剩余N个工作日，恢复后重新计算到期日). */
  clock?: string;
  /** The applicant's name, masked (张*). */
  applicant?: string;
  /** 预约: the hall's address. */
  address?: string;
  steps: InboxRecordStep[];
  /** What the citizen should do next, in the words the citizen's own page uses. */
  nextStep: string;
  /** 办件: an unpaid bill, in 分. */
  unpaid?: { amountFen: number; status: string };
  /** The full staff page, only for an agent who may handle the record there (its department or hall). */
  staffLink?: string;
}

/** What the agent sees beside a handed-off question. */
export interface HandoffContext { messages: HandoffLine[]; records: HandoffRecord[] }

export interface InboxItem {
  id: string;
  conversationId: string;
  maskedOpenid: string;
  question: string;
  status: 'open' | 'answered';
  at: string;
  channel: 'app' | 'kf' | 'oa';
  flagged?: boolean;
  /** The question had an ID or phone number: `question` shows it masked; `revealQuestion` shows the original (logged). */
  personal?: boolean;
  reply?: string;
  answeredByName?: string;
  answeredAt?: string;
  learnedAs?: string;
  /** Why it reached a person: human (asked for one), complaint, dispute, intent, no-match … */
  reason?: string;
  /** The conversation before the question and the citizen's recent applications and bookings. */
  context?: HandoffContext;
  /** The reply is saved, but the customer-service channel refused it (45015 / 45047): what staff should do. */
  warning?: string;
}

export interface KbVersionInfo { version: number; by: string; byName?: string; at: string; change: string }

export interface ImportKnowledgeResult { applied: boolean; version?: number; faqs: number; rules: number; synonyms: number; issues: KbIssue[] }

export interface ConsultStats {
  days: { day: string; total: number; answered: number; rate: number }[];
  ranking: { question: string; count: number; kinds: ('unanswered' | 'unhelpful' | 'lowConfidence')[] }[];
}

export interface ConsultApi {
  /** `handoff`: 转人工 — send this question straight to the staff inbox. */
  ask: { params: { text: string; conversationId?: string; handoff?: boolean }; result: ConsultAskResult };
  history: { params: { conversationId?: string }; result: { conversationId: string | null; messages: ConsultChatMessage[] } };
  feedback: { params: { messageId: string; helpful: boolean }; result: { messageId: string; helpful: boolean } };
  importKnowledge: { params: { kb?: unknown; mode: 'replace' | 'merge' }; result: ImportKnowledgeResult };
  knowledge: { params: Record<string, never>; result: { version: number; kb: KnowledgeBase } };
  saveEntry: {
    params: { kind: 'faq' | 'rule'; entry?: unknown } | { kind: 'synonyms'; groups: string[][] };
    result: { version: number };
  };
  deleteEntry: { params: { id: string }; result: { version: number } };
  kbHistory: { params: Record<string, never>; result: KbVersionInfo[] };
  rollback: { params: Record<string, never>; result: { version: number; restored: number } };
  inbox: { params: { status?: 'open' | 'answered' }; result: InboxItem[] };
  reply: { params: { questionId: string; text: string }; result: InboxItem };
  /** The unmasked question, for an agent who needs the ID or phone number; every reveal is logged. */
  revealQuestion: { params: { questionId: string }; result: { question: string } };
  /** One of the asking citizen's records linked beside a question (read-only, masked; every view is logged). */
  inboxRecord: { params: { questionId: string; kind: 'application' | 'booking'; id: string }; result: InboxRecordView };
  learn: {
    params: { questionId: string; mode: 'newFaq'; category: string; question?: string; answer?: string } | { questionId: string; mode: 'similar'; faqId: string };
    result: { version: number; faqId: string };
  };
  stats: { params: { days?: number }; result: ConsultStats };
}
