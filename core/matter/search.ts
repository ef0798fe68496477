/**
 * Catalogue search for citizens who type the way they talk: 护照, 身份证丢了, 公积金提取, or
 * pinyin initials such as sfz. Pure and deterministic: an index is built once per catalogue
 * version and queried in memory, so ranking is testable without a database.
 */
import type { SearchHit } from '../api';
import { PinyinVocabulary, compact, fullPinyin as textFullPinyin, initials as textInitials, syllables } from '../text';
import { LIFE_EVENTS } from './taxonomy';
import { toSummary, type Matter } from './schema';
import { TopK, type Ranked } from './search-topk';
import { buildCharIndex, partialMatches, type CharIndex } from './search-partial';
import { COLLOQUIAL_TERMS, FILLER_WORDS } from './search-vocabulary';

/** One collator for every comparison (String.localeCompare builds one per call). */
const COLLATOR = new Intl.Collator('zh');

interface IndexedMatter {
  matter: Matter;
  name: string;
  nameInitials: string;
  /** Full toneless pinyin of the name, computed once per catalogue version. */
  namePinyin: string;
  keywords: string[];
  keywordInitials: string[];
  /** Department, themes, life events and summary: weak evidence only. */
  context: string;
  /** Position of the name in Chinese collation order (ties broken without collating per query). */
  order: number;
}

export interface SearchIndex {
  docs: IndexedMatter[];
  /** Catalogue words by pinyin: homophone typos (社宝卡, 护找) and latin pinyin (shebaoka). */
  vocab: PinyinVocabulary;
  /**
   * Postings: which docs hold a bigram (name, keywords, context), a 2-letter piece of initials or a
   * 4-letter piece of full pinyin. Every doc that could score shares one with the query, so only
   * those are scored: search cost follows the matches, not the catalogue size.
   */
  postings: Map<string, number[]>;
  /** Bigrams of the context only (department, themes, life events, summary). */
  contextPostings: Map<string, number[]>;
  /** In how many docs' names and keywords a bigram occurs (its salience in a sentence). */
  df: Map<string, number>;
  /** Docs by exact name and by exact keyword: whole-query matches and keywords inside a sentence. */
  byName: Map<string, number[]>;
  byKeyword: Map<string, number[]>;
  longestKeyword: number;
  /** Characters of names and keywords: the fallback when nothing else scores. */
  chars: CharIndex;
  /** Memo: in how many docs' names and keywords a catalogue term (3+ characters) occurs. */
  termDf: Map<string, number>;
  /** Docs by initials: 'k=' a keyword's, 'n>' a prefix of the name's, 'k>' a prefix of a keyword's. */
  initialsPrefixes: Map<string, number[]>;
  nameLength: Uint16Array;
  scratch: SearchScratch;
}

/** Colloquial words as patterns: longest trigger first, so 买二手房 wins over 买房 within a row. */
const SYNONYMS: [RegExp, string[]][] = COLLOQUIAL_TERMS.map(([triggers, terms]) => [alternation(triggers), terms]);
const FILLERS = alternation(FILLER_WORDS);

