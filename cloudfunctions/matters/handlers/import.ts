/**
 * Catalogue import (staff action, also used by the CLI and the seed script): validate the whole
 * file first; write only when every row is valid and within the caller's departments.
 */
import { z } from '../../../core/zod-zh';
import { coversDepartment } from '../../../core/policy';
import { parseCatalogue, type ImportReport, type ImportRowError } from '../../../core/matter/import';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { createMatterRepository } from '../matter-repo';

/** Under WeChat's callFunction payload limit, and enough for ~2000 matters of CSV. */
export const MAX_IMPORT_CHARS = 4_000_000;

export const importCatalogue = action({
  permission: 'catalogue:import',
  params: z.object({
    format: z.enum(['json', 'csv']),
    content: z.string().min(1, '文件内容为空').max(MAX_IMPORT_CHARS, '文件过大，请拆分后导入（单次不超过400万字符）'),
    dryRun: z.boolean().default(false),
  }).strict(),
  handler: async (p, { actor }): Promise<ImportReport> => {
    const base = { format: p.format, dryRun: p.dryRun, created: 0, updated: 0, applied: false };
    const parsed = parseCatalogue(p.format, p.content);
    if (!parsed.ok) return { ...base, total: parsed.total, valid: parsed.valid, errors: parsed.errors };

    const outOfScope: ImportRowError[] = parsed.matters
      .filter(({ matter }) => !coversDepartment(actor, matter.department.code))
      .map(({ row, matter }) => ({
        row, implementationCode: matter.implementationCode, field: '实施主体',
        message: `您无权导入“${matter.department.name}”的事项`,
      }));
    const total = parsed.matters.length;
    if (outOfScope.length > 0) return { ...base, total, valid: total - outOfScope.length, errors: outOfScope };

    const repo = createMatterRepository();
    if (p.dryRun) {
      const existing = await repo.existingIds(parsed.matters.map((m) => m.matter.implementationCode));
      return { ...base, total, valid: total, errors: [], created: total - existing.size, updated: existing.size };
    }
    const at = new Date().toISOString();
    const { created, updated } = await repo.upsertAll(parsed.matters.map((m) => m.matter), at);
    await getDb().collection('import_logs').add({
      data: { openid: actor.openid, format: p.format, total, created, updated, at },
    });
    return { ...base, total, valid: total, errors: [], created, updated, applied: true };
  },
});
