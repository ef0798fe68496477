import { idCheckChar, idNumberProblem, isMobilePhone, isValidIdNumber, materialIdOf, parseFormCell, validateForm, writeFormCell, formSchema } from '../../core/matter/form';
import { matterSchema } from '../../core/matter/schema';
import { mattersToCsv } from '../../core/matter/import-format';
import { parseCatalogue } from '../../core/matter/import';
import { makeMatter } from '../fixtures/matter-factory';

const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('ID numbers (GB 11643-1999)', () => {
  it('accepts valid numbers, including an X check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021'.slice(0, 17) + idCheckChar('11010519491231002'))).toBe(true);
    expect(isValidIdNumber(withCheck('44030620190315123'))).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('names what is wrong', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
    expect(idNumberProblem('1101051949123100')).toBe('format');
    expect(idNumberProblem(withCheck('11010519491331002'))).toBe('birthDate');
    expect(idNumberProblem(withCheck('11010520990101002'), '2025-01-01')).toBe('birthDate');
  });
});

describe('phones', () => {
  it.each([['13812345678', true], ['138 1234 5678', true], ['12812345678', false], ['1381234567', false], ['0571-8888888', false]])('%s → %s', (p, ok) => {
    expect(isMobilePhone(p)).toBe(ok);
  });
});

const form = formSchema.parse({ fields: [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
  { key: 'phone', label: '手机号', type: 'phone', required: true },
  { key: 'birth', label: '出生日期', type: 'date', required: true, notFuture: true },
  { key: 'kind', label: '类型', type: 'select', required: true, options: ['首次', '补领'] },
  { key: 'count', label: '份数', type: 'number', required: false },
  { key: 'address', label: '住址', type: 'address', required: false },
  { key: 'agree', label: '本人承诺所填信息真实', type: 'checkbox', required: true },
] });

describe('validateForm', () => {
  const good = { name: '张三', idNumber: '11010519491231002x', phone: '138 1234 5678', birth: '2024-05-01', kind: '首次', agree: true };
  it('cleans a good submission', () => {
    const r = validateForm(form, good, '2025-01-01');
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({ name: '张三', idNumber: '11010519491231002X', phone: '13812345678', birth: '2024-05-01', kind: '首次', agree: true });
  });
  it('reports every problem in Chinese', () => {
    const r = validateForm(form, { ...good, name: '', idNumber: '110105194912310021', phone: '123', birth: '2030-01-01', kind: '其他', agree: false, hack: 1 }, '2025-01-01');
    const byKey = Object.fromEntries(r.errors.map((e) => [e.key, e.message]));
    expect(byKey).toEqual({
      hack: '不是本事项表单的字段', name: '不能为空', idNumber: '校验位不正确，请核对', phone: '应为11位手机号码',
      birth: '不能晚于今天', kind: '请从首次、补领中选择', agree: '请勾选',
    });
  });
  it('limits a 补正 to the named fields', () => {
    const r = validateForm(form, { phone: '13900001111', name: '李四' }, '2025-01-01', ['phone']);
    expect(r.errors).toEqual([{ key: 'name', label: 'name', message: '不在要求补正的字段之内' }]);
    expect(r.values).toEqual({ phone: '13900001111' });
  });
  it('rejects duplicate keys and selects without options', () => {
    expect(formSchema.safeParse({ fields: [form.fields[0], form.fields[0]] }).success).toBe(false);
    expect(formSchema.safeParse({ fields: [{ key: 'k', label: '类', type: 'select', required: true, options: ['一'] }] }).success).toBe(false);
  });
});

describe('materials and forms in the catalogue', () => {
  it('every material gets a stable id derived from its name', () => {
    const m = matterSchema.parse(makeMatter({ name: '测试事项' }));
    expect(m.materials.length).toBeGreaterThan(0);
    for (const x of m.materials) expect(x.id).toBe(materialIdOf(x.name));
    expect(materialIdOf('居民身份证')).toBe(materialIdOf(' 居民身份证 '));
    expect(materialIdOf('居民身份证')).not.toBe(materialIdOf('居民户口簿'));
    expect(m.form).toEqual({ fields: [] });
  });

  it('CSV carries the form (表单字段 column) and re-imports unchanged', () => {
    const matter = matterSchema.parse({ ...makeMatter({ name: '带表单的事项' }), form });
    const csv = mattersToCsv([matter]);
    expect(csv).toContain('表单字段');
    const parsed = parseCatalogue('csv', csv);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.matters[0].matter.form).toEqual(form);
    expect(parseFormCell(writeFormCell(form))).toEqual({ fields: form.fields.map((f) => JSON.parse(JSON.stringify(f))) });
  });

  it('a bad 表单字段 cell is reported with its line', () => {
    expect(() => parseFormCell('name|姓名|颜色|是')).toThrow('表单字段第1项的类型“颜色”不支持');
    expect(() => parseFormCell('name|姓名')).toThrow('应至少有4段');
    expect(parseFormCell('birth|出生日期|日期|是||是').fields[0]).toEqual({ key: 'birth', label: '出生日期', type: 'date', required: true, notFuture: true });
  });
});
