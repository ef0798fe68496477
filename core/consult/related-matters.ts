/**
 * 相关办事指南: when the bot could not answer from its FAQs (您是不是想问, or no match), the
 * catalogue's own search may still know the service (孩子出生证明丢了怎么补 → 出生医学证明补发).
 * Only a strong top hit is offered, at most two: no link is better than a wrong one.
 * Thresholds measured by scripts/eval-consult-matters.ts (docs/consult.md, 本市事实).
 */
import type { SearchHit } from '../matter/api';
import { colloquial, fold } from '../text';
import type { ConsultMatterLink } from './api';
import type { Decision } from './engine';
import { objectsIn } from './objects';

/** The engine found no FAQ to answer with; complaints, persons, own cases, off-topic and rules never get links. */
const UNANSWERED = new Set(['unsure', 'no-match']);

/** The contract allows two; the measured rule below offers one (a clear winner). */
export const MAX_MATTER_LINKS = 2;
/** The top hit's score from which the catalogue search is sure of the service (a name or keyword phrase match). */
export const STRONG_SCORE = 100;
/** The top hit must beat the runner-up by this factor: 身份证 alone fits 换领 and 首次申领 alike. */
export const CLEAR_LEAD = 1.2;
/** Longer messages tell a story whose side words (孩子, 医保, 户口) mislead the search. */
export const MAX_MESSAGE_CHARS = 40;

/** 在线申办 exists from 网办深度 Ⅲ (网上受理) on, as the guide page offers it. */
const APPLY_FROM_DEPTH = 3;

export function wantsMatterLinks(d: Pick<Decision, 'type' | 'reason' | 'answer'>): boolean {
  return d.type !== 'answer' && !d.answer && UNANSWERED.has(d.reason);
}

const objectsOf = (text: string) => objectsIn(colloquial(fold(text)));

/**
 * The hits worth linking: the top one when it is strong, clearly ahead, asked in a short message,
 * and about what the message names — every service object of the message is one of the matter's
 * (name and keywords; 行驶证 is not 驾驶证), and a message naming none links only a matter naming
 * none (老年卡 is not 高龄津贴). `matterText` gives a hit's name and keywords.
 */
export function strongHits(message: string, hits: SearchHit[], matterText: (id: string) => string): SearchHit[] {
  const [top, second] = hits;
  if (!top || top.score < STRONG_SCORE || (second && top.score < CLEAR_LEAD * second.score)) return [];
  if ([...message.trim()].length > MAX_MESSAGE_CHARS) return [];
  const asked = objectsOf(message);
  const offered = objectsOf(matterText(top.id));
  const about = asked.size ? [...asked].every((o) => offered.has(o)) : offered.size === 0;
  return about ? [top] : [];
}

export function matterLink(h: Pick<SearchHit, 'id' | 'name' | 'onlineDepth'>): ConsultMatterLink {
  const id = encodeURIComponent(h.id);
  return {
    id: h.id, name: h.name, guideLink: `/packages/matters/pages/guide/index?id=${id}`,
    ...(h.onlineDepth >= APPLY_FROM_DEPTH ? { applyLink: `/packages/affairs/pages/apply/index?matterId=${id}` } : {}),
  };
}

/** The line text channels add: 相关办事指南：出生医学证明补发. */
export function matterLinksLine(links: ConsultMatterLink[]): string {
  return `相关办事指南：${links.map((l) => l.name).join('、')}`;
}
