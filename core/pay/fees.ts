/**
 * Fee standards of a matter's guide (办事指南 收费标准) read as amounts in 分: "120元/本" is fixed at
 * 12000; "10-50元" / "10至50元/件" is a range staff bill within; "一次有效15元/件，二次有效30元/件"
 * offers amounts to choose from; anything else ("按国家规定的…标准收取") has no machine-checkable
 * bound, so staff must not bill it online.
 */
import type { FeeLine } from './api';

export type FeeStandard =
  /** "80元/件；每增加一本加收10元": billed at `amountFen`; staff may also bill the other amounts named (`allowedFen`). */
  | { kind: 'fixed'; amountFen: number; allowedFen: number[] }
  | { kind: 'range'; minFen: number; maxFen: number }
  /** "一次有效15元/件，二次有效30元/件": one of the amounts named. */
  | { kind: 'choices'; allowedFen: number[] }
  | { kind: 'unparsed' };

const YUAN = '(\\d{1,7}(?:\\.\\d{1,2})?)';
const toFen = (yuan: string) => Math.round(Number(yuan) * 100);

export function parseStandard(standard: string): FeeStandard {
  const s = standard.replace(/\s+/g, '');
  const range = new RegExp(`^${YUAN}元?(?:-|~|～|至|到)${YUAN}元(?:/.+)?$`).exec(s);
  if (range) return { kind: 'range', minFen: toFen(range[1] ?? '0'), maxFen: toFen(range[2] ?? '0') };
  const named = [...s.matchAll(new RegExp(`${YUAN}元`, 'g'))].map((m) => toFen(m[1] ?? '0'));
  const fixed = new RegExp(`^${YUAN}元(?:/|；|;|$)`).exec(s);
  if (fixed) return { kind: 'fixed', amountFen: toFen(fixed[1] ?? '0'), allowedFen: [...new Set(named)] };
  if (named.length) return { kind: 'choices', allowedFen: [...new Set(named)] };
  return { kind: 'unparsed' };
}

export interface GuideFee {
  name: string;
  standard: string;
}

/** The bill for a guide whose every fee is fixed; null when staff must enter the items. */
export function fixedBill(fees: GuideFee[]): FeeLine[] | null {
  const lines: FeeLine[] = [];
  for (const f of fees) {
    const st = parseStandard(f.standard);
    if (st.kind !== 'fixed') return null;
    lines.push({ name: f.name, amountFen: st.amountFen });
  }
  return lines.length ? lines : null;
}

/** Checks staff-entered items against the guide: known names, amounts within the standard. Returns a Chinese problem or null. */
export function checkItems(items: FeeLine[], fees: GuideFee[]): string | null {
  if (items.length === 0) return '请至少填写一项收费';
  for (const [i, item] of items.entries()) {
    const fee = fees.find((f) => f.name === item.name);
    const label = `收费项目第${i + 1}项（${item.name}）`;
    if (!fee) return `${label}不在本事项办事指南的收费项目中`;
    if (!Number.isInteger(item.amountFen) || item.amountFen <= 0) return `${label}的金额须为正整数（分）`;
    const st = parseStandard(fee.standard);
    if ((st.kind === 'fixed' || st.kind === 'choices') && !st.allowedFen.includes(item.amountFen)) return `${label}的金额须为办事指南规定的${fee.standard}`;
    if (st.kind === 'range' && (item.amountFen < st.minFen || item.amountFen > st.maxFen)) return `${label}的金额超出办事指南规定的${fee.standard}`;
    if (st.kind === 'unparsed') return `${label}的收费标准（${fee.standard}）无法核对金额，请到窗口收取`;
  }
  return null;
}

export const totalOf = (items: FeeLine[]): number => items.reduce((s, i) => s + i.amountFen, 0);

/** 120.5 元 style display of 分. */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)}元`;
}
