/**
 * Nothing a reader would see: white space (incl. the ideographic space), format and control
 * characters (zero-width, soft hyphen, Mongolian vowel separator …), combining marks with no base,
 * and the blank letters fonts draw as nothing (Hangul fillers, the blank Braille pattern).
 * No imports: the text normalisation the mini-program bundles uses it too.
 */
// Explicit ranges, not general categories: the blank letters are letters (Lo) and the Braille
// blank a symbol (So), so no \p{…} class holds exactly what draws as nothing.
export const BLANK_CLASS = '\\s\\u0000-\\u001F\\u007F-\\u00A0\\u00AD\\u0300-\\u036F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u2800\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0';
export const INVISIBLE_ONLY = new RegExp(`^[${BLANK_CLASS}]+$`);

/** True when the text shows at least one character. */
export function hasVisible(value: string): boolean {
  return value.length > 0 && !INVISIBLE_ONLY.test(value);
}
