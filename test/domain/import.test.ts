import { parseCatalogue, labelForPath } from '../../core/matter/import';
import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';

describe('catalogue import: JSON', () => {
  it('accepts a valid file in both the object and the bare-array form', () => {
    const a = makeMatter();
    const b = makeMatter({ name: '临时居民身份证申领' });
    for (const content of [JSON.stringify({ version: 1, matters: [a, b] }), JSON.stringify([a, b])]) {
      const parsed = parseCatalogue('json', content);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.matters.map((m) => m.matter.name)).toEqual(['居民身份证补领', '临时居民身份证申领']);
    }
  });

  it('reports every bad entry by number and field, in Chinese, and returns no matters', () => {
    const good = makeMatter();
    const badPhones = makeMatter({ contact: { ...good.contact, complaintPhone: good.contact.consultPhone } });
    const badCopies = makeMatter();
    (badCopies.materials[0] as { copies: unknown }).copies = '两份';
    const parsed = parseCatalogue('json', JSON.stringify([good, badPhones, badCopies]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.total).toBe(3);
    expect(parsed.valid).toBe(1);
    expect(parsed.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, field: '咨询与投诉·投诉电话', message: '咨询电话与投诉电话不能相同' }),
      expect.objectContaining({ row: 3, field: '申请材料第1项·复印件份数', message: '应为数字，实际为文本' }),
    ]));
  });

  it('rejects duplicate 实施编码, unknown fields and a promise longer than the statutory limit', () => {
    const a = makeMatter();
    const dup = { ...makeMatter(), implementationCode: a.implementationCode };
    const extra = { ...makeMatter(), hacked: true };
    const slow = makeMatter({ timeLimit: { statutoryDays: 10, promisedDays: 20, caseKind: '承诺件' } });
    const parsed = parseCatalogue('json', JSON.stringify([a, dup, extra, slow]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byRow = Object.fromEntries(parsed.errors.map((e) => [e.row, e.message]));
    expect(byRow[2]).toBe('实施编码与第1行重复');
    expect(byRow[3]).toContain('hacked');
    expect(byRow[4]).toBe('承诺办结时限不能长于法定办结时限');
  });

  it('names broken JSON and wrong top-level shapes as file errors', () => {
    for (const content of ['{ not json', '{"matters": 3}', '"x"', '[]']) {
      const parsed = parseCatalogue('json', content);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors[0].field).toBe('文件');
    }
  });

  it('rejects operator-shaped values instead of storing them', () => {
    const m = { ...makeMatter(), name: { $gt: '' } };
    const parsed = parseCatalogue('json', JSON.stringify([m]));
    expect(parsed.ok).toBe(false);
  });
});

describe('catalogue import: CSV', () => {
  it('round-trips matters through the documented CSV layout unchanged', () => {
    const matters = [makeMatter(), makeMatter({
      name: '结婚登记', fees: { charged: false, items: [], onlinePayment: false },
      timeLimit: { statutoryDays: 0, promisedDays: 0, caseKind: '即办件' },
      channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: false, scope: '全市通办' },
      faqs: [{ question: '有引号"和逗号,能否导入？', answer: '可以|竖线也行' }],
    })].map((m) => matterSchema.parse(m));
    const csv = mattersToCsv(matters);
    const parsed = parseCatalogue('csv', csv);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.matters.map((m) => m.matter)).toEqual(matters);
  });

  it('reports broken rows with their spreadsheet row number and keeps nothing', () => {
    const csv = mattersToCsv([matterSchema.parse(makeMatter()), matterSchema.parse(makeMatter()), matterSchema.parse(makeMatter())]);
    const lines = csv.split('\r\n');
    // Row 3: non-numeric visits; row 4: cut short (fewer columns).
    lines[2] = lines[2].replace(/,1,需现场采集人像和指纹,/, ',一次,需现场采集人像和指纹,');
    lines[3] = lines[3].split(',').slice(0, 5).join(',');
    const parsed = parseCatalogue('csv', lines.join('\r\n'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.valid).toBe(1);
    expect(parsed.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, field: '到现场次数', message: '到现场次数须为非负整数，实际为“一次”' }),
      expect.objectContaining({ row: 4, field: '整行' }),
    ]));
  });

  it('refuses a header with missing or unknown columns', () => {
    const missing = parseCatalogue('csv', '事项名称,基本编码\n护照,123\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0].message).toContain('缺少列');
    const csv = mattersToCsv([matterSchema.parse(makeMatter())]).replace('事项名称', '事项名称,备注');
    const unknown = parseCatalogue('csv', csv);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0].message).toContain('无法识别的列：备注');
  });
});

describe('labelForPath', () => {
  it('turns schema paths into Chinese field names', () => {
    expect(labelForPath(['materials', 0, 'copies'])).toBe('申请材料第1项·复印件份数');
    expect(labelForPath(['timeLimit', 'promisedDays'])).toBe('办结时限·承诺办结时限');
  });
});
