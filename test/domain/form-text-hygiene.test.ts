/** 在线申办 form text (text, address, free-text health) goes to staff: direction overrides and controls are refused. */
import { checkFieldValue, type FormField } from '../../core/matter/form';
import { stripInvisible, textProblem } from '../../core/text/hygiene';

const today = '2026-12-07';
const field = (type: FormField['type']): FormField => ({ key: 'k', label: '说明', type, required: true });

describe('form text hygiene', () => {
  it.each(['text', 'address', 'health'] as const)('%s refuses U+202E and U+2067 and accepts plain text', (type) => {
    expect(checkFieldValue(field(type), '示例市人民路1号\u202E103', today).error).toBe('不能包含改变文字方向的控制字符');
    expect(checkFieldValue(field(type), '示例市人民路1号\u2067103', today).error).toBe('不能包含改变文字方向的控制字符');
    expect(checkFieldValue(field(type), '示例市人民路1号103室', today)).toEqual({ value: '示例市人民路1号103室' });
  });

  it('refuses C0/C1 controls but not tab or line breaks', () => {
    expect(textProblem('a\u0008b')).toBe('不能包含不可见的控制字符');
    expect(textProblem('a\u0085b')).toBe('不能包含不可见的控制字符');
    expect(textProblem('a\tb\r\nc')).toBeNull();
  });

  it('stripInvisible drops what textProblem refuses and keeps emoji joiners and surrogate pairs', () => {
    expect(stripInvisible('abc\u202Edef\u200B\u2066\uFEFF\u0007')).toBe('abcdef');
    expect(stripInvisible('a\uD800b😀👨\u200D👩')).toBe('ab😀👨\u200D👩');
    expect(textProblem(stripInvisible('x\u202Ay\uDC00'))).toBeNull();
  });
});
