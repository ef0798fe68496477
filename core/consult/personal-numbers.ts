/**
 * ID and mobile numbers that citizens type into a consultation ("我的身份证110101…，电话138…"):
 * found in free text so the conversation store keeps only a masked copy in the clear (the
 * original sealed beside it), agents see it masked until a logged reveal, and no push carries it.
 * Pure: the sealing itself happens in the consult function.
 */
import { maskIdNumber, maskPhone } from '../mask';
import { idNumberProblem } from '../matter/form';

export type PersonalNumberKind = 'idNumber' | 'phone';

export interface PersonalNumber {
  kind: PersonalNumberKind;
  start: number;
  end: number;
  value: string;
}

// Digit runs (spaces or dashes allowed inside, as people type phones) not glued to other digits.
const RUN = /(?<![\dXx])\d[\d\s-]{9,22}[\dXx](?![\dXx])/g;

function classify(raw: string): PersonalNumberKind | null {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  // 18-character 公民身份号码 with a real birth date — a wrong check character is still someone's
  // (mistyped) ID — or the old 15-digit form.
  const problem = idNumberProblem(compact);
  if (problem === null || problem === 'checkDigit') return 'idNumber';
  if (/^\d{15}$/.test(compact)) return 'idNumber';
  if (/^1[3-9]\d{9}$/.test(compact)) return 'phone';
  return null;
}

/** Every ID or mobile number in `text`, in order. */
export function findPersonalNumbers(text: string): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  for (const m of text.matchAll(RUN)) {
    const value = m[0].replace(/[\s-]+$/, '');
    const kind = classify(value);
    if (kind) found.push({ kind, start: m.index!, end: m.index! + value.length, value });
  }
  return found;
}

/** `text` with every ID number and mobile number masked (`110101********1234`, `138****5678`). */
export function maskPersonalNumbers(text: string): string {
  let out = '';
  let at = 0;
  for (const n of findPersonalNumbers(text)) {
    const compact = n.value.replace(/[\s-]/g, '');
    out += text.slice(at, n.start) + (n.kind === 'idNumber' ? maskIdNumber(compact) : maskPhone(compact));
    at = n.end;
  }
  return out + text.slice(at);
}

/**
 * 办件编号 BJ…, 预约编号 YY… (the formats affairs and booking hand out: 14 digits). A few digits more
 * or less is still meant as one of ours (a digit dropped or doubled while typing).
 */
export const CASE_NUMBER = /\b(?:BJ|YY)\d{11,17}\b/i;

/** A number as the conversation store keeps it after masking (138****5678, 110101********1234). */
const MASKED_NUMBER = /\d{2,}[*＊]{3,}[\dXx]{2,}/;

export type PersonalDataKind = 'caseNumber' | 'phone' | 'idNumber' | 'masked';

/**
 * The kinds of someone's own numbers in `text`: case and booking numbers, ID and mobile numbers,
 * and such numbers already masked (a masked number is still one person's). Full-width digits count.
 */
export function personalDataKinds(text: string): PersonalDataKind[] {
  const t = text.normalize('NFKC');
  const kinds = new Set<PersonalDataKind>();
  if (CASE_NUMBER.test(t)) kinds.add('caseNumber');
  for (const n of findPersonalNumbers(t)) kinds.add(n.kind);
  if (MASKED_NUMBER.test(t)) kinds.add('masked');
  return [...kinds];
}
