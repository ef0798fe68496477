/**
 * What one reading of a query needs per doc, worked out once per query: its bigrams, the salient
 * ones of a sentence and its units of evidence weighed by rarity.
 */
import type { SearchIndex } from './search-index';
import { grams, type Analysed } from './search-query';

export function bigrams(s: string): string[] {
  if (s.length <= 2) return s ? [s] : [];
  const grams: string[] = [];
  for (let i = 0; i < s.length - 1; i++) grams.push(s.slice(i, i + 2));
  return grams;
}

/** What one reading of the query needs per doc, worked out once per query instead of once per doc. */
export interface Reading extends Analysed {
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

export function prepare(a: Analysed, index: SearchIndex): Reading {
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

export function rarestGram(index: SearchIndex, text: string): string {
  return grams(text, 2).reduce((x, y) => ((index.postings.get(y)?.length ?? 0) < (index.postings.get(x)?.length ?? 0) ? y : x));
}

/** How much of the unit score a phrase-rule match adds. */
export const UNIT_SHARE = 0.3;

/** Two or more pieces of meaning (身份证 + 丢了), or a long core: read it as a sentence. */
export function isSentence(a: Analysed): boolean {
  return a.segments.length + a.groups.length >= 2 || a.core.length > 4;
}

/** In how many docs' names and keywords a bigram or term occurs; terms are counted once per index. */
export function termFrequency(index: SearchIndex, text: string): number {
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
