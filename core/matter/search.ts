/**
 * Catalogue search for citizens who type the way they talk: 护照, 身份证丢了, 公积金提取, or
 * pinyin initials such as sfz. Pure and deterministic: an index is built once per catalogue
 * version and queried in memory, so ranking is testable without a database.
 */
import type { SearchHit } from '../api';
import { toSummary } from './schema';
import { TopK, type Ranked } from './search-topk';
import { partialMatches } from './search-partial';
import { planCandidates } from './search-bounds';
import type { IndexedMatter, SearchIndex } from './search-index';
import { analyseQuery, type Analysed } from './search-query';
import { UNIT_SHARE, prepare, type Reading } from './search-reading';

export { buildSearchIndex, type SearchIndex } from './search-index';
export { analyseQuery } from './search-query';

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
  // When rewriting shortened the query (老人医保 → 医保), a keyword equal to what was typed must
  // still beat names that merely hold the shortened core.
  if (core !== '' && core !== raw && doc.keywords.includes(raw)) s = best(s, { score: VERBATIM_KEYWORD, matchedOn: 'keyword' });
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
      let hits = 0;
      for (const t of terms) {
        if (doc.name.includes(t)) hits += 40;
        if (doc.keywords.some((k) => k.includes(t))) hits += 15;
      }
      bonus += Math.min(60, hits);
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

/** A keyword equal to the whole typed query, when the core differs from it: above any name holding the core. */
const VERBATIM_KEYWORD = 112;

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
    // The words the letters spell, in order (yibaoyidijiuyi → 医保 + 异地就医), read as one query.
    if (words.length) alternatives.push(analyseQuery(words.join('')));
  } else {
    const fixed = index.vocab.correct(analysed.raw);
    if (fixed !== analysed.raw) alternatives.push(analyseQuery(fixed));
  }
  const readings = alternatives.map((a) => prepare(a, index));
  const top = new TopK(limit);
  const scoreInto = (d: number) => {
    const doc = index.docs[d];
    const s = scoreDoc(doc, readings);
    if (s.score > 0 && top.admits(s.score, doc.order)) top.offer({ doc: d, score: s.score, order: doc.order, matchedOn: s.matchedOn } as Ranked & Scored);
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
    return partialMatches(index.chars, analysed.core, (d) => index.docs[d].name, (d) => index.docs[d].order, limit)
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
