/**
 * The catalogue search index, built once per catalogue version: postings of name/keyword bigrams,
 * context bigrams, initials and pinyin pieces, exact names and keywords, characters, and the
 * reusable per-doc tallies a query fills.
 */
import { PinyinVocabulary, fullPinyin as textFullPinyin, initials as textInitials, syllables } from '../text';
import { LIFE_EVENTS } from './taxonomy';
import type { Matter } from './schema';
import { buildCharIndex, type CharIndex } from './search-partial';
import { grams } from './search-query';
import { PREFIX_MAX, newScratch, type SearchScratch } from './search-bounds';

/** One collator for every comparison (String.localeCompare builds one per call). */
const COLLATOR = new Intl.Collator('zh');

export interface IndexedMatter {
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