function alternation(words: string[]): RegExp {
  return new RegExp([...words].sort((x, y) => y.length - x.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}

/** Words that carry no meaning for matching ("怎么办理…", "…需要什么"). */
const STOPWORDS = /怎么办理|办理|怎么样|怎么办|怎么|如何|怎样|去哪里|去哪儿|去哪|在哪里|在哪|哪里|需要|什么|材料|手续|流程|请问|我想|我要|想要|可以|能不能|应该|申请|一下|要|的|了|吗|呢|啊|吧|办/g;
const PUNCTUATION = /[\s,，。.、;；:：!！?？'"“”‘’()（）[\]【】<>《》\-_/\\|]+/g;

const initials = (text: string) => textInitials(text).replace(/[^a-z]/g, '');
const fullPinyin = (text: string) => textFullPinyin(text).replace(/[^a-z]/g, '');

/** 2–4 character pieces of a phrase: the words a typo or typed pinyin may stand for. */
function pieces(phrase: string, into: Map<string, string[]>, freq: Map<string, number>) {
  const chars = [...phrase.replace(/[^\u3400-\u9fff]/g, '')];
  const syl = syllables(chars.join(''));
  for (let i = 0; i < chars.length; i++) {
    for (let len = 2; len <= 4 && i + len <= chars.length; len++) {
      const w = chars.slice(i, i + len).join('');
      if (!into.has(w)) into.set(w, syl.slice(i, i + len));
      freq.set(w, (freq.get(w) ?? 0) + 1);
    }
  }
}

/** Editors' keywords (and their pieces) count more than pieces of official names. */
function catalogueVocabulary(matters: Matter[]) {
  const fromKeywords = new Map<string, string[]>();
  const fromNames = new Map<string, string[]>();
  const freq = new Map<string, number>();
  for (const m of matters) {
    for (const k of m.keywords) pieces(k, fromKeywords, freq);
    pieces(m.name, fromNames, freq);
  }
  // Among words with the same pinyin, the most frequent keyword piece wins (sb → 社保, not 申报).
  return [
    ...[...fromKeywords].map(([word, syl]) => ({ word, syl, weight: 100000 + (freq.get(word) ?? 0) })),
    ...[...fromNames].filter(([w]) => !fromKeywords.has(w)).map(([word, syl]) => ({ word, syl, weight: freq.get(word) ?? 0 })),
  ];
}

function post(postings: Map<string, number[]>, key: string, doc: number) {
  const list = postings.get(key);
  if (!list) postings.set(key, [doc]);
  else if (list[list.length - 1] !== doc) list.push(doc);
}

function grams(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= text.length; i++) out.push(text.slice(i, i + n));
  return out;
}

export function buildSearchIndex(matters: Matter[]): SearchIndex {
  const eventNames = new Map(LIFE_EVENTS.map((e) => [e.id, e.name]));
  const live = matters.filter((m) => m.status === '在用');
  const docs = live.map((m): IndexedMatter => ({
        matter: m,
        name: m.name,
        nameInitials: initials(m.name),
        namePinyin: fullPinyin(m.name),
        keywords: m.keywords,
        keywordInitials: m.keywords.map(initials),
    context: [m.department.name, ...m.themes, ...m.lifeEvents.map((id) => eventNames.get(id) ?? ''), m.summary].join(' '),
    order: 0,
  }));
  [...docs].sort((a, b) => a.name.length - b.name.length || COLLATOR.compare(a.name, b.name)).forEach((d, i) => { d.order = i; });
  const postings = new Map<string, number[]>();
  const contextPostings = new Map<string, number[]>();
  const df = new Map<string, number>();
  docs.forEach((d, i) => {
    const own = new Set([d.name, ...d.keywords].flatMap((t) => grams(t, 2)));
    for (const g of own) { df.set(g, (df.get(g) ?? 0) + 1); post(postings, g, i); }
    for (const g of grams(d.context, 2)) post(contextPostings, g, i);
    for (const ini of [d.nameInitials, ...d.keywordInitials]) for (const g of grams(ini, 2)) post(postings, '^' + g, i);
    for (const g of grams(d.namePinyin, 4)) post(postings, '~' + g, i);
  });
  const byName = new Map<string, number[]>();
  const byKeyword = new Map<string, number[]>();
  let longestKeyword = 0;
  const initialsPrefixes = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const k of d.keywordInitials) post(initialsPrefixes, 'k=' + k, i);
    for (let n = 2; n <= PREFIX_MAX; n++) {
      if (d.nameInitials.length >= n) post(initialsPrefixes, 'n>' + d.nameInitials.slice(0, n), i);
      for (const k of d.keywordInitials) if (k.length >= n) post(initialsPrefixes, 'k>' + k.slice(0, n), i);
    }
    post(byName, d.name, i);
    for (const k of d.keywords) { post(byKeyword, k, i); longestKeyword = Math.max(longestKeyword, k.length); }
  });
  return {
    vocab: new PinyinVocabulary(catalogueVocabulary(live)), docs, postings, contextPostings, df,
    byName, byKeyword, longestKeyword, termDf: new Map(), chars: buildCharIndex(docs.map((d) => [d.name, ...d.keywords])), initialsPrefixes, nameLength: Uint16Array.from(docs, (d) => d.name.length), scratch: newScratch(docs.length),
  };
}

