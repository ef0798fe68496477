/** Hints beside subscription-message fields show values that validation accepts, and refusals name fields in Chinese. */
import { FIELD_HINTS, formatField, renderData } from '../../core/push/fields';
import { FIELD_TYPES, type Template } from '../../core/push/templates';

const exampleOf = (hint: string) => /如 (.+)$/.exec(hint)?.[1];

describe('compose hints', () => {
  it.each(FIELD_TYPES.map((t) => [t]))('%s: has a Chinese hint whose example validates', (type) => {
    const hint = FIELD_HINTS[type];
    expect(hint).toMatch(/[\u4e00-\u9fa5≤]/);
    const example = exampleOf(hint);
    if (example) expect(formatField(type, example)).toMatchObject({ ok: true });
  });

  it('a time typed as the hint shows (Beijing wall clock) becomes WeChat\'s format', () => {
    expect(formatField('time', '2025-07-01 08:00')).toEqual({ ok: true, value: '2025年7月1日 08:00' });
    expect(formatField('time', '2025-02-30 08:00')).toMatchObject({ ok: false });
  });

  it('refusing a time or date repeats the hint\'s example', () => {
    const time = formatField('time', '明天早上');
    expect(time.ok).toBe(false);
    if (!time.ok) expect(time.reason).toContain(exampleOf(FIELD_HINTS.time));
    const date = formatField('date', '下周一');
    if (!date.ok) expect(date.reason).toContain(exampleOf(FIELD_HINTS.date));
  });

  it('a bad field is named by its label, never its key', () => {
    const t = { key: 'emergencyAlert', title: '紧急通知', fields: [{ key: 'thing1', type: 'thing', label: '通知标题' }] } as unknown as Template;
    const r = renderData(t, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(t.fields[0].label);
      expect(r.reason).not.toContain(t.fields[0].key);
    }
  });
});
