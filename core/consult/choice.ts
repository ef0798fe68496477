/**
 * 回复序号: a citizen picks one of the questions the bot listed by sending its number. What counts
 * as such a reply (strictly: a case number or a hotline is a question, not a pick), whether the
 * bot's last list still holds it, and the numbered lists the text channels (服务号, 客服消息) show,
 * numbered in the order the bot message stores them.
 */
import { fold } from '../text';
import type { Decision } from './engine';

export interface Offered { id: string; question: string }

/** A list offered longer ago than this is no longer what a bare number refers to. */
export const CHOICE_TTL_MS = 30 * 60_000;

const CN_DIGITS = '一二三四五六七八九';
const DIGIT = `[1-9${CN_DIGITS}]`;
// 2, 2. 2、 第2个 第二条 选2 选第2个: nothing else in the message. A bare 0 or two digits (10) is
// meant as a pick too, one that fits no list (said so, not handed to a person); 110, 12345 are not.
const CHOICE = new RegExp(`^(?:(?:选|选择)?第(${DIGIT})(?:个|条|项|题)?|(?:选|选择)(${DIGIT})(?:个|条|项|题)?|(\\d{1,2})[.。、]?)$`);

/** The number a message consisting only of a choice names (0–99; 第/选 forms 1–9), else null. */
export function parseChoice(text: string): number | null {
  // NFKC: full-width １ and ① read as 1; spaces inside (第 2 条) do not matter.
  const m = CHOICE.exec(fold(text).replace(/\s+/g, ''));
  if (!m) return null;
  const d = m[1] ?? m[2] ?? m[3];
  return /\d/.test(d) ? Number(d) : CN_DIGITS.indexOf(d) + 1;
}

/** The bot message a number refers to: when it was said and what it listed. */
export interface OfferingMessage { at: string; suggestions?: Offered[] }

/**
 * The entry the number picks from the bot's last message, and the rest of that list (offered again
 * under the answer, renumbered): null when there is no list, the number is outside it, or the list
 * is older than CHOICE_TTL_MS.
 */
export function pickFrom(last: OfferingMessage | undefined, n: number, now: Date): { picked: Offered; rest: Offered[] } | null {
  const list = last?.suggestions ?? [];
  if (!last || n < 1 || n > list.length) return null;
  const age = now.getTime() - Date.parse(last.at);
  if (!(age <= CHOICE_TTL_MS)) return null;
  const picked = list[n - 1];
  return { picked: { id: picked.id, question: picked.question }, rest: list.filter((_, i) => i !== n - 1).map((s) => ({ id: s.id, question: s.question })) };
}

export const noChoiceReply = (n: number) => `没有找到第 ${n} 条可选问题，请直接发送您想问的问题。`;

const numbered = (list: Offered[]) => list.map((s, i) => `${i + 1}. ${s.question}`).join('\n');

/** The numbered list a decision offers, with its heading, for a text channel; null when it offers none. */
export function choiceBlock(d: Pick<Decision, 'type' | 'suggestions'>): string | null {
  const list = d.suggestions ?? [];
  if (!list.length) return null;
  if (d.type === 'suggestions') return `您是不是想问：\n${numbered(list)}\n回复序号即可查看，或直接发送您的问题。`;
  if (d.type === 'answer') return `您可能还想问（回复序号）：\n${numbered(list)}`;
  return `您也可以先看看（回复序号）：\n${numbered(list)}`;
}

/**
 * A text channel's reply: `said` (the answer or the hand-off notice) with the decision's numbered
 * list under it; an unsure decision is its list alone.
 */
export function withChoices(d: Pick<Decision, 'type' | 'suggestions'>, said: string): string {
  const block = choiceBlock(d);
  if (!block) return said;
  return d.type === 'suggestions' ? block : `${said}\n\n${block}`;
}