interface Analysed {
  raw: string;
  core: string;
  /** The core's pieces between removed words: bigrams spanning a removed word are not evidence. */
  segments: string[];
  /** The catalogue terms of each colloquial row the query matched: alternatives of one meaning. */
  expansionGroups: string[][];
  /** The same with the everyday words the citizen used (editors list some as keywords). */
  groups: string[][];
  expansions: string[];
  isPinyin: boolean;
}

export function analyseQuery(q: string): Analysed {
  const raw = compact(q).replace(PUNCTUATION, '');
  if (/^[a-z]+$/.test(raw)) return { raw, core: raw, segments: [raw], expansionGroups: [], groups: [], expansions: [], isPinyin: true };
  let core = raw;
  const expansions = new Set<string>();
  const groups: string[][] = [];
  const expansionGroups: string[][] = [];
  for (const [pattern, terms] of SYNONYMS) {
    const said = core.match(pattern);
    if (said) {
      terms.forEach((t) => expansions.add(t));
      expansionGroups.push(terms);
      // Editors often list the everyday word itself (买二手房, 糖尿病报销): it is one more alternative.
      groups.push([...new Set([...terms, ...said.filter((w) => w.length >= 2)])]);
      core = core.replace(pattern, ' ');
    }
    pattern.lastIndex = 0;
  }
  core = core.replace(STOPWORDS, ' ').replace(FILLERS, ' ');
  // One character left over from a sentence (看 of 看门诊) is noise, not a subject.
  const segments = core.split(/\s+/).filter((seg) => seg.length > 1 || (seg.length === 1 && raw.length <= 2));
  return { raw, core: segments.join(''), segments, expansionGroups, groups, expansions: [...expansions], isPinyin: false };
}

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
const PREFIX_MAX = 8;

