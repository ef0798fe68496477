/**
 * Materials a caller attaches: each fileID must be the caller's own upload
 * (`uploads/<openid>/…`) or their own sealed evidence, exist, be at most 10 MB and — by its
 * content, not its name — be an image (JPEG, PNG, WebP, HEIC) or a PDF. Checked before anything
 * is written.
 *
 * Sealing: the checked bytes are copied to `evidence/<owner key>/<sha256>.<ext>`, a path only
 * functions can write (storage rules, docs/deploy-console.md). The application keeps that copy
 * with its hash, so overwriting or deleting the citizen's upload later changes nothing staff see.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/envelope';
import { getCloud } from '../shared/cloud';
import { EVIDENCE_DIR, RESULTS_DIR, UPLOADS_DIR } from '../shared/storage-paths';
import { MAX_FILE_BYTES, sniff, type SniffedType } from '../../core/affairs/file-type';

export function cloudPathOfFileId(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  if (!m) return null;
  const p = m[1];
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..') || p.includes('\\')) return null;
  return p;
}

/** Only a path under the caller's own upload folder counts as theirs. */
export function isOwnUpload(fileID: string, openid: string): boolean {
  const p = cloudPathOfFileId(fileID);
  return !!p && !!openid && p.startsWith(`${UPLOADS_DIR}${openid}/`);
}

/** The caller's sealed-evidence folder; keyed by a digest so paths never carry an openid. */
export function evidenceFolder(openid: string): string {
  return `${EVIDENCE_DIR}${createHash('sha256').update(`evidence\u0000${openid}`).digest('hex').slice(0, 24)}/`;
}

/** The caller's own upload, or evidence sealed from one of their earlier uploads (我的材料). */
export function isOwnFile(fileID: string, openid: string): boolean {
  const p = cloudPathOfFileId(fileID);
  return !!openid && !!p && (isOwnUpload(fileID, openid) || p.startsWith(evidenceFolder(openid)));
}

export interface InspectedFile {
  fileID: string;
  mime: SniffedType;
  size: number;
  sha256: string;
  /** Only from inspectFile (not kept in sealFiles' map). */
  content?: Buffer;
}

const EXT: Record<SniffedType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'application/pdf': 'pdf' };

export const resultPath = (applicationId: string, ext: string, now = Date.now()) => `${RESULTS_DIR}${applicationId}/result-${now}.${ext}`;

/**
 * Copies a staff member's uploaded result document to `results/<applicationId>/…`, so the
 * citizen's link never carries a staff openid and outlives the staff member's upload folder.
 */
export async function storeResultFile(file: InspectedFile, applicationId: string): Promise<string> {
  const cloudPath = resultPath(applicationId, EXT[file.mime]);
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: file.content! })) as { fileID: string };
  return res.fileID;
}

export async function inspectFile(fileID: string, openid: string, label: string, owns = isOwnUpload): Promise<InspectedFile> {
  if (!owns(fileID, openid)) throw new DomainError('FORBIDDEN', `${label}：只能使用本人上传的文件`);
  let content: Buffer;
  try {
    const res = (await getCloud().downloadFile({ fileID })) as { fileContent: Buffer };
    content = Buffer.isBuffer(res.fileContent) ? res.fileContent : Buffer.from(res.fileContent as ArrayBuffer);
  } catch {
    throw new DomainError('INVALID_INPUT', `${label}：文件不存在或已过期，请重新上传`);
  }
  if (content.length > MAX_FILE_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `${label}：文件超过10MB，请压缩后重新上传`);
  if (content.length === 0) throw new DomainError('INVALID_INPUT', `${label}：文件为空，请重新上传`);
  const mime = sniff(content);
  if (!mime) throw new DomainError('INVALID_INPUT', `${label}：文件内容不是图片（JPG、PNG、WebP、HEIC）或PDF，请重新上传`);
  return { fileID, mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
}

/** A checked file's sealed copy: `fileID` is the evidence path, never the citizen's upload. */
export type SealedFile = Omit<InspectedFile, 'content'>;

/**
 * Copies the checked bytes (not whatever the upload holds later) to the caller's evidence folder.
 * Content-addressed, so sealing the same bytes twice (a retry, 我的材料) lands on the same file.
 */
async function seal(file: InspectedFile, openid: string): Promise<SealedFile> {
  const cloudPath = `${evidenceFolder(openid)}${file.sha256}.${EXT[file.mime]}`;
  if (cloudPathOfFileId(file.fileID) === cloudPath) return { fileID: file.fileID, mime: file.mime, size: file.size, sha256: file.sha256 };
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: file.content! })) as { fileID: string };
  return { fileID: res.fileID, mime: file.mime, size: file.size, sha256: file.sha256 };
}

/** Inspects and seals several files (distinct fileIDs once each), a few at a time; keyed by the fileID given. */
export async function sealFiles(items: { fileID: string; label: string }[], openid: string, cache?: Map<string, SealedFile>): Promise<Map<string, SealedFile>> {
  const out = cache ?? new Map<string, SealedFile>();
  const unique = [...new Map(items.map((i) => [i.fileID, i])).values()].filter((i) => !out.has(i.fileID));
  for (let i = 0; i < unique.length; i += 4) {
    const batch = await Promise.all(unique.slice(i, i + 4).map(async (x) => [x.fileID, await seal(await inspectFile(x.fileID, openid, x.label, isOwnFile), openid)] as const));
    batch.forEach(([given, sealed]) => out.set(given, sealed));
  }
  return out;
}

export { tempUrls } from '../shared/temp-urls';
