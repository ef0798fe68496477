/** The 示例市 seed catalogue is valid import data and searches the way citizens expect. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCatalogue } from '../../core/matter/import';
import { buildSearchIndex, searchMatters } from '../../core/matter/search';
import { catalogueHome } from '../../core/matter/catalogue';
import type { Matter } from '../../core/matter/schema';
import { LIFE_EVENTS, THEMES } from '../../core/matter/taxonomy';

const content = fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8');
const parsed = parseCatalogue('json', content);
const matters: Matter[] = parsed.ok ? parsed.matters.map(({ matter }) => ({ ...matter, _id: matter.implementationCode, updatedAt: '' } as Matter)) : [];
const index = buildSearchIndex(matters);
const top = (q: string, n = 1) => searchMatters(index, q).slice(0, n).map((h) => h.name);

describe('seed catalogue', () => {
  it('validates completely', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(matters.length).toBeGreaterThanOrEqual(30);
  });

  it('spans ≥ 8 departments, every theme and every life event', () => {
    const home = catalogueHome(matters);
    expect(home.departments.length).toBeGreaterThanOrEqual(8);
    for (const t of THEMES) expect(home.themes.find((x) => x.id === t)?.count ?? 0).toBeGreaterThan(0);
    for (const e of LIFE_EVENTS) expect(home.lifeEvents.find((x) => x.id === e.id)?.count ?? 0).toBeGreaterThanOrEqual(2);
    expect(home.totals.zeroVisit).toBeGreaterThan(0);
  });

  it.each([
    ['护照', '普通护照签发'],
    ['身份证丢了', '居民身份证补领（含挂失申报）'],
    ['公积金提取', '住房公积金提取（购买自住住房）'],
    ['驾照到期了怎么换', '机动车驾驶证期满换证'],
    ['领证', '内地居民结婚登记'],
    ['开公司', '企业设立登记（开办企业）'],
    ['宝宝上户口', '新生儿出生登记（户口申报）'],
    ['异地就医', '基本医疗保险跨省异地就医备案'],
    ['huzhao', '普通护照签发'],
  ])('“%s” ranks %s first', (q, expected) => {
    expect(top(q)).toEqual([expected]);
  });

  it('pinyin initials sfz finds the ID-card matters first', () => {
    const names = top('sfz', 4);
    expect(names).toHaveLength(4);
    for (const n of names) expect(n).toContain('身份证');
  });

  it('公积金提取 lists every 提取 matter before anything else', () => {
    const names = searchMatters(index, '公积金提取').map((h) => h.name);
    const extractions = matters.filter((m) => m.name.startsWith('住房公积金提取')).map((m) => m.name);
    expect(names.slice(0, extractions.length).sort()).toEqual(extractions.sort());
  });
  it.each([
    ['想在学校旁边开个奶茶店要办啥', '食品经营许可'],
    ['办护照要带什么材料能不能加急', '普通护照签发'],
    ['我爸退休了公积金里的钱怎么取出来', '住房公积金提取（离休、退休）'],
    ['想把老家的户口迁到这边来要什么材料', '户口迁入登记'],
  ])('a sentence finds its matter: %s → %s', (q, name) => {
    expect(top(q)).toEqual([name]);
  });

  it('a pinyin or one-character query still reaches every matter it spells', () => {
    expect(top('sfz', 4).every((n) => n.includes('身份证'))).toBe(true);
    expect(top('证', 1).length).toBe(1);
  });
});
