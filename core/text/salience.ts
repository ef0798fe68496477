/**
 * General-corpus term salience: how much a word says on its own, from jieba's idf over a large
 * general corpus (compact table in general-idf.json, built by scripts/build-general-idf.ts).
 * 我/需要/怎么/今天 say little; 密码/廉租/公积金 say a lot. The knowledge base's own idf cannot
 * tell these apart for words it never saw, which is exactly when it matters: a long story's
 * context words should not drown the ask, and a salient word the base never mentions should
 * lower confidence.
 */
import table from './general-idf.json';

interface Table { maxIdf: number; chars: Record<string, string>; words: Record<string, string> }

let chars: Map<string, number> | null = null;
let words: Map<string, number> | null = null;

/** Decoded on first use (a few ms), so a process that never ranks text never pays for it. */
function load() {
  const t = table as Table;
  chars = new Map();
  words = new Map();
  for (const [idf, s] of Object.entries(t.chars)) for (const ch of s) chars.set(ch, Number(idf));
  for (const [idf, s] of Object.entries(t.words)) {
    const cs = [...s];
    for (let i = 0; i + 1 < cs.length; i += 2) words.set(cs[i] + cs[i + 1], Number(idf));
  }
}

/** Highest idf in the source list (a word seen once). */
export const RARE_IDF = 13.9;

/** General idf of one character; characters absent from the list are rare. */
export function charIdf(ch: string): number {
  if (!chars) load();
  return chars!.get(ch) ?? RARE_IDF;
}

/** General idf of a two-character word, or undefined when the list has no such common word. */
export function wordIdf(word: string): number | undefined {
  if (!words) load();
  return words!.get(word);
}

/** Maximum idf kept for two-character words: a pair not in the table is rarer or not a word. */
export const WORD_TABLE_MAX_IDF = (table as Table).maxIdf;

/** idf → salience in [0.15, 1]: idf ≤ 3 (我, 的, 怎么) says little, idf ≥ 9 says it all. */
export function salienceOfIdf(idf: number): number {
  return Math.min(1, Math.max(0.15, (idf - 3) / 6));
}

export function charSalience(ch: string): number {
  return salienceOfIdf(charIdf(ch));
}

/** Salience of a two-character word of the general list, or undefined when the list lacks it. */
export function wordSalience(word: string): number | undefined {
  const g = wordIdf(word);
  return g === undefined ? undefined : salienceOfIdf(g);
}

/**
 * Salience of any character pair: a common word by its idf; a pair the list lacks is mostly no
 * word at all (么办, 证丢), so half the salience of its commoner character.
 */
export function pairSalience(pair: string): number {
  const w = wordSalience(pair);
  if (w !== undefined) return w;
  const [a, b] = [...pair];
  return 0.5 * Math.min(charSalience(a), charSalience(b ?? a));
}

/** The distinct two-character general words of a text with idf ≥ minIdf, and their salience. */
export function salientWords(text: string, minIdf: number): { word: string; salience: number }[] {
  const out = new Map<string, number>();
  const cs = [...text];
  for (let i = 0; i + 1 < cs.length; i++) {
    const w = cs[i] + cs[i + 1];
    const g = wordIdf(w);
    if (g !== undefined && g >= minIdf) out.set(w, salienceOfIdf(g));
  }
  return [...out].map(([word, salience]) => ({ word, salience }));
}
