/**
 * The last resort when no phrase, bigram, synonym or pinyin reading scores: characters. 结过婚 shares
 * no bigram with any matter but 结 and 婚 with 结婚登记. Kept honest: at least two distinct, not
 * ubiquitous characters must meet, covering a third of the query's character weight, and the score
 * stays at most 30, below any real match.
 */
import { TopK, type Ranked } from './search-topk';

export interface CharIndex {
  /** Docs whose name or keywords hold a character. */
  postings: Map<string, number[]>;
  size: number;
}

const CJK = /[\u3400-\u9fff]/;
const MIN_CHARS = 2;
const MIN_COVERAGE = 1 / 3;
const MAX_SCORE = 30;
/** A character in more than this share of matters (证, 办) tells nothing. */
const UBIQUITOUS = 0.25;

export function buildCharIndex(texts: string[][]): CharIndex {
  const postings = new Map<string, number[]>();
  texts.forEach((parts, doc) => {
    for (const ch of new Set(parts.join(''))) {
      if (!CJK.test(ch)) continue;
      const list = postings.get(ch);
      if (list) list.push(doc);
      else postings.set(ch, [doc]);
    }
  });
  return { postings, size: texts.length };
}

/** A character met only in keywords counts this much of one met in the name. */
const KEYWORD_ONLY = 0.8;

/**
 * Best partial matches by character overlap, best first; `name` tells which characters the name
 * holds (they count fully), `order` breaks ties as elsewhere.
 */
export function partialMatches(index: CharIndex, text: string, name: (doc: number) => string, order: (doc: number) => number, limit: number): Ranked[] {
  const chars = [...new Set([...text].filter((ch) => CJK.test(ch)))];
  const weighed = chars.map((ch) => {
    const n = index.postings.get(ch)?.length ?? 0;
    return { ch, n, weight: n > 0 && n <= UBIQUITOUS * index.size ? Math.log(1 + index.size / n) : 0 };
  });
  const total = weighed.reduce((sum, c) => sum + (c.n > 0 ? Math.log(1 + index.size / c.n) : Math.log(1 + index.size)), 0);
  const got = new Map<number, { weight: number; named: number; chars: number }>();
  for (const c of weighed) {
    if (!c.weight) continue;
    for (const d of index.postings.get(c.ch) ?? []) {
      const g = got.get(d) ?? { weight: 0, named: 0, chars: 0 };
      g.weight += c.weight;
      g.named += name(d).includes(c.ch) ? c.weight : KEYWORD_ONLY * c.weight;
      g.chars += 1;
      got.set(d, g);
    }
  }
  const top = new TopK(limit);
  for (const [doc, g] of got) {
    if (g.chars >= MIN_CHARS && g.weight / total >= MIN_COVERAGE) top.offer({ doc, score: Math.round(MAX_SCORE * (g.named / total)), order: order(doc) });
  }
  return top.items;
}
