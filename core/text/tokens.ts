/**
 * Tokens without a segmenter: character unigrams and bigrams over CJK runs, latin/number words,
 * and dictionary words found by forward maximum matching against a vocabulary the caller supplies
 * (for the consultation engine: the knowledge base's own keywords, synonyms and questions).
 */
import { isCjk } from './normalize';

export interface Run { text: string; cjk: boolean }

/** Maximal runs of CJK characters and of latin letters/digits; everything else separates. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur = '';
  let curCjk = false;
  const flush = () => { if (cur) out.push({ text: cur, cjk: curCjk }); cur = ''; };
  for (const ch of text) {
    const c = isCjk(ch);
    const l = /[a-z0-9]/i.test(ch);
    if (!c && !l) { flush(); continue; }
    if (cur && c !== curCjk) flush();
    curCjk = c;
    cur += ch;
  }
  flush();
  return out;
}

export function bigrams(s: string): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** A prefix dictionary for forward maximum matching. */
export class Dictionary {
  private words = new Set<string>();
  private maxLen = 1;

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  add(word: string): void {
    const w = word.trim();
    if ([...w].length < 2) return;
    this.words.add(w);
    this.maxLen = Math.max(this.maxLen, [...w].length);
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  get size(): number {
    return this.words.size;
  }

  values(): IterableIterator<string> {
    return this.words.values();
  }

  /** Forward maximum matching: the dictionary words of a CJK string, left to right, non-overlapping. */
  segment(s: string): string[] {
    const chars = [...s];
    const out: string[] = [];
    let i = 0;
    while (i < chars.length) {
      let found = '';
      for (let len = Math.min(this.maxLen, chars.length - i); len >= 2; len--) {
        const cand = chars.slice(i, i + len).join('');
        if (this.words.has(cand)) { found = cand; break; }
      }
      if (found) { out.push(found); i += [...found].length; } else i++;
    }
    return out;
  }

  /** Every dictionary word occurring anywhere in s (overlaps allowed): for "keywords in any order". */
  occurrences(s: string): string[] {
    const chars = [...s];
    const out = new Set<string>();
    for (let i = 0; i < chars.length; i++) {
      let cand = chars[i];
      for (let len = 2; len <= Math.min(this.maxLen, chars.length - i); len++) {
        cand += chars[i + len - 1];
        if (this.words.has(cand)) out.add(cand);
      }
    }
    return [...out];
  }
}
