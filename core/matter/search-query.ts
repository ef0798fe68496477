/**
 * Reading a catalogue query: punctuation and width folded, everyday words rewritten by the
 * vocabulary table (search-vocabulary.ts), question and filler words taken out, the pieces between
 * them kept apart.
 */
import { compact } from '../text';
import { COLLOQUIAL_TERMS, FILLER_WORDS } from './search-vocabulary';

/** Colloquial words as patterns: longest trigger first, so 买二手房 wins over 买房 within a row. */
const SYNONYMS: [RegExp, string[]][] = COLLOQUIAL_TERMS.map(([triggers, terms]) => [alternation(triggers), terms]);
const FILLERS = alternation(FILLER_WORDS);

function alternation(words: string[]): RegExp {
  return new RegExp([...words].sort((x, y) => y.length - x.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}

/** Words that carry no meaning for matching ("怎么办理…", "…需要什么"). */
const STOPWORDS = /怎么办理|办理|怎么样|怎么办|怎么|如何|怎样|去哪里|去哪儿|去哪|在哪里|在哪|哪里|需要|什么|材料|手续|流程|请问|我想|我要|想要|可以|能不能|应该|申请|一下|要|的|了|吗|呢|啊|吧|办/g;
const PUNCTUATION = /[\s,，。.、;；:：!！?？'"“”‘’()（）[\]【】<>《》\-_/\\|]+/g;

export function grams(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= text.length; i++) out.push(text.slice(i, i + n));
  return out;
}

export interface Analysed {
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
