/** Citizen-facing reads: catalogue home, lists, search and the full 办事指南. */
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { catalogueHome, listTitle } from '../../../core/matter/catalogue';
import { searchMatters } from '../../../core/matter/search';
import { SEARCH_MAX_LENGTH } from '../../../core/matter/limits';
import { toSummary } from '../../../core/matter/schema';
import { materialIdOf } from '../../../core/matter/form';
import { HOT_QUERIES, LIFE_EVENTS, THEMES } from '../../../core/matter/taxonomy';
import { action, noParams } from '../../shared/router';
import { catalogueSnapshot } from '../catalogue-cache';
import { createMatterRepository } from '../repo';

const paging = {
  page: z.number().int().min(1).max(500).default(1),
  pageSize: z.number().int().min(1).max(20).default(20),
};
const lifeEventIds = LIFE_EVENTS.map((e) => e.id) as [string, ...string[]];

const listParams = z.discriminatedUnion('by', [
  z.object({ by: z.literal('department'), value: z.string().regex(/^[a-z0-9-]{2,40}$/, '部门代码格式不正确'), ...paging }).strict(),
  z.object({ by: z.literal('theme'), value: z.enum(THEMES), ...paging }).strict(),
  z.object({ by: z.literal('lifeEvent'), value: z.enum(lifeEventIds), ...paging }).strict(),
]);

export const home = action({
  permission: 'public',
  params: noParams,
  handler: async () => catalogueHome((await catalogueSnapshot(createMatterRepository())).matters),
});

export const list = action({
  permission: 'public',
  params: listParams,
  handler: async (p) => {
    const repo = createMatterRepository();
    const [result, snapshot] = await Promise.all([repo.page(p, p.page, p.pageSize), catalogueSnapshot(repo)]);
    return { ...result, items: result.items.map(toSummary), title: listTitle(p.by, p.value, snapshot.matters) };
  },
});

export const search = action({
  permission: 'public',
  params: z.object({
    q: z.string().trim().min(1, '请输入要搜索的内容').max(SEARCH_MAX_LENGTH, `搜索内容不能超过${SEARCH_MAX_LENGTH}个字`),
    limit: z.number().int().min(1).max(20).default(20),
  }).strict(),
  handler: async (p) => {
    const { index } = await catalogueSnapshot(createMatterRepository());
    const hits = searchMatters(index, p.q, p.limit);
    return { q: p.q, hits, suggestions: hits.length > 0 ? [] : [...HOT_QUERIES] };
  },
});

export const get = action({
  permission: 'public',
  params: z.object({ id: z.string().trim().regex(/^[0-9A-Za-z-]{6,60}$/, '事项编号格式不正确') }).strict(),
  handler: async (p) => {
    const matter = await createMatterRepository().byId(p.id);
    if (!matter || matter.status === '取消') throw new DomainError('NOT_FOUND', '未找到该事项，可能已调整或取消');
    // Matters stored before forms and material ids existed still answer the current shape.
    return { ...matter, form: matter.form ?? { fields: [] }, materials: matter.materials.map((m) => ({ ...m, id: m.id ?? materialIdOf(m.name) })) };
  },
});
