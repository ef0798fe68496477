import { analyseQuery, buildSearchIndex, searchMatters } from '../../core/matter/search';
import { matterSchema, type Matter } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';

function stored(overrides: Parameters<typeof makeMatter>[0]): Matter {
  const m = matterSchema.parse(makeMatter(overrides));
  return { ...m, _id: m.implementationCode, updatedAt: '2026-11-01T00:00:00Z' } as Matter;
}

const catalogue = [
  stored({ name: '居民身份证首次申领', keywords: ['第一次办身份证', '办身份证'] }),
  stored({ name: '居民身份证换领', keywords: ['身份证过期', '换身份证'] }),
  stored({ name: '居民身份证补领', keywords: ['身份证丢了', '补办身份证'] }),
  stored({ name: '临时居民身份证申领', keywords: ['临时身份证'] }),
  stored({ name: '普通护照签发', keywords: ['办护照', '出国护照'], themes: ['出入境'], department: { code: 'exit-entry', name: '示例市公安局出入境管理支队', creditCode: '11999900MB0X12346B' } }),
  stored({ name: '住房公积金提取（购房）', keywords: ['买房提取公积金', '公积金提取'], themes: ['公积金'] }),
  stored({ name: '住房公积金提取（租房）', keywords: ['租房提取公积金'], themes: ['公积金'] }),
  stored({ name: '内地居民结婚登记', keywords: ['领结婚证'], themes: ['婚育'] }),
  stored({ name: '社会保障卡申领', keywords: ['社保卡'], themes: ['社保'] }),
  stored({ name: '已取消的旧事项', status: '取消' }),
];
const index = buildSearchIndex(catalogue);
const names = (q: string) => searchMatters(index, q).map((h) => h.name);

describe('catalogue search', () => {
  it('finds 护照 by name', () => {
    expect(names('护照')[0]).toBe('普通护照签发');
  });

  it('understands colloquial loss: 身份证丢了 ranks 补领 first, other ID matters after', () => {
    const result = names('身份证丢了');
    expect(result[0]).toBe('居民身份证补领');
    expect(result).toEqual(expect.arrayContaining(['居民身份证换领', '临时居民身份证申领']));
    expect(result).not.toContain('普通护照签发');
  });

  it('finds both 公积金提取 matters and nothing unrelated', () => {
    expect(names('公积金提取').sort()).toEqual(['住房公积金提取（购房）', '住房公积金提取（租房）'].sort());
    expect(names('买房怎么提取公积金')[0]).toBe('住房公积金提取（购房）');
  });

  it('matches pinyin initials and full pinyin', () => {
    expect(names('sfz')).toEqual(expect.arrayContaining(['居民身份证补领', '居民身份证换领', '临时居民身份证申领']));
    expect(names('sfz')).not.toContain('普通护照签发');
    expect(names('huzhao')[0]).toBe('普通护照签发');
    expect(names('sbk')[0]).toBe('社会保障卡申领');
  });

  it('understands life phrasing: 领证 → 结婚登记; 身份证过期 → 换领', () => {
    expect(names('领证')[0]).toBe('内地居民结婚登记');
    expect(names('身份证过期了怎么办')[0]).toBe('居民身份证换领');
  });

  it('never returns cancelled matters and returns nothing for noise', () => {
    expect(names('已取消的旧事项')).toEqual([]);
    expect(names('量子计算机')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });

  it('normalises full-width input and strips question words', () => {
    expect(analyseQuery('ＳＦＺ').raw).toBe('sfz');
    expect(analyseQuery('请问护照怎么办理？').core).toBe('护照');
  });

  it('caps the result count', () => {
    expect(searchMatters(index, 'sfz', 2)).toHaveLength(2);
  });
});

describe('catalogue search through core/text (typos, pinyin, tails)', () => {
  const more = buildSearchIndex([
    ...catalogue,
    stored({ name: '车辆购置税申报', keywords: ['购置税', '买车交税'], themes: ['税务'] }),
    stored({ name: '出生医学证明办理', keywords: ['出生证'], themes: ['婚育'] }),
  ]);
  const hits = (q: string) => searchMatters(more, q).map((h) => h.name);

  it('homophone typos and full pinyin find 社保卡 and 护照', () => {
    expect(hits('社宝卡')[0]).toBe('社会保障卡申领');
    expect(hits('shebaoka')[0]).toBe('社会保障卡申领');
    expect(hits('护找')[0]).toBe('普通护照签发');
  });

  it('sb ranks 社保卡 above 车辆购置税申报', () => {
    const r = hits('sb');
    expect(r[0]).toBe('社会保障卡申领');
    if (r.includes('车辆购置税申报')) expect(r.indexOf('车辆购置税申报')).toBeGreaterThan(r.indexOf('社会保障卡申领'));
  });

  it('身份证丢了 is not tailed with unrelated theme matches', () => {
    const r = hits('身份证丢了');
    expect(r[0]).toBe('居民身份证补领');
    expect(r.every((n) => n.includes('身份证'))).toBe(true);
  });
});
