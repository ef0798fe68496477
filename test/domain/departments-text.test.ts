import { createRegistry, DEFAULT_REGISTRY, DEPARTMENTS, resolveDepartment } from '../../core/matter/departments';
import { capErrors, parseCatalogue } from '../../core/matter/import';
import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { textProblem } from '../../core/text/hygiene';
import { makeMatter } from '../fixtures/matter-factory';
import seed from '../../seed/matters.json';

const tax = DEPARTMENTS.find((d) => d.code === 'tax')!;
const psb = DEPARTMENTS.find((d) => d.code === 'psb')!;

describe('department registry', () => {
  it('holds exactly the seed catalogue departments', () => {
    const fromSeed = new Map((seed as { matters: { department: { code: string; name: string; creditCode: string } }[] }).matters.map((m) => [m.department.code, m.department]));
    expect(DEPARTMENTS).toHaveLength(12);
    expect(new Map(DEPARTMENTS.map((d) => [d.code, d]))).toEqual(fromSeed);
  });

  it('resolves by code or by name, and refuses a row whose name or credit code contradicts it', () => {
    expect(resolveDepartment({ code: 'psb' }, DEFAULT_REGISTRY)).toEqual({ ok: true, department: psb });
    expect(resolveDepartment({ name: tax.name }, DEFAULT_REGISTRY)).toEqual({ ok: true, department: tax });
    const dressedUp = resolveDepartment({ code: 'psb', name: tax.name, creditCode: tax.creditCode }, DEFAULT_REGISTRY);
    expect(dressedUp).toMatchObject({ ok: false, message: expect.stringContaining('实施主体与部门登记不一致') });
    const wrongCredit = resolveDepartment({ code: 'psb', creditCode: tax.creditCode }, DEFAULT_REGISTRY);
    expect(wrongCredit).toMatchObject({ ok: false, field: 'creditCode', message: expect.stringContaining('实施主体与部门登记不一致') });
    expect(resolveDepartment({ code: 'mars' }, DEFAULT_REGISTRY)).toMatchObject({ ok: false, message: expect.stringContaining('未登记') });
  });

  it('lets collection records add and override departments, skipping invalid ones', () => {
    const reg = createRegistry([
      { code: 'justice', name: '示例市司法局', creditCode: '11999900MB0S10001X' },
      { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P99999Z' },
      { code: 'BAD CODE', name: 'x', creditCode: 'y' },
    ]);
    expect(reg.byCode('justice')?.name).toBe('示例市司法局');
    expect(reg.byCode('psb')?.creditCode).toBe('11999900MB0P99999Z');
    expect(reg.all()).toHaveLength(13);
  });

  it('an import row gets the registry identity, never its own', () => {
    const row = makeMatter({ department: { code: 'tax' } as never });
    const parsed = parseCatalogue('json', JSON.stringify([row]));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.matters[0].matter.department).toEqual(tax);
    const forged = parseCatalogue('json', JSON.stringify([makeMatter({ department: { code: 'psb', name: tax.name, creditCode: tax.creditCode } })]));
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.errors[0]).toMatchObject({ row: 1, field: '实施主体·名称', message: expect.stringContaining('实施主体与部门登记不一致') });
  });
});

describe('text hygiene', () => {
  it.each([
    ['NUL', 'a\u0000b', '空字符'],
    ['lone high surrogate', 'ab\uD83D', '代理对'],
    ['lone low surrogate', '\uDE00ab', '代理对'],
    ['bidi override', '居民\u202E证', '文字方向'],
    ['bidi isolate', '\u2066居民', '文字方向'],
    ['only zero-width', '\u200B\u200C\u200D\u2060', '不可见字符'],
  ])('refuses %s', (_name, value, hint) => {
    expect(textProblem(value)).toContain(hint);
  });

  it('accepts ordinary Chinese text, emoji (paired surrogates) and a zero-width joiner inside text', () => {
    for (const ok of ['居民身份证补领', '办事👍', '👨\u200D👩', 'A\u200BB']) expect(textProblem(ok)).toBeNull();
  });

  it('is applied to every matter text, with a Chinese message and the field name', () => {
    const m = makeMatter({ name: '居民\u202E身份证' });
    m.materials[0].name = '\u200B\u200B';
    const parsed = parseCatalogue('json', JSON.stringify([m]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: '名称', message: '不能包含改变文字方向的控制字符' }),
      expect.objectContaining({ field: '申请材料第1项·名称', message: '不能只由不可见字符组成' }),
    ]));
  });
});

describe('import report', () => {
  it('caps the error list at 200 and keeps the totals', () => {
    const parsed = parseCatalogue('json', JSON.stringify(Array.from({ length: 2000 }, () => ({}))));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const capped = capErrors(parsed.errors);
    expect(capped.errors).toHaveLength(200);
    expect(capped.errorsTotal).toBe(parsed.errors.length);
    expect(capped.errorsTotal).toBeGreaterThan(2000);
    expect(capped.errorsTruncated).toBe(true);
    expect(JSON.stringify(capped).length).toBeLessThan(40_000);
    expect(capErrors(parsed.errors.slice(0, 3))).toMatchObject({ errorsTotal: 3, errorsTruncated: false });
  });

  it('a CSV whose only row has one bad cell reports that cell, not an empty file', () => {
    const lines = mattersToCsv([matterSchema.parse(makeMatter())]).split('\r\n');
    lines[1] = lines[1].replace(/,1,需现场采集人像和指纹,/, ',一次,需现场采集人像和指纹,');
    const parsed = parseCatalogue('csv', lines.join('\r\n'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 2, field: '到现场次数', message: '到现场次数须为非负整数，实际为“一次”' })]);
    expect(parsed).toMatchObject({ total: 1, valid: 0 });
  });

  it('counts rows with cell errors in the total', () => {
    const lines = mattersToCsv([1, 2, 3].map(() => matterSchema.parse(makeMatter()))).split('\r\n');
    lines[2] = lines[2].replace(/,1,需现场采集人像和指纹,/, ',一次,需现场采集人像和指纹,');
    const parsed = parseCatalogue('csv', lines.join('\r\n'));
    expect(parsed).toMatchObject({ ok: false, total: 3, valid: 2 });
  });
});
