/**
 * Cloud storage emulation. Files live in the same SQLite database as the documents (table
 * `_files`), so ':memory:' test setups work and a DATA_DIR is one self-contained file.
 * The gateway serves them at `/storage/<cloudPath>?t=<expiry>&sign=<hmac>` — only with a
 * signature from `getTempFileURL` that has not expired (`verifyTempFileUrl`), as WeChat's temp
 * links: a path alone opens nothing.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { Readable } from 'stream';
import { getLocalCloudConfig, getStore } from './context';
import { ErrCode, LocalCloudError, wrapApi } from './errors';
import type { StoredFile } from './store/store';

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  pdf: 'application/pdf', json: 'application/json', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8', mp3: 'audio/mpeg', mp4: 'video/mp4',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentTypeFor(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

function checkCloudPath(p: unknown): string {
  if (typeof p !== 'string' || !p || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..') || p.includes('\\')) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, `invalid cloudPath ${JSON.stringify(p)}`);
  }
  return p;
}

export function fileIdFor(cloudPath: string): string {
  return `cloud://${getLocalCloudConfig().envId}.local/${cloudPath}`;
}

/** `cloud://<env>.<bucket>/<cloudPath>` → cloudPath (any env/bucket prefix is accepted). */
export function cloudPathOf(fileID: unknown): string {
  const m = typeof fileID === 'string' ? /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID) : null;
  if (!m) throw new LocalCloudError(ErrCode.INVALID_PARAM, `invalid fileID ${JSON.stringify(fileID)}`);
  return checkCloudPath(m[1]);
}

export function publicBaseUrl(): string {
  const base = getLocalCloudConfig().publicUrl ?? process.env.LOCAL_CLOUD_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  return base.replace(/\/+$/, '');
}

/** Longest validity of a temp URL (seconds): 2 hours, WeChat's limit for temp file links. */
export const MAX_TEMP_URL_SECONDS = 7200;

function urlSignature(cloudPath: string, expiresAt: string): string {
  return createHmac('sha256', getStore().secret('temp-url')).update(`${cloudPath}\n${expiresAt}`).digest('hex');
}

/** A signed temp URL for one stored file, valid `maxAgeSeconds` from `now`. */
export function publicUrlFor(cloudPath: string, maxAgeSeconds = MAX_TEMP_URL_SECONDS, now = Date.now()): string {
  const t = String(Math.floor(now / 1000) + Math.min(Math.max(1, Math.floor(maxAgeSeconds)), MAX_TEMP_URL_SECONDS));
  return `${publicBaseUrl()}/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}?t=${t}&sign=${urlSignature(cloudPath, t)}`;
}

/** True when `t`/`sign` of a `/storage/` URL were issued for exactly this path and have not expired. */
export function verifyTempFileUrl(cloudPath: string, t: string, sign: string, now = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(sign)) return false;
  if (Number(t) * 1000 < now || Number(t) * 1000 > now + (MAX_TEMP_URL_SECONDS + 60) * 1000) return false;
  return timingSafeEqual(Buffer.from(urlSignature(cloudPath, t), 'hex'), Buffer.from(sign, 'hex'));
}

/** Stores a file a mini-program user uploaded (the gateway's /api/storage/upload), recording who. */
export function storeClientUpload(cloudPath: string, content: Buffer, ownerOpenid: string): string {
  const p = checkCloudPath(cloudPath);
  getStore().putFile(p, content, contentTypeFor(p), ownerOpenid);
  return fileIdFor(p);
}

/** Who uploaded a file from the client (undefined for function uploads or a missing file). */
export function fileOwnerOf(fileID: string): string | undefined {
  return getStore().getFile(cloudPathOf(fileID))?.owner;
}

/** For the gateway's `/storage/<cloudPath>` route. */
export function readStoredFile(cloudPath: string): StoredFile | undefined {
  return getStore().getFile(cloudPath);
}

async function toBuffer(content: unknown): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  if (content instanceof Uint8Array) return Buffer.from(content);
  if (typeof content === 'string') return Buffer.from(content);
  if (content && typeof (content as Readable)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of content as Readable) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
    return Buffer.concat(chunks);
  }
  throw new LocalCloudError(ErrCode.INVALID_PARAM, 'fileContent must be a Buffer or a readable stream');
}

export function uploadFile(param: { cloudPath: string; fileContent: Buffer | Readable }): Promise<{ fileID: string; statusCode: number; errMsg: string }> {
  return wrapApi('uploadFile', async () => {
    const cloudPath = checkCloudPath(param?.cloudPath);
    const content = await toBuffer(param.fileContent);
    getStore().putFile(cloudPath, content, contentTypeFor(cloudPath));
    return { fileID: fileIdFor(cloudPath), statusCode: 200, errMsg: 'uploadFile:ok' };
  });
}

export interface TempUrlItem {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  status: number;
  errMsg: string;
}

export function getTempFileURL(param: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: TempUrlItem[]; errMsg: string }> {
  return wrapApi('getTempFileURL', async () => {
    if (!Array.isArray(param?.fileList)) throw new LocalCloudError(ErrCode.INVALID_PARAM, 'fileList must be an array');
    const store = getStore();
    const fileList = param.fileList.map((item): TempUrlItem => {
      const fileID = typeof item === 'string' ? item : item?.fileID;
      const asked = (typeof item === 'object' && item?.maxAge) || MAX_TEMP_URL_SECONDS;
      const maxAge = Math.min(Math.max(1, Math.floor(asked)), MAX_TEMP_URL_SECONDS);
      let cloudPath: string;
      try {
        cloudPath = cloudPathOf(fileID);
      } catch {
        return { fileID, tempFileURL: '', maxAge, status: -1, errMsg: 'INVALID_PARAM' };
      }
      if (!store.hasFile(cloudPath)) return { fileID, tempFileURL: '', maxAge, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' };
      return { fileID, tempFileURL: publicUrlFor(cloudPath, maxAge), maxAge, status: 0, errMsg: 'ok' };
    });
    return { fileList, errMsg: 'getTempFileURL:ok' };
  });
}

export function downloadFile(param: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number; errMsg: string }> {
  return wrapApi('downloadFile', async () => {
    const cloudPath = cloudPathOf(param?.fileID);
    const f = getStore().getFile(cloudPath);
    if (!f) throw new LocalCloudError(ErrCode.STORAGE_FILE_NONEXIST, `file ${param.fileID} does not exist`);
    return { fileContent: Buffer.from(f.content), statusCode: 200, errMsg: 'downloadFile:ok' };
  });
}

export function deleteFile(param: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg: string }[]; errMsg: string }> {
  return wrapApi('deleteFile', async () => {
    if (!Array.isArray(param?.fileList)) throw new LocalCloudError(ErrCode.INVALID_PARAM, 'fileList must be an array');
    const store = getStore();
    const fileList = param.fileList.map((fileID) => {
      let cloudPath: string;
      try {
        cloudPath = cloudPathOf(fileID);
      } catch {
        return { fileID, status: -1, errMsg: 'INVALID_PARAM' };
      }
      return store.deleteFile(cloudPath) ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' };
    });
    return { fileList, errMsg: 'deleteFile:ok' };
  });
}
