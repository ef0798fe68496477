/** 好差评 option lists: per channel and level, versioned; old ratings keep their own version's list. */
import { LEVEL_LABELS, type Level } from '../../core/evaluation/model';
import { OPTION_TABLES, OPTIONS_VERSION, channelOf, optionsFor, unknownOption } from '../../core/evaluation/options';

const LEVELS: Level[] = [1, 2, 3, 4, 5];

describe('per-level option lists', () => {
  it('online lists cover the five online dimensions, on-site the four on-site ones, at every level', () => {
    for (const level of LEVELS) {
      const online = optionsFor('application', level);
      const onsite = optionsFor('booking', level);
      expect(online).toHaveLength(5);
      expect(onsite).toHaveLength(4);
      expect(online[0]).toMatch(/^整体/);
      expect(onsite[0]).toMatch(/^整体/);
      expect(online.some((o) => o.includes('办事指南'))).toBe(true);
      expect(online.some((o) => o.includes('平台操作'))).toBe(true);
      expect(onsite.some((o) => o.includes('态度'))).toBe(true);
      expect(new Set(online).size).toBe(online.length);
      for (const o of [...online, ...onsite]) expect(o.length).toBeLessThanOrEqual(20); // rateParams caps an option at 20
    }
  });

  it('good levels read as praise, bad levels as problems; no option is offered at both a good and a bad level', () => {
    expect(optionsFor('application', 5)).toContain('办事效率高');
    expect(optionsFor('application', 2)).toContain('办事效率低');
    expect(optionsFor('booking', 4)).toContain('服务态度良好');
    expect(optionsFor('booking', 1)).toContain('服务态度恶劣');
    for (const targetType of ['application', 'booking'] as const) {
      const good = new Set([...optionsFor(targetType, 5), ...optionsFor(targetType, 4)]);
      const bad = [...optionsFor(targetType, 2), ...optionsFor(targetType, 1)];
      expect(bad.filter((o) => good.has(o))).toEqual([]);
    }
  });

  it('unknownOption names the first option not on the level’s list', () => {
    expect(unknownOption('application', 2, ['办事效率低', '平台操作不便'])).toBeNull();
    expect(unknownOption('application', 2, ['办事效率低', '办事效率高'])).toBe('办事效率高');
    expect(unknownOption('booking', 5, ['办事效率高'])).toBe('办事效率高');
    expect(unknownOption('application', 3, [])).toBeNull();
  });

  it('is versioned: the current version is in the table, and the first version still answers its flat lists', () => {
    expect(OPTION_TABLES[OPTIONS_VERSION]).toBeDefined();
    expect(optionsFor('application', 1, 'gbt39734-2020.1')).toEqual(['整体满意度', '办事效率', '办事指南精确度', '办事便捷度', '平台操作性']);
    expect(optionsFor('booking', 5, 'gbt39734-2020.1')).toEqual(['整体满意度', '服务效率', '服务水平', '服务态度']);
    expect(unknownOption('application', 2, ['办事效率'], 'gbt39734-2020.1')).toBeNull();
    expect(unknownOption('application', 2, ['办事效率'])).toBe('办事效率');
    expect(optionsFor('application', 5, 'no-such-version')).toEqual([]);
    expect(channelOf('booking')).toBe('onsite');
    expect(Object.keys(LEVEL_LABELS)).toHaveLength(5);
  });
});
