/**
 * Which docs a query could score at all, and an upper bound of each one's score, from postings
 * alone: searchMatters scores the promising ones first and stops when no bound can reach the page.
 */
import type { SearchIndex } from './search-index';
import { grams } from './search-query';
import { UNIT_SHARE, type Reading } from './search-reading';

/** Per-doc tallies reused by every query (one search runs at a time): no per-query arrays of catalogue size. */
export interface SearchScratch {
  stamp: Uint32Array;
  epoch: number;
  /** Per reading: distinct core bigrams the doc's name/keywords hold, and their occurrences in the core. */
  held: Uint16Array[];
  occurrences: Uint16Array[];
  flags: Uint8Array[];
  bound: Float64Array;
  /** Per reading: the summed weight of sentence units the doc may hold (an upper bound). */
  evidence: Float64Array[];
  /** Which unit last credited a doc (a unit's terms may share docs): serials never repeat. */
  unitSeen: Float64Array;
  unitSerial: number;
}

const MAX_READINGS = 2;
const MUST = 1;
const KEYWORD_IN_QUERY = 2;
const EXPANSION = 4;
/** Typed pinyin: a keyword's initials equal it, the name's initials start with it, a keyword's do. */
const KEYWORD_INITIALS = 8;
const NAME_INITIALS_PREFIX = 16;
const KEYWORD_INITIALS_PREFIX = 32;
/** Initials prefixes indexed up to this length; longer typed initials get the loosest bound. */
export const PREFIX_MAX = 8;

export function newScratch(size: number): SearchScratch {
  const per = <T>(make: () => T) => Array.from({ length: MAX_READINGS }, make);
  return {
    stamp: new Uint32Array(size),
    epoch: 0,
    held: per(() => new Uint16Array(size)),
    occurrences: per(() => new Uint16Array(size)),
    flags: per(() => new Uint8Array(size)),
    bound: new Float64Array(size),
    evidence: per(() => new Float64Array(size)),
    unitSeen: new Float64Array(size),
    unitSerial: 0,
  };
}

interface Plan {
  /** Docs that may hold the whole query (or equal it): always scored. */
  certain: number[];
  /** Every other candidate; its upper bound is in scratch.bound. */
  bounded: number[];
}

/**
 * Candidates and an upper bound of each one's score, from postings alone; null when a reading is
 * too short to index (then every doc is scored). The candidates are exact by construction: a
 * whole-query match (name or keyword equal to it) holds every bigram of it, so its rarest one finds
 * it; a name/keyword match or sentence match holds a bigram of the core or an expansion; a context
 * match covers half the core's bigrams, so it holds one of the rarest ⌊n/2⌋ + 1.
 *
 * The bounds follow scoreChinese rule by rule: only a doc holding every core bigram (or equal to
 * the raw query) can match the whole phrase; otherwise a keyword inside the query gives at most 70,
 * coverage or sentence evidence at most 40 + 4 per held bigram, context at most 20, synonyms add at
 * most 60; typed initials at most 85.
 */
