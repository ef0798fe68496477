/**
 * Okapi BM25 over weighted terms. Documents are bags of terms (strings); each term may carry a
 * weight (e.g. a dictionary word counts more than a character bigram). Posting lists make a query
 * cost proportional to the documents sharing a term, not to the collection size.
 */
export interface Bm25Options { k1?: number; b?: number }

export interface Scored { doc: number; score: number }

export class Bm25Index {
  private postings = new Map<string, { doc: number; tf: number }[]>();
  private lengths: number[] = [];
  private avgLen = 1;
  private k1: number;
  private b: number;

  constructor(docs: string[][], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.5;
    docs.forEach((terms, doc) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        const list = this.postings.get(t);
        if (list) list.push({ doc, tf: n }); else this.postings.set(t, [{ doc, tf: n }]);
      }
      this.lengths.push(terms.length);
    });
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.avgLen = docs.length ? Math.max(1, total / docs.length) : 1;
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    const N = this.lengths.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /** Scores of every document sharing a term with the query; `weight` multiplies each term. */
  search(terms: string[], weight: (term: string) => number = () => 1, matched?: Map<number, number>): Map<number, number> {
    const scores = new Map<number, number>();
    const seen = new Set<string>();
    // Terms in more than this share of documents carry almost no evidence but cost the most.
    const maxDf = Math.max(50, this.lengths.length * 0.05);
    for (const t of terms) {
      if (seen.has(t)) continue;
      seen.add(t);
      const list = this.postings.get(t);
      if (!list || list.length > maxDf) continue;
      const idf = this.idf(t) * weight(t);
      for (const { doc, tf } of list) {
        const norm = tf * (this.k1 + 1) / (tf + this.k1 * (1 - this.b + this.b * this.lengths[doc] / this.avgLen));
        scores.set(doc, (scores.get(doc) ?? 0) + idf * norm);
        if (matched) matched.set(doc, (matched.get(doc) ?? 0) + idf);
      }
    }
    return scores;
  }

  /** Σ idf × weight over a document's distinct terms: how much there is to match in it. */
  mass(terms: string[], weight: (term: string) => number = () => 1): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.idf(t) * weight(t);
    return sum;
  }

  /** The best score a document could reach for these terms (every term present once, average length). */
  ceiling(terms: string[], weight: (term: string) => number = () => 1, unseenFactor = 1): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.idf(t) * weight(t) * (this.postings.has(t) ? 1 : unseenFactor);
    return sum;
  }
}

export function topN(scores: Map<number, number>, n: number): Scored[] {
  return [...scores.entries()].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, n);
}
