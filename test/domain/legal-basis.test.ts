import { groupLegalBasis, lawTitle } from '../../core/matter/legal-basis';
import { matterSchema } from '../../core/matter/schema';
import seed from '../../seed/matters.json';

type SeedMatter = { name: string; legalBasis: { law: string; clause: string }[] };
const seedMatters = (seed as { matters: SeedMatter[] }).matters;

describe('lawTitle', () => {
  it.each([
    ['中华人民共和国居民身份证法', '《中华人民共和国居民身份证法》'],
    ['《中华人民共和国居民身份证法》', '《中华人民共和国居民身份证法》'],
    ['《住房城乡建设部 财政部 中国人民银行关于放宽提取住房公积金支付房租条件的通知》（建金〔2015〕19号）',
      '《住房城乡建设部 财政部 中国人民银行关于放宽提取住房公积金支付房租条件的通知》（建金〔2015〕19号）'],
    ['《婚姻登记条例', '《婚姻登记条例》'],
    [' 婚姻登记条例》 ', '《婚姻登记条例》'],
  ])('%s → %s', (raw, title) => expect(lawTitle(raw)).toBe(title));

  it('leaves no seed title with a stray 》 after its document number', () => {
    const titles = seedMatters.flatMap((m) => m.legalBasis.map((l) => lawTitle(l.law)));
    const numbered = titles.filter((t) => /号）$|修订）$/.test(t));
    expect(numbered.length).toBeGreaterThanOrEqual(29);
    for (const t of titles) {
      expect(t).toMatch(/^《[^《》]+(〈[^〉]*〉[^《》]*)*》(（[^）]*）)?$/);
      expect(t).not.toMatch(/）》$/);
    }
  });

  it('is applied when a matter is validated', () => {
    const m = matterSchema.shape.legalBasis.parse([{ law: '居民身份证法', clause: '第十一条' }]);
    expect(m[0].law).toBe('《居民身份证法》');
  });
});

describe('groupLegalBasis', () => {
  it('lists a law once with its articles in order', () => {
    const reissue = seedMatters.find((m) => m.name.startsWith('居民身份证补领'))!;
    const groups = groupLegalBasis(reissue.legalBasis);
    expect(groups).toHaveLength(1);
    expect(groups[0].law).toBe('《中华人民共和国居民身份证法》');
    expect(groups[0].clauses.map((c) => c.slice(0, 4))).toEqual(['第十一条', '第十二条', '第二十条']);
  });

  it('keeps first-mention order across laws and merges titles that differ only in brackets', () => {
    const groups = groupLegalBasis([
      { law: '《甲法》', clause: '第一条' },
      { law: '《乙条例》（国发〔2014〕25号）', clause: '第二条' },
      { law: '甲法', clause: '第三条' },
      { law: '《甲法》', clause: '第一条' },
    ]);
    expect(groups).toEqual([
      { law: '《甲法》', clauses: ['第一条', '第三条'] },
      { law: '《乙条例》（国发〔2014〕25号）', clauses: ['第二条'] },
    ]);
  });
});
