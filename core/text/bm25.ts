/**
 * Okapi BM25 over weighted terms. Documents are bags of terms (strings); each term may carry a
 * weight (e.g. a dictionary word counts more than a character bigram). Posting lists make a query
 * cost proportional to the documents sharing a term, not to the collection size.
 */
export interface Bm25Options {
  k1?: number;
  b?: number;
  /** Terms left out of a document's length (derived terms that restate words already counted). */
  uncounted?: (term: string) => boolean;
}

export interface Scored { doc: number; score: number }

/** Reusable accumulators for `Bm25Index.accumulate`: dense per-document arrays plus the touched list. */
export interface Bm25Scratch {
  scores: Float64Array;
  matched: Float64Array;
  touched: Int32Array;
  count: number;
}

export interface PlannedTerm { id: number; idf: number; bound: number; order: number }

export class Bm25Index {
  /** Term → id; per term id: documents, precomputed BM25 length/tf factors, idf. */
  private ids = new Map<string, number>();
  private docsOf: Int32Array[] = [];
  private normsOf: Float64Array[] = [];
  private idfOf: number[] = [];
  /** Largest length/tf factor in each posting list: with idf × weight, a term's best contribution. */
  private maxNormOf: number[] = [];
  private lengths: number[] = [];
  private avgLen = 1;
  private k1: number;
  private b: number;
  private maxDf: number;

  constructor(docs: string[][], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.5;
    const postings: { doc: number; tf: number }[][] = [];
    docs.forEach((terms, doc) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let id = this.ids.get(t);
        if (id === undefined) { id = postings.length; this.ids.set(t, id); postings.push([]); }
        postings[id].push({ doc, tf: n });
      }
      this.lengths.push(opts.uncounted ? terms.filter((t) => !opts.uncounted!(t)).length : terms.length);
    });
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.avgLen = docs.length ? Math.max(1, total / docs.length) : 1;
    const N = this.lengths.length;
    for (const list of postings) {
      const d = new Int32Array(list.length);
      const w = new Float64Array(list.length);
      list.forEach(({ doc, tf }, i) => {
        d[i] = doc;
        w[i] = tf * (this.k1 + 1) / (tf + this.k1 * (1 - this.b + this.b * this.lengths[doc] / this.avgLen));
      });
      this.docsOf.push(d);
      this.normsOf.push(w);
      let mx = 0;
      for (let i = 0; i < w.length; i++) if (w[i] > mx) mx = w[i];
      this.maxNormOf.push(mx);
      const n = list.length;
      this.idfOf.push(Math.log(1 + (N - n + 0.5) / (n + 0.5)));
    }
    // Terms in more than this share of documents carry almost no evidence but cost the most.
    this.maxDf = Math.max(50, N * 0.05);
  }

  get size(): number {
    return this.lengths.length;
  }

  idf(term: string): number {
    const id = this.ids.get(term);
    if (id !== undefined) return this.idfOf[id];
    const N = this.lengths.length;
    return Math.log(1 + (N + 0.5) / 0.5);
  }

  /** Fresh accumulators sized for this index. */
  scratch(): Bm25Scratch {
    const n = this.lengths.length;
    return { scores: new Float64Array(n), matched: new Float64Array(n), touched: new Int32Array(n), count: 0 };
  }

  /**
   * Adds the scores of every document sharing a term with the query into `acc` (call `reset`
   * afterwards). Cost is the length of the query terms' posting lists, not the collection size.
   */
  accumulate(terms: string[], weight: (term: string) => number, acc: Bm25Scratch): void {
    for (const q of this.plan(terms, weight, false)) this.addTerm(q, acc);
  }

  /**
   * The query's distinct indexed terms (first occurrence wins; terms over the document-frequency
   * cap skipped) with their idf × weight and upper bound (best possible contribution to any
   * document). `byBound` orders them by bound, highest first, for pruned evaluation.
   */
  plan(terms: string[], weight: (term: string) => number, byBound = true): PlannedTerm[] {
    const seen = new Set<string>();
    const out: PlannedTerm[] = [];
    for (const t of terms) {
      if (seen.has(t)) continue;
      seen.add(t);
      const id = this.ids.get(t);
      if (id === undefined || this.docsOf[id].length > this.maxDf) continue;
      const idf = this.idfOf[id] * weight(t);
      out.push({ id, idf, bound: idf * this.maxNormOf[id], order: out.length });
    }
    if (byBound) out.sort((a, b) => b.bound - a.bound || a.order - b.order);
    return out;
  }

  /** One planned term into the accumulators; with `admit`, documents not yet scored join only if it says so. */
  addTerm(q: PlannedTerm, acc: Bm25Scratch, admit?: (doc: number) => boolean): void {
    const { scores, matched, touched } = acc;
    const docs = this.docsOf[q.id];
    const norms = this.normsOf[q.id];
    const idf = q.idf;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      if (matched[doc] === 0) {
        if (admit && !admit(doc)) continue;
        touched[acc.count++] = doc;
      }
      scores[doc] += idf * norms[i];
      matched[doc] += idf;
    }
  }

  reset(acc: Bm25Scratch): void {
    for (let i = 0; i < acc.count; i++) { const d = acc.touched[i]; acc.scores[d] = 0; acc.matched[d] = 0; }
    acc.count = 0;
  }

  /** Scores of every document sharing a term with the query; `weight` multiplies each term. */
  search(terms: string[], weight: (term: string) => number = () => 1, matched?: Map<number, number>): Map<number, number> {
    const acc = this.scratch();
    this.accumulate(terms, weight, acc);
    const scores = new Map<number, number>();
    for (let i = 0; i < acc.count; i++) {
      const d = acc.touched[i];
      scores.set(d, acc.scores[d]);
      if (matched) matched.set(d, acc.matched[d]);
    }
    return scores;
  }

  /** Σ idf × weight over a document's distinct terms: how much there is to match in it. */
  mass(terms: string[], weight: (term: string) => number = () => 1): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.idf(t) * weight(t);
    return sum;
  }

  /**
   * `mass` of every document at once: each distinct term's idf × weight is computed once and added
   * along its posting list (what a cold start of a large base can afford; `mass` per document
   * would weigh the same term again for every document holding it).
   */
  masses(weight: (term: string) => number = () => 1): Float64Array {
    const out = new Float64Array(this.lengths.length);
    for (const [term, id] of this.ids) {
      const w = this.idfOf[id] * weight(term);
      const docs = this.docsOf[id];
      for (let i = 0; i < docs.length; i++) out[docs[i]] += w;
    }
    return out;
  }

  /** The best score a document could reach for these terms (every term present once, average length). */
  ceiling(terms: string[], weight: (term: string) => number = () => 1, unseenFactor = 1): number {
    let sum = 0;
    for (const t of new Set(terms)) sum += this.idf(t) * weight(t) * (this.ids.has(t) ? 1 : unseenFactor);
    return sum;
  }
}

export function topN(scores: Map<number, number>, n: number): Scored[] {
  return [...scores.entries()].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, n);
}
