/**
 * Pinyin keys (pinyin-pro, toneless): homophone typos (社宝 → 社保, 公基金 → 公积金, 护找 → 护照),
 * full pinyin typed in latin letters (shebao, shebaoka) and initials (sb, gjj, sfz) resolve to the
 * words of a vocabulary the caller supplies.
 */
import { pinyin } from 'pinyin-pro';
import { isCjk } from './normalize';

/** Toneless syllables, one per character (non-CJK characters are kept as they are). */
export function syllables(text: string): string[] {
  if (!text) return [];
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
}

export function fullPinyin(text: string): string {
  return syllables(text).join('').replace(/[^a-z0-9]/g, '');
}

export function initials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface VocabWord { word: string; syl: string[]; weight: number }

/** A vocabulary indexed by pinyin: full toneless key and initials. */
export class PinyinVocabulary {
  private byFull = new Map<string, VocabWord[]>();
  private byInitials = new Map<string, VocabWord[]>();
  private maxSyl = 2;

  /** `syl` may be given when the caller already has the word's syllables (pieces of a longer phrase). */
  constructor(words: Iterable<string | { word: string; weight?: number; syl?: string[] }>) {
    for (const w of words) {
      const word = typeof w === 'string' ? w : w.word;
      const weight = typeof w === 'string' ? 1 : w.weight ?? 1;
      const chars = [...word];
      if (chars.length < 2 || !chars.every(isCjk)) continue;
      const syl = (typeof w !== 'string' && w.syl && w.syl.length === chars.length) ? w.syl : syllables(word);
      const entry = { word, syl, weight };
      push(this.byFull, syl.join(''), entry);
      push(this.byInitials, syl.map((s) => s[0]).join(''), entry);
      this.maxSyl = Math.max(this.maxSyl, syl.length);
    }
  }

  /**
   * Words whose pinyin equals a window of the CJK text but whose characters differ (homophone
   * typos). At least one character must be shared, so unrelated homophones do not fire.
   */
  homophones(text: string, syl: string[] = syllables(text)): string[] {
    return [...new Set(this.homophoneSpans(text, syl).map((h) => h.word))];
  }

  /** The same, with where each typo sits: `[start, start + len)` in characters. */
  homophoneSpans(text: string, syl: string[] = syllables(text)): { word: string; start: number; len: number }[] {
    const chars = [...text];
    const found: { word: string; start: number; len: number }[] = [];
    for (let i = 0; i < chars.length; i++) {
      if (!isCjk(chars[i])) continue;
      let key = '';
      for (let len = 1; len <= this.maxSyl && i + len <= chars.length; len++) {
        if (!isCjk(chars[i + len - 1])) break;
        key += syl[i + len - 1];
        if (len < 2) continue;
        const window = chars.slice(i, i + len);
        for (const cand of this.byFull.get(key) ?? []) {
          const cc = [...cand.word];
          if (cand.word === window.join('')) continue;
          if (cc.some((c, k) => c === window[k])) found.push({ word: cand.word, start: i, len });
        }
      }
    }
    return found;
  }

  /** Text with homophone typos replaced by vocabulary words (longest first, non-overlapping). */
  correct(text: string): string {
    const chars = [...text];
    const spans = this.homophoneSpans(text).sort((a, b) => b.len - a.len || a.start - b.start);
    const taken = new Array(chars.length).fill(false);
    const repl = new Map<number, { word: string; len: number }>();
    for (const s of spans) {
      if (taken.slice(s.start, s.start + s.len).some(Boolean)) continue;
      for (let k = s.start; k < s.start + s.len; k++) taken[k] = true;
      repl.set(s.start, s);
    }
    let out = '';
    for (let i = 0; i < chars.length;) {
      const r = repl.get(i);
      if (r) { out += r.word; i += r.len; } else { out += chars[i]; i++; }
    }
    return out;
  }

  /**
   * Latin letters typed for Chinese: full pinyin split greedily into vocabulary words
   * (shebaokabuban → 社保卡 …), or a whole token equal to a word's initials (gjj → 公积金).
   */
  latin(token: string): string[] {
    const t = token.toLowerCase().replace(/[^a-z]/g, '');
    if (t.length < 2) return [];
    const out: string[] = [];
    const exactInitials = this.byInitials.get(t);
    if (exactInitials && t.length <= 5) out.push(...best(exactInitials));
    // Greedy longest full-pinyin match, left to right.
    let i = 0;
    let fullHits = 0;
    while (i < t.length) {
      let matched = 0;
      for (let j = t.length; j > i + 1; j--) {
        const hit = this.byFull.get(t.slice(i, j));
        if (hit) { out.push(...best(hit)); matched = j - i; break; }
      }
      if (matched) { i += matched; fullHits++; } else i++;
    }
    void fullHits;
    return [...new Set(out)];
  }
}

function best(list: VocabWord[]): string[] {
  const top = Math.max(...list.map((w) => w.weight));
  return list.filter((w) => w.weight === top).slice(0, 3).map((w) => w.word);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}