export function planCandidates(index: SearchIndex, readings: Reading[]): Plan | null {
  if (readings.length > MAX_READINGS) return null;
  const own = (k: string) => index.postings.get(k) ?? NONE;
  const ctx = (k: string) => index.contextPostings.get(k) ?? NONE;
  const byRarity = (keys: string[], of: (k: string) => number[]) => [...new Set(keys)].sort((a, b) => of(a).length - of(b).length);
  const lists: number[][] = [];
  for (const r of readings) {
    if (r.isPinyin) {
      if (r.core.length < 2) return null;
      lists.push(own('^' + r.core.slice(0, 2)));
      if (r.core.length >= 4) lists.push(own('~' + r.core.slice(0, 4)));
      continue;
    }
    if (r.raw.length === 1 || r.core.length === 1) return null;
    const whole = byRarity(grams(r.raw, 2), own)[0];
    if (whole) lists.push(own(whole));
    for (const t of [r.core, ...r.expansions]) for (const g of grams(t, 2)) lists.push(own(g));
    const coreGrams = byRarity(grams(r.core, 2), ctx);
    for (const g of coreGrams.slice(0, Math.floor(coreGrams.length / 2) + 1)) lists.push(ctx(g));
  }
  const s = index.scratch;
  if (s.epoch === 0xffffffff) { s.stamp.fill(0); s.epoch = 0; }
  const epoch = ++s.epoch;
  const touched: number[] = [];
  for (const list of lists) {
    for (const d of list) {
      if (s.stamp[d] === epoch) continue;
      s.stamp[d] = epoch;
      for (let ri = 0; ri < readings.length; ri++) { s.held[ri][d] = 0; s.occurrences[ri][d] = 0; s.flags[ri][d] = 0; s.evidence[ri][d] = 0; }
      touched.push(d);
    }
  }
  const mark = (ri: number, docs: number[] | undefined, flag: number) => {
    if (docs) for (const d of docs) if (s.stamp[d] === epoch) s.flags[ri][d] |= flag;
  };
  readings.forEach((r, ri) => {
    const held = s.held[ri];
    const occurrences = s.occurrences[ri];
    if (r.isPinyin) {
      // Initials rules need every 2-letter piece of the query among the doc's initials; full
      // pinyin needs every 4-letter piece of its name's pinyin.
      for (const g of new Set(grams(r.core, 2))) for (const d of own('^' + g)) if (s.stamp[d] === epoch) held[d]++;
      if (r.core.length >= 4) for (const g of new Set(grams(r.core, 4))) for (const d of own('~' + g)) if (s.stamp[d] === epoch) occurrences[d]++;
      mark(ri, index.initialsPrefixes.get('k=' + r.core), KEYWORD_INITIALS);
      mark(ri, index.initialsPrefixes.get('n>' + r.core), NAME_INITIALS_PREFIX);
      mark(ri, index.initialsPrefixes.get('k>' + r.core), KEYWORD_INITIALS_PREFIX);
      return;
    }
    for (const [g, count] of r.coreCounts) {
      for (const d of own(g)) if (s.stamp[d] === epoch) { held[d]++; occurrences[d] += count; }
    }
    mark(ri, index.byName.get(r.raw), MUST);
    mark(ri, index.byKeyword.get(r.raw), MUST);
    for (let i = 0; i < r.core.length; i++) {
      for (let len = 2; len <= index.longestKeyword && i + len <= r.core.length; len++) mark(ri, index.byKeyword.get(r.core.slice(i, i + len)), KEYWORD_IN_QUERY);
    }
    for (const t of r.expansions) for (const g of grams(t, 2)) mark(ri, own(g), EXPANSION);
    // A unit (bigram or catalogue term) can only be held by docs holding its rarest bigram.
    const evidence = s.evidence[ri];
    for (const u of r.units) {
      const unit = ++s.unitSerial;
      for (const g of u.rarest) for (const d of own(g)) if (s.stamp[d] === epoch && s.unitSeen[d] !== unit) { s.unitSeen[d] = unit; evidence[d] += u.weight; }
    }
  });
  const certain: number[] = [];
  const bounded: number[] = [];
  for (const d of touched) {
    let b = 0;
    for (let ri = 0; ri < readings.length; ri++) {
      const got = readingBound(s, index.nameLength, readings[ri], ri, d);
      if (ri === 0) b = got;
      else if (readings[0].isPinyin) b += got * 0.5;
      else b = Math.max(b, got * 0.9);
    }
    if (b === Infinity) certain.push(d);
    else { s.bound[d] = b; bounded.push(d); }
  }
  return { certain, bounded };
}

const NONE: number[] = [];

function readingBound(s: SearchScratch, nameLength: Uint16Array, r: Reading, ri: number, d: number): number {
  const f = s.flags[ri][d];
  if (r.isPinyin) {
    let p = r.pinyinPieces > 0 && s.occurrences[ri][d] === r.pinyinPieces ? 70 : 0;
    if (s.held[ri][d] === r.initialsPieces) {
      if (r.core.length > PREFIX_MAX) return 85;
      p = Math.max(p, f & KEYWORD_INITIALS ? 85 : f & NAME_INITIALS_PREFIX ? 80 : f & KEYWORD_INITIALS_PREFIX ? 75 : 65);
    }
    return p;
  }
  if (f & MUST) return Infinity;
  // Without a core only an exact name or keyword (MUST) or synonyms (at most 60) score.
  if (!r.core) return f & EXPANSION ? 60 * r.expansionGroups.length : 0;
  let b = 20;
  if (f & KEYWORD_IN_QUERY) b = 70;
  const o = s.occurrences[ri][d];
  if (o > 0 && (2 * o >= r.coreGrams.length || r.core.length > 4)) b = Math.max(b, 40 + 4 * o);
  if (r.coreCounts.size > 0 && s.held[ri][d] === r.coreCounts.size) {
    // Holding every core bigram allows a phrase match: 120 for the name itself, else 90 plus a bonus
    // for a short name (an exact keyword would have set MUST), or a keyword holding the core (70).
    const length = nameLength[d];
    b = Math.max(b, 70, length === r.core.length ? 120 : 90 + Math.max(0, 20 - length));
  }
  if (f & EXPANSION) b += 60 * r.expansionGroups.length;
  if (r.unitsTotal === 0) return b;
  const unit = Math.ceil(100 * s.evidence[ri][d] / r.unitsTotal);
  return Math.max(b + UNIT_SHARE * unit, unit);
}