function newScratch(size: number): SearchScratch {
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
function planCandidates(index: SearchIndex, readings: Reading[]): Plan | null {
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
    readings.forEach((r, ri) => {
      const got = readingBound(s, index.nameLength, r, ri, d);
      if (ri === 0) b = got;
      else if (readings[0].isPinyin) b += got * 0.5;
      else b = Math.max(b, got * 0.9);
    });
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

function bigrams(s: string): string[] {
  if (s.length <= 2) return s ? [s] : [];
  const grams: string[] = [];
  for (let i = 0; i < s.length - 1; i++) grams.push(s.slice(i, i + 2));
  return grams;
}

/** What one reading of the query needs per doc, worked out once per query instead of once per doc. */
interface Reading extends Analysed {
  /** Bigrams of the core as coverage counts them (repeats included). */
  coreGrams: string[];
  /** Distinct core bigrams with how often each occurs in the core. */
  coreCounts: Map<string, number>;
  /** Core bigrams known to the catalogue, each weighted by its rarity (IDF), for sentence scoring. */
  salient: { gram: string; weight: number }[];
  salientTotal: number;
  /** A sentence's units of evidence: bigrams within its segments and catalogue terms, by rarity. */
  units: { texts: string[]; rarest: string[]; weight: number; fromQuery: boolean }[];
  unitsTotal: number;
  /** Typed pinyin: how many distinct 2-letter and 4-letter pieces it has. */
  initialsPieces: number;
  pinyinPieces: number;
}

function prepare(a: Analysed, index: SearchIndex): Reading {
  const { df } = index;
  const size = index.docs.length;
  const coreGrams = a.isPinyin ? [] : bigrams(a.core);
  const coreCounts = new Map<string, number>();
  for (const g of grams(a.core, 2)) coreCounts.set(g, (coreCounts.get(g) ?? 0) + 1);
  const salient: Reading['salient'] = [];
  let salientTotal = 0;
  for (const gram of new Set(coreGrams)) {
    const n = df.get(gram);
    if (!n) continue;
    const weight = Math.log(1 + size / n);
    salient.push({ gram, weight });
    salientTotal += weight;
  }
  const initialsPieces = a.isPinyin ? new Set(grams(a.core, 2)).size : 0;
  const pinyinPieces = a.isPinyin && a.core.length >= 4 ? new Set(grams(a.core, 4)).size : 0;
  const units: Reading['units'] = [];
  let unitsTotal = 0;
  if (!a.isPinyin && isSentence(a)) {
    const add = (texts: string[], n: number) => {
      if (!n) return;
      const weight = Math.log(1 + size / Math.min(n, size));
      units.push({ texts, rarest: texts.map((t) => rarestGram(index, t)), weight, fromQuery: texts.length === 1 && texts[0].length === 2 });
      unitsTotal += weight;
    };
    for (const g of new Set(a.segments.flatMap((seg) => grams(seg, 2)))) add([g], index.df.get(g) ?? 0);
    // A row's terms are one meaning: held if any is, weighed by how many docs hold one of them.
    for (const terms of a.groups) add(terms, terms.reduce((n, t) => n + termFrequency(index, t), 0));
  }
  return { ...a, coreGrams, coreCounts, salient, salientTotal, units, unitsTotal, initialsPieces, pinyinPieces };
}

type Scored = { score: number; matchedOn: SearchHit['matchedOn'] };

function best(a: Scored, b: Scored): Scored {
  return b.score > a.score ? b : a;
}

function scorePinyin(doc: IndexedMatter, q: string): Scored {
  let s: Scored = { score: 0, matchedOn: 'pinyin' };
  // An editor's keyword spelled by its initials (sb → 社保卡's sbk) beats initials that merely
  // occur inside a long name (车辆购置税申报 → clgzssb).
  if (doc.keywordInitials.some((k) => k === q)) s = best(s, { score: 85, matchedOn: 'pinyin' });
  if (doc.nameInitials.startsWith(q)) s = best(s, { score: 80, matchedOn: 'pinyin' });
  if (q.length >= 2 && doc.keywordInitials.some((k) => k.startsWith(q))) s = best(s, { score: 75, matchedOn: 'pinyin' });
  if (q.length >= 2 && doc.nameInitials.includes(q)) s = best(s, { score: q.length >= 3 ? 65 : 45, matchedOn: 'pinyin' });
  // Full pinyin ("huzhao", "shebaoka"); short strings would match inside unrelated syllables.
  if (q.length >= 4 && doc.namePinyin.includes(q)) s = best(s, { score: 70, matchedOn: 'pinyin' });
  return s;
}

function scoreChinese(doc: IndexedMatter, r: Reading): Scored {
  let s: Scored = { score: 0, matchedOn: 'text' };
  const { core, raw } = r;
  if (raw && doc.name === raw) s = best(s, { score: 150, matchedOn: 'name' });
  // An editor listed this exact phrase as a keyword: the strongest sign after the name itself.
  const exactKeyword = doc.keywords.some((k) => k === raw || (core !== '' && k === core));
  if (exactKeyword) s = best(s, { score: 85, matchedOn: 'keyword' });
  if (core) {
    if (doc.name === core) s = best(s, { score: 120, matchedOn: 'name' });
    else if (doc.name.includes(core)) s = best(s, { score: 90 + Math.max(0, 20 - doc.name.length) + (exactKeyword ? 15 : 0), matchedOn: 'name' });
    if (!exactKeyword && doc.keywords.some((k) => k.includes(core) || (k.length >= 2 && core.includes(k)))) s = best(s, { score: 70, matchedOn: 'keyword' });
    if (s.score === 0) {
      // No whole-phrase hit: count how much of the query's bigrams the name and keywords cover.
      const grams = r.coreGrams;
      let inName = 0;
      let inKeywords = 0;
      let inContext = 0;
      for (const g of grams) {
        if (doc.name.includes(g)) inName++;
        if (doc.keywords.some((k) => k.includes(g))) inKeywords++;
        if (doc.context.includes(g)) inContext++;
      }
      const coverage = Math.max(inName, inKeywords) / grams.length;
      if (coverage >= 0.5) s = { score: Math.round(40 * coverage) + inName * 4, matchedOn: inName >= inKeywords ? 'name' : 'keyword' };
      else if (inContext / grams.length >= 0.5) s = { score: Math.round(20 * (inContext / grams.length)), matchedOn: doc.context.startsWith(core) ? 'department' : 'theme' };
      else if (core.length > 4) s = sentenceScore(doc, r);
    }
  }
  if (r.expansions.length > 0) {
    // Each meaning the query was rewritten into adds at most 60: 丢了 and 宝宝 are two pieces of evidence.
    let bonus = 0;
    for (const terms of r.expansionGroups) {
      const nameHits = terms.filter((t) => doc.name.includes(t)).length;
      const keywordHits = terms.filter((t) => doc.keywords.some((k) => k.includes(t))).length;
      bonus += Math.min(60, nameHits * 40 + keywordHits * 15);
    }
    // Synonyms refine a topical match; alone (e.g. just "丢了") they still find the right kind of matter.
    if (s.score > 0) s = { score: s.score + bonus, matchedOn: s.matchedOn };
    else if ((!core || core.length > 4) && bonus > 0) s = { score: bonus, matchedOn: 'synonym' };
  }
  if (r.unitsTotal === 0) return s;
  // Phrase rules find the subject (公积金); the units tell its variants apart (辞职 → 离职销户).
  const u = unitScore(doc, r);
  return s.score > 0 ? { score: s.score + UNIT_SHARE * u.score, matchedOn: s.matchedOn } : u;
}

/**
 * A sentence ("想在学校旁边开个奶茶店要办啥") rarely covers half a name: its salient bigrams do. Each
 * bigram the name or keywords hold counts by its rarity in the catalogue (IDF), so 奶茶 outweighs 办理.
 */
function sentenceScore(doc: IndexedMatter, r: Reading): Scored {
  let got = 0;
  let inName = 0;
  for (const { gram, weight } of r.salient) {
    const name = doc.name.includes(gram);
    if (name || doc.keywords.some((k) => k.includes(gram))) { got += weight; if (name) inName++; }
  }
  if (!got) return { score: 0, matchedOn: 'text' };
  return { score: Math.round(40 * (got / r.salientTotal)) + inName * 4, matchedOn: inName ? 'name' : 'keyword' };
}

function rarestGram(index: SearchIndex, text: string): string {
  return grams(text, 2).reduce((x, y) => ((index.postings.get(y)?.length ?? 0) < (index.postings.get(x)?.length ?? 0) ? y : x));
}

/** How much of the unit score a phrase-rule match adds. */
const UNIT_SHARE = 0.3;

/** Two or more pieces of meaning (身份证 + 丢了), or a long core: read it as a sentence. */
function isSentence(a: Analysed): boolean {
  return a.segments.length + a.groups.length >= 2 || a.core.length > 4;
}

/** In how many docs' names and keywords a bigram or term occurs; terms are counted once per index. */
function termFrequency(index: SearchIndex, text: string): number {
  if (text.length <= 2) return index.df.get(text) ?? 0;
  const known = index.termDf.get(text);
  if (known !== undefined) return known;
  let n = 0;
  for (const d of index.postings.get(rarestGram(index, text)) ?? []) {
    const doc = index.docs[d];
    if (doc.name.includes(text) || doc.keywords.some((k) => k.includes(text))) n++;
  }
  index.termDf.set(text, n);
  return n;
}

/**
 * How much of a sentence's evidence a matter holds, each unit weighted by its rarity (IDF): in
 * 想在学校旁边开个奶茶店要办啥, 食品经营 (from 奶茶店) outweighs 学校. Units in the name count a fifth more.
 */
function unitScore(doc: IndexedMatter, r: Reading): Scored {
  let got = 0;
  let inName = 0;
  let fromQuery = 0;
  for (const u of r.units) {
    let held = 0;
    let name = false;
    for (const t of u.texts) {
      if (doc.name.includes(t)) { held++; name = true; } else if (doc.keywords.some((k) => k.includes(t))) held++;
    }
    if (!held) continue;
    // A meaning met by more of its words is surer: 3 of a row's terms count fully, one counts 0.6.
    const credit = u.weight * (u.texts.length === 1 ? 1 : Math.min(1, 0.4 + 0.2 * held));
    got += credit;
    if (name) inName += credit;
    if (u.fromQuery) fromQuery += credit;
  }
  if (!got) return { score: 0, matchedOn: 'text' };
  const score = Math.round(80 * (got / r.unitsTotal) + 20 * (inName / r.unitsTotal));
  return { score, matchedOn: inName ? 'name' : fromQuery ? 'keyword' : 'synonym' };
}

/** Hits scoring below this share of the best one are noise (身份证丢了 followed by five 主题匹配 matters). */
const RELATIVE_FLOOR = 0.4;

function scoreDoc(doc: IndexedMatter, readings: Reading[]): Scored {
  let s: Scored = { score: 0, matchedOn: 'text' };
  readings.forEach((r, i) => {
    const got = r.isPinyin ? scorePinyin(doc, r.core) : scoreChinese(doc, r);
    if (i === 0) s = got;
    // Typed initials are ambiguous (sb): the words they spell in the catalogue add evidence.
    else if (readings[0].isPinyin) s = { score: s.score + got.score * 0.5, matchedOn: 'pinyin' };
    // A corrected typo counts a little less than what the citizen typed.
    else s = best(s, { score: got.score * 0.9, matchedOn: got.matchedOn });
  });
  return s;
}

export function searchMatters(index: SearchIndex, q: string, limit = 20): SearchHit[] {
  const analysed = analyseQuery(q);
  if (!analysed.raw) return [];
  // Typed pinyin (shebaoka) or homophone typos (社宝卡, 护找) rewritten into catalogue words.
  const alternatives: Analysed[] = [analysed];
  if (analysed.isPinyin) {
    const words = index.vocab.latin(analysed.raw);
    if (words.length) alternatives.push(analyseQuery(words[0]));
  } else {
    const fixed = index.vocab.correct(analysed.raw);
    if (fixed !== analysed.raw) alternatives.push(analyseQuery(fixed));
  }
  const readings = alternatives.map((a) => prepare(a, index));
  const top = new TopK(limit);
  const scoreInto = (d: number) => {
    const doc = index.docs[d];
    const s = scoreDoc(doc, readings);
    if (s.score > 0) top.offer({ doc: d, score: s.score, order: doc.order, matchedOn: s.matchedOn } as Ranked & Scored);
  };
  const plan = planCandidates(index, readings);
  if (!plan) index.docs.forEach((_, d) => scoreInto(d));
  else {
    // Docs that may hold the whole query first; then the rest, most promising first, only while
    // their upper bound can still enter the page or clear the relative floor.
    for (const d of plan.certain) scoreInto(d);
    // A doc is out once its bound is below the relative floor, or below the page's last entry (or
    // equal to it with a later collation order, since ties go to the earlier name).
    const order = (d: number) => index.docs[d].order;
    const hopeless = (d: number) => {
      const b = bound[d];
      if (b < RELATIVE_FLOOR * top.best) return true;
      if (!top.full) return false;
      const last = top.items[top.items.length - 1];
      return b < last.score || (b === last.score && order(d) > last.order);
    };
    const bound = index.scratch.bound;
    const rest = plan.bounded.filter((d) => !hopeless(d)).sort((a, b) => bound[b] - bound[a] || order(a) - order(b));
    for (const d of rest) {
      if (hopeless(d)) break;
      scoreInto(d);
    }
  }
  if (top.items.length === 0 && !analysed.isPinyin) {
    // Nothing scored: the best partial match by the characters of what the citizen asked about
    // (question words removed: 怎么办 alone matches nothing) rather than an empty page.
    return partialMatches(index.chars, analysed.core, (d) => index.docs[d].order, limit)
      .map((x) => ({ ...toSummary(index.docs[x.doc].matter), score: x.score, matchedOn: 'text' as const }));
  }
  const floor = RELATIVE_FLOOR * top.best;
  return top.items
    .filter((x) => x.score >= floor)
    .map((x) => {
      const { score, matchedOn } = x as Ranked & Scored;
      return { ...toSummary(index.docs[x.doc].matter), score: Math.round(score), matchedOn };
    });
}
