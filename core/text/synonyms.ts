/**
 * Synonym groups (official and everyday terms: 社保卡 / 社会保障卡, 驾照 / 驾驶证). Every member of a
 * group maps to the group's id; the retrieval adds that id as a term, so either wording matches.
 */
export class SynonymTable {
  private groupOf = new Map<string, number[]>();
  readonly groups: string[][];

  constructor(groups: string[][]) {
    this.groups = groups;
    groups.forEach((g, i) => {
      for (const w of g) {
        const list = this.groupOf.get(w) ?? [];
        list.push(i);
        this.groupOf.set(w, list);
      }
    });
  }

  /** Group ids of a word (a word may sit in more than one group). */
  of(word: string): number[] {
    return this.groupOf.get(word) ?? [];
  }

  members(): string[] {
    return [...this.groupOf.keys()];
  }

  /** The other members of the groups a word belongs to. */
  expand(word: string): string[] {
    const out = new Set<string>();
    for (const g of this.of(word)) for (const w of this.groups[g]) if (w !== word) out.add(w);
    return [...out];
  }
}
