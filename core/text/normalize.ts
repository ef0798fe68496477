/**
 * Text normalisation shared by every Chinese retrieval in the project (consultation engine and
 * catalogue search): width/case folding, punctuation and emoji removal, and the colloquial
 * rewrites citizens type (咋办 → 怎么办, 啥 → 什么, 弄 → 办).
 */

import { hasVisible } from './visible';

const PUNCT = /[\s\p{P}\p{S}\u3000]+/gu;
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** NFKC (full-width → half-width), lower case. Keeps punctuation (clause splitting needs it). */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Folded text with emoji, punctuation and whitespace removed: what "exact" rules compare. */
export function compact(text: string): string {
  return fold(text).replace(EMOJI, '').replace(PUNCT, '');
}

/** True when nothing meaningful is left: empty, whitespace, punctuation or emoji only. */
export function isBlank(text: string): boolean {
  return !hasVisible(compact(text));
}

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Colloquial and regional forms → the wording the knowledge base uses. Ordered: longer forms first.
 * Each pair is [pattern, replacement]; replacements never introduce new meaning.
 */
const COLLOQUIAL: [RegExp, string][] = [
  [/咋整|咋弄|咋搞|肿么办|怎么整|怎么搞|怎么弄|咋个办|咋办/g, '怎么办'],
  [/咋样|咋个/g, '怎么'],
  [/肿么|咋/g, '怎么'],
  [/啥时候|么时候|什么时间/g, '什么时候'],
  [/神马|啥子|啥/g, '什么'],
  [/(?:弄丢|搞丢|丢掉|掉了|不见了|找不着了|找不到了|找不到|找不着|弄没了|搞没了|没了)了?/g, '丢了'],
  [/弄坏|搞坏/g, '坏了'],
  // 户口也弄过来, 户籍关系从外省迁过来: a few words may sit between (not across a clause).
  [/(户口|户籍)([^，。？！,.?!\s]{0,8}?)(?:迁|转|弄|办|搞|落)(?:过来|回来|到这边|到本市|进来)/g, '$1$2迁入'],
  [/(?:弄|办|搞|转|迁|挪|拿)(?:过来|回来|过去|回去)/g, '转移'],
  [/(?:取出来|拿出来|取出|提出来|取钱|提钱)/g, '提取'],
  [/(?<![提领获选争听录采读抽])取(?![消号得证])/g, '提取'],
  [/办下来|弄下来|弄好/g, '办好'],
  [/弄|搞|整/g, '办'],
  [/俺|偶/g, '我'],
  [/木有|冇|没得/g, '没有'],
  [/娃娃|娃儿|小娃|娃|小孩子|小孩儿|小孩|小朋友|宝宝|宝贝|闺女|儿子|女儿/g, '孩子'],
  [/老头子|老太太|老爷子|爹妈|爸妈|父母/g, '老人'],
  [/嘛|哇|呀|啦|滴|哈|呗/g, ''],
  [/能不能|能否|可不可以|可否|行不行|行吗/g, '可以'],
  [/多少钱|几块钱|收费吗|要钱吗|收钱吗/g, '费用'],
  [/上哪儿|上哪|去哪儿|去哪|哪儿/g, '哪里'],
  [/十五年/g, '15年'],
  [/二十年/g, '20年'],
];

export function colloquial(text: string): string {
  let out = text;
  for (const [pattern, repl] of COLLOQUIAL) out = out.replace(pattern, repl);
  return out;
}

/** Split folded text into clauses at sentence punctuation and line breaks. */
export function clauses(text: string): string[] {
  return fold(text)
    .split(/[。！？!?；;，,\n\r…~～]+|\s{2,}/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
