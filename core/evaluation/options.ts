/**
 * The option lists a rater ticks, per channel and level, versioned. National 好差评 practice
 * (国办发〔2019〕51号, GB/T 39734-2020) gives each level its own list over the same dimensions —
 * online (一事一评): 整体满意度, 办事效率, 办事指南精确度, 办事便捷度, 平台操作性; on-site (一次一评):
 * 整体满意度, 服务效率, 服务水平, 服务态度 — worded as praise for good levels and as problems for bad
 * ones. A rating stores the version it was made with, so a later list never re-reads an old rating.
 */
import type { Level, TargetType } from './model';

/** 网办 (an application handled online) or 现场 (a hall visit). */
export type OptionChannel = 'online' | 'onsite';
export const channelOf = (targetType: TargetType): OptionChannel => (targetType === 'application' ? 'online' : 'onsite');

export type OptionLists = Record<OptionChannel, Record<Level, readonly string[]>>;

/** The first lists: the bare dimension names for every level (ratings stored before per-level lists). */
const V1_ONLINE = ['整体满意度', '办事效率', '办事指南精确度', '办事便捷度', '平台操作性'] as const;
const V1_ONSITE = ['整体满意度', '服务效率', '服务水平', '服务态度'] as const;
const sameForEveryLevel = (list: readonly string[]): Record<Level, readonly string[]> => ({ 1: list, 2: list, 3: list, 4: list, 5: list });

/** Per-level lists: each dimension read as praise (★4–5), as middling (★3) or as a problem (★1–2). */
const V2: OptionLists = {
  online: {
    5: ['整体非常满意', '办事效率高', '办事指南精准', '办事便捷', '平台操作简便'],
    4: ['整体满意', '办事效率较高', '办事指南准确', '办事较便捷', '平台操作较简便'],
    3: ['整体基本满意', '办事效率一般', '办事指南基本准确', '办事便捷度一般', '平台操作性一般'],
    2: ['整体不满意', '办事效率低', '办事指南不准确', '办事不便捷', '平台操作不便'],
    1: ['整体非常不满意', '办事效率很低', '办事指南错误或缺失', '办事很不便捷', '平台操作困难'],
  },
  onsite: {
    5: ['整体非常满意', '服务效率高', '服务水平专业', '服务态度热情'],
    4: ['整体满意', '服务效率较高', '服务水平较好', '服务态度良好'],
    3: ['整体基本满意', '服务效率一般', '服务水平一般', '服务态度一般'],
    2: ['整体不满意', '服务效率低', '服务水平不足', '服务态度较差'],
    1: ['整体非常不满意', '服务效率很低', '业务不熟练', '服务态度恶劣'],
  },
};

/** Every version ever offered, so stored ratings stay readable; never edit a published version, add one. */
export const OPTION_TABLES: Readonly<Record<string, OptionLists>> = {
  'gbt39734-2020.1': { online: sameForEveryLevel(V1_ONLINE), onsite: sameForEveryLevel(V1_ONSITE) },
  'gbt39734-2020.2': V2,
};

/** The version new ratings are made with. */
export const OPTIONS_VERSION = 'gbt39734-2020.2';

/** The options a rater may tick for a level (today's list unless an older version is asked for). */
export function optionsFor(targetType: TargetType, level: Level, version: string = OPTIONS_VERSION): readonly string[] {
  const table = OPTION_TABLES[version];
  return table ? table[channelOf(targetType)][level] ?? [] : [];
}

/** The first ticked option that is not on the level's list, or null when all are. */
export function unknownOption(targetType: TargetType, level: Level, picked: readonly string[], version: string = OPTIONS_VERSION): string | null {
  const allowed = optionsFor(targetType, level, version);
  return picked.find((o) => !allowed.includes(o)) ?? null;
}
