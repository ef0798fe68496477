/**
 * Text hygiene for free-text fields people type or import (staff names, every matter text):
 * one check, used by every schema that stores such text, so a value that would render as
 * something else than it is (bidi overrides), vanish (only zero-width characters) or break
 * storage and logs (NUL, lone surrogates) never gets in.
 */
import type { ZodString } from 'zod';
import { z } from '../zod-zh';
import { BLANK_CLASS, INVISIBLE_ONLY } from './visible';

export { hasVisible } from './visible';

const NUL = /\u0000/;
// Embeddings/overrides/isolates plus the implicit marks (LRM, RLM, ALM): all reorder what staff see.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
// C0/C1 control characters other than tab and line breaks: invisible, and they garble logs and exports.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Why a text is refused (Chinese, for the person who typed it), or null when it is fine. */
export function textProblem(value: string): string | null {
  if (NUL.test(value)) return '不能包含空字符（NUL）';
  if (hasLoneSurrogate(value)) return '包含无法识别的字符（不完整的 Unicode 代理对），请重新输入';
  if (BIDI.test(value)) return '不能包含改变文字方向的控制字符';
  if (CONTROL.test(value)) return '不能包含不可见的控制字符';
  // Plain white space is left to the schema's trim().min(): its message names the field.
  if (INVISIBLE_ONLY.test(value) && value.trim().length > 0) return '不能只由不可见字符组成';
  return null;
}

export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Adds the hygiene checks to a string schema: `safeText(z.string().trim().min(1).max(100))`.
 * Plain regex checks rather than a zod refinement: a refinement costs ~10× more per value, which
 * matters for a 2 000-matter import with ~60 texts each. Same messages as textProblem().
 */
export function safeText(schema: ZodString = z.string()): ZodString {
  return schema
    .regex(/^[^\u0000]*$/, '不能包含空字符（NUL）')
    .regex(/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/, '包含无法识别的字符（不完整的 Unicode 代理对），请重新输入')
    .regex(/^[^\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]*$/, '不能包含改变文字方向的控制字符')
    .regex(/^[^\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/, '不能包含不可见的控制字符')
    .regex(new RegExp(`^$|[^${BLANK_CLASS}]`), '不能只由不可见字符组成');
}

// What stripInvisible() removes: NUL and other controls, bidi controls, zero-width spaces and
// joiner-less marks, BOM, lone surrogates. ZWJ (U+200D) stays: emoji sequences need it.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * For text where refusing would only frustrate (a question to the assistant): drop the characters
 * textProblem() refuses instead, so what staff later read is what the citizen saw.
 */
export function stripInvisible(value: string): string {
  const cleaned = value.replace(INVISIBLE, '');
  if (!hasLoneSurrogate(cleaned)) return cleaned;
  // A loop, not a lookbehind regex: older mini-program JS engines reject lookbehind at parse time.
  let out = '';
  for (let i = 0; i < cleaned.length; i++) {
    const c = cleaned.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = cleaned.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { out += cleaned[i] + cleaned[i + 1]; i++; }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    out += cleaned[i];
  }
  return out;
}

/** UTF-8 byte length without TextEncoder/Buffer (neither is everywhere in mini-program runtimes). */
export function utf8Length(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 4; i++; } else n += 3;
    } else n += 3;
  }
  return n;
}
