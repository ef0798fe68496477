/**
 * General-corpus term salience: how much a word says on its own, from jieba's idf over a large
 * general corpus (compact table in general-idf.json, built by scripts/build-general-idf.ts).
 * 我/需要/怎么/今天 say little; 密码/廉租/公积金 say a lot. The knowledge base's own idf cannot
 * tell these apart for words it never saw, which is exactly when it matters: a long story's
 * context words should not drown the ask, and a salient word the base never mentions should
 * lower confidence.
 */
import table from './general-idf.json';

interface Table { maxIdf: number; chars: string; charIdf: string; pairs: string; pairIdf: string }
const T = table as Table;

/**
 * Binary search of a sorted string of fixed-width keys (one or two UTF-16 units), comparing char
 * codes in place (no substrings: this runs for every term while an index is built); the key's
 * idf, or undefined.
 */
function lookup(keys: string, idfs: string, key: string): number | undefined {
  const width = key.length;
  const k0 = key.charCodeAt(0);
  const k1 = width === 2 ? key.charCodeAt(1) : 0;
  let lo = 0;
  let hi = idfs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c0 = keys.charCodeAt(mid * width);
    const c1 = width === 2 ? keys.charCodeAt(mid * width + 1) : 0;
    if (c0 === k0 && c1 === k1) return (idfs.charCodeAt(mid) - 48) / 2;
    if (c0 < k0 || (c0 === k0 && c1 < k1)) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
}

/** Highest idf in the source list (a word seen once). */
export const RARE_IDF = 13.9;

/** General idf of one character; characters absent from the list are rare. */
export function charIdf(ch: string): number {
  return ch.length === 1 ? lookup(T.chars, T.charIdf, ch) ?? RARE_IDF : RARE_IDF;
}

/** General idf of a two-character word, or undefined when the list has no such common word. */
export function wordIdf(word: string): number | undefined {
  return word.length === 2 ? lookup(T.pairs, T.pairIdf, word) : undefined;
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
