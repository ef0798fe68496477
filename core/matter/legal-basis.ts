/**
 * 设定依据 as people read it: a law's title in 《》 exactly once (a document number stays after
 * it: 《…的通知》（建金〔2015〕19号）), and one law listed once with all its cited articles.
 */
export interface LegalBasisEntry {
  law: string;
  clause: string;
}

export interface LegalBasisGroup {
  /** The normalised title, e.g. 《中华人民共和国居民身份证法》. */
  law: string;
  /** The cited articles in file order. */
  clauses: string[];
}

/**
 * `居民身份证法` → `《居民身份证法》`; `《…》（国发〔2014〕25号）` stays as it is (no stray 》 after
 * the number); a title missing one of its brackets gets it back.
 */
export function lawTitle(law: string): string {
  const t = law.trim();
  if (!t) return t;
  const opens = t.startsWith('《');
  const closes = t.includes('》');
  if (opens && closes) return t;
  if (opens) return `${t}》`;
  if (closes) return `《${t}`;
  return `《${t}》`;
}

/** One entry per law (by normalised title, in order of first mention), with its clauses. */
export function groupLegalBasis(entries: readonly LegalBasisEntry[]): LegalBasisGroup[] {
  const groups = new Map<string, LegalBasisGroup>();
  for (const e of entries) {
    const law = lawTitle(e.law);
    const group = groups.get(law) ?? { law, clauses: [] };
    if (!group.clauses.includes(e.clause)) group.clauses.push(e.clause);
    groups.set(law, group);
  }
  return [...groups.values()];
}
