/**
 * Catalogue import (staff action, also used by the CLI and the seed script): validate the whole
 * file first; publish only when every row is valid and every row's department — the one it names
 * and the one already stored for that 实施编码 — is within the caller's departments. The new
 * catalogue becomes visible in one atomic step (repo.ts) or not at all.
 *
 * A file reaches the function inline (`content`, small files: callFunction carries ~100 KB) or
 * through cloud storage (`fileID` of the caller's own upload under `uploads/<openid>/`).
 */
import { z } from '../../../core/zod-zh';
import { DomainError } from '../../../core/envelope';
import { decide, type Actor } from '../../../core/policy';
import {
  capErrors, MAX_INLINE_IMPORT_BYTES, MAX_UPLOAD_IMPORT_BYTES, parseCatalogue, type ImportReport, type ImportRowError,
} from '../../../core/matter/import';
import { createRegistry, type DepartmentRegistry } from '../../../core/matter/departments';
import { sameGuide } from '../../../core/matter/same-guide';
import type { Matter, MatterGuide } from '../../../core/matter/schema';
import { action } from '../../shared/router';
import { getCloud, getDb } from '../../shared/cloud';
import { fetchAll } from '../../shared/paging';
import { DEPARTMENTS } from '../../shared/collections';
import { createMatterRepository } from '../repo';

const MAX_INLINE_BYTES = MAX_INLINE_IMPORT_BYTES;
const MAX_UPLOAD_BYTES = MAX_UPLOAD_IMPORT_BYTES;

const TOO_LARGE = `文件内容超过${MAX_INLINE_BYTES / 1024} KB（微信云函数单次调用数据上限约 100 KB），请用“选择文件”上传后导入`;

/** `cloud://<env>.<bucket>/uploads/<openid>/<name>`: the owner is part of the path. */
const UPLOAD_FILE_ID = /^cloud:\/\/[^/\s]+\/uploads\/([A-Za-z0-9_-]{1,64})\/[^\s]{1,200}$/;

const format = z.enum(['json', 'csv']);
const dryRun = z.boolean().default(false);
const inline = z.object({
  format,
  content: z.string().min(1, '文件内容为空').max(MAX_INLINE_BYTES, TOO_LARGE)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_INLINE_BYTES, TOO_LARGE),
  dryRun,
}).strict();
const uploaded = z.object({
  format,
  fileID: z.string().max(400).regex(UPLOAD_FILE_ID, '文件标识格式不正确，须为本人上传到 uploads/ 下的云存储文件'),
  dryRun,
}).strict();

async function downloadUpload(fileID: string, actor: Actor): Promise<string> {
  const owner = UPLOAD_FILE_ID.exec(fileID)?.[1];
  // Only one's own upload: somebody else's file is "not found", like any record that is not yours.
  const mine = decide(actor, 'citizen:own', { ownerOpenid: owner });
  if (!mine.allowed) throw new DomainError('NOT_FOUND', '找不到上传的文件，请重新选择文件上传');
  let content: Buffer;
  try {
    content = (await getCloud().downloadFile({ fileID })).fileContent as Buffer;
  } catch {
    throw new DomainError('NOT_FOUND', '找不到上传的文件，请重新选择文件上传');
  }
  if (content.length > MAX_UPLOAD_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `文件超过${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请拆分后导入`);
  }
  if (content.length === 0) throw new DomainError('INVALID_INPUT', '上传的文件是空的');
  return content.toString('utf8');
}

/** Built-in registry plus the admin-maintained `departments` collection. */
async function loadRegistry(): Promise<DepartmentRegistry> {
  const records = await fetchAll<{ _id: string; name?: unknown; creditCode?: unknown }>(
    () => getDb().collection<{ _id: string; name?: unknown; creditCode?: unknown }>(DEPARTMENTS).orderBy('_id', 'asc'),
  );
  return createRegistry(records.map((r) => ({ code: r._id, name: r.name, creditCode: r.creditCode })));
}

/** Every row must be the caller's to write: the department it names and the one it would replace. */
function outOfScope(actor: Actor, rows: { row: number; matter: MatterGuide }[], stored: Map<string, Matter>): ImportRowError[] {
  const errors: ImportRowError[] = [];
  for (const { row, matter } of rows) {
    const code = matter.implementationCode;
    if (!decide(actor, 'catalogue:import', { department: matter.department.code }).allowed) {
      errors.push({ row, implementationCode: code, field: '实施主体', message: `您无权导入“${matter.department.name}”的事项` });
      continue;
    }
    const current = stored.get(code);
    if (current && !decide(actor, 'catalogue:import', { department: current.department.code }).allowed) {
      errors.push({
        row, implementationCode: code, field: '实施编码',
        message: `该实施编码已登记为“${current.department.name}”的事项，您无权修改或转移`,
      });
    }
  }
  return errors;
}

export const importCatalogue = action({
  permission: 'catalogue:import',
  params: z.union([inline, uploaded]),
  handler: async (p, { actor }): Promise<ImportReport> => {
    const base = { format: p.format, dryRun: p.dryRun, created: 0, updated: 0, applied: false };
    const content = 'content' in p ? p.content : await downloadUpload(p.fileID, actor);
    const parsed = parseCatalogue(p.format, content, await loadRegistry());
    if (!parsed.ok) return { ...base, total: parsed.total, valid: parsed.valid, ...capErrors(parsed.errors) };

    const repo = createMatterRepository({ openid: actor.openid });
    const current = await repo.snapshot();
    const stored = new Map(current.matters.map((m) => [m._id, m]));
    const total = parsed.matters.length;
    const denied = outOfScope(actor, parsed.matters, stored);
    if (denied.length > 0) {
      return { ...base, total, valid: total - new Set(denied.map((e) => e.row)).size, ...capErrors(denied) };
    }

    const clean = { total, valid: total, ...capErrors([]) };
    if (p.dryRun) {
      // Counted as publish() counts: a row identical to the stored one is neither created nor updated.
      const existing = parsed.matters.filter((m) => stored.has(m.matter.implementationCode));
      const updated = existing.filter((m) => !sameGuide(stored.get(m.matter.implementationCode)!, m.matter)).length;
      return { ...base, ...clean, created: total - existing.length, updated };
    }
    const at = new Date().toISOString();
    const { created, updated, version } = await repo.publish(current, parsed.matters.map((m) => m.matter), at);
    await getDb().collection('import_logs').add({
      data: { openid: actor.openid, format: p.format, source: 'content' in p ? 'inline' : 'upload', total, created, updated, version, at },
    }).catch((err: unknown) => console.error('[import] audit log write failed after publishing version', version, err));
    return { ...base, ...clean, created, updated, applied: true };
  },
});
