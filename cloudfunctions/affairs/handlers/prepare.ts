/** Turns a checked submission into the stored parts of an application (validated, sealed, masked). */
import { DomainError } from '../../../core/envelope';
import { maskFormValue } from '../../../core/mask';
import { describeFieldErrors, PII_FIELD_TYPES, validateForm, type FormField, type FormValue } from '../../../core/matter/form';
import type { Matter } from '../../../core/matter/schema';
import type { AttachedMaterial, MaterialDef } from '../../../core/affairs/model';
import type { EncryptedValue } from '../../../core/crypto/pii-types';
import type { MaterialRef } from '../../../core/api';
import { sealFiles, type SealedFile } from '../files';
import { pii } from '../repo';

export const MAX_FILES_PER_MATERIAL = 5;

export function assertOnline(matter: Matter | null): Matter {
  if (!matter || matter.status === '取消') throw new DomainError('NOT_FOUND', '未找到该事项，可能已调整或取消');
  if (matter.status !== '在用' || matter.channels.onlineDepth < 3) {
    throw new DomainError('INVALID_INPUT', `“${matter.name}”暂不支持在线申办，请按办事指南到窗口办理`);
  }
  return matter;
}

export function materialDefsOf(matter: Matter): MaterialDef[] {
  return matter.materials.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity }));
}

export interface SealedForm {
  form: Record<string, FormValue>;
  pii: Record<string, EncryptedValue>;
  idHashes: string[];
  applicantName?: string;
}

export function sealForm(fields: FormField[], values: Record<string, FormValue>): SealedForm {
  const cipher = pii();
  const form: Record<string, FormValue> = {};
  const sealed: Record<string, EncryptedValue> = {};
  const idHashes: string[] = [];
  // The declared applicant field, else the first 姓名 field.
  const named = fields.find((f) => f.applicant && typeof values[f.key] === 'string');
  let applicantName = named ? (values[named.key] as string) : undefined;
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    if (PII_FIELD_TYPES.includes(f.type) && typeof v === 'string') {
      sealed[f.key] = cipher.seal(v);
      form[f.key] = maskFormValue(f.type, v);
      if (f.type === 'idNumber') idHashes.push(sealed[f.key].h);
    } else {
      form[f.key] = v;
      if (!applicantName && f.type === 'text' && typeof v === 'string' && /姓名/.test(f.label)) applicantName = v;
    }
  }
  return { form, pii: sealed, idHashes, ...(applicantName ? { applicantName } : {}) };
}

export function checkForm(fields: FormField[], values: Record<string, unknown>, today: string, only?: string[]) {
  const r = validateForm({ fields }, values, today, only);
  if (r.errors.length) throw new DomainError('INVALID_INPUT', `表单填写有误：${describeFieldErrors(r.errors)}`, r.errors);
  return r.values;
}

/**
 * Checks attached files against the material list: known materials only, every 必要 material
 * present (容缺 may wait; `only` restricts to a 补正's named materials and requires each),
 * each file the caller's own image/PDF ≤ 10 MB. Attached files are the sealed copies (files.ts).
 */
export async function checkMaterials(defs: MaterialDef[], refs: MaterialRef[], openid: string, only?: string[], cache?: Map<string, SealedFile>): Promise<{ attached: AttachedMaterial[]; deferred: string[] }> {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const counts = new Map<string, number>();
  for (const [i, r] of refs.entries()) {
    const def = byId.get(r.materialId);
    if (!def) throw new DomainError('INVALID_INPUT', `申请材料第${i + 1}项不是本事项要求的材料`);
    if (only && !only.includes(r.materialId)) throw new DomainError('INVALID_INPUT', `“${def.name}”不在要求补正的材料之内`);
    counts.set(r.materialId, (counts.get(r.materialId) ?? 0) + 1);
    if (counts.get(r.materialId)! > MAX_FILES_PER_MATERIAL) throw new DomainError('INVALID_INPUT', `“${def.name}”最多上传${MAX_FILES_PER_MATERIAL}个文件`);
  }
  const wanted = only ? defs.filter((d) => only.includes(d.id)) : defs.filter((d) => d.necessity === '必要');
  const missing = wanted.filter((d) => !counts.has(d.id));
  if (missing.length) {
    throw new DomainError('INVALID_INPUT', `${only ? '请重新上传要求补正的材料' : '请上传必要材料'}：${missing.map((d) => d.name).join('、')}`);
  }
  const files = await sealFiles(refs.map((r) => ({ fileID: r.fileID, label: byId.get(r.materialId)!.name })), openid, cache);
  const attached = refs.map((r) => {
    const f = files.get(r.fileID)!;
    return { materialId: r.materialId, name: byId.get(r.materialId)!.name, fileID: f.fileID, sha256: f.sha256, mime: f.mime, size: f.size };
  });
  const deferred = only ? [] : defs.filter((d) => d.necessity === '容缺' && !counts.has(d.id)).map((d) => d.id);
  return { attached, deferred };
}
