/**
 * The best `k` scored docs seen so far, best first (higher score, then lower collation order).
 * k is a page of results (≤ 20 in the matters function), so a sorted array with insertion beats
 * a heap and never sorts the whole candidate set.
 */
export interface Ranked {
  doc: number;
  score: number;
  order: number;
}

const before = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && a.order < b.order);

export class TopK {
  readonly items: Ranked[] = [];
  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.items.length >= this.k;
  }

  /** The score a doc must reach (ties may still win on order) to enter a full list. */
  get floor(): number {
    return this.full ? this.items[this.items.length - 1].score : 0;
  }

  get best(): number {
    return this.items[0]?.score ?? 0;
  }

  /** Whether a doc with this score and order would enter the list (checked before building an entry). */
  admits(score: number, order: number): boolean {
    if (this.k <= 0) return false;
    if (!this.full) return true;
    const last = this.items[this.items.length - 1];
    return score > last.score || (score === last.score && order < last.order);
  }

  offer(entry: Ranked): void {
    const items = this.items;
    if (this.k <= 0 || (this.full && !before(entry, items[items.length - 1]))) return;
    let i = items.length;
    if (this.full) i -= 1;
    else items.push(entry);
    while (i > 0 && before(entry, items[i - 1])) { items[i] = items[i - 1]; i--; }
    items[i] = entry;
  }
}
