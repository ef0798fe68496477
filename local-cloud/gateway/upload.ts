/**
 * `POST /api/storage/upload` — what `Taro.cloud.uploadFile` does in WeChat, for the H5 preview.
 * multipart/form-data with fields `cloudPath` and `file`; answers `{ fileID }`.
 *
 * It enforces the storage security rule we deploy (docs: 云存储安全规则):
 *   write: only to `uploads/<caller's openid>/<name>`; read: via temp URLs / functions.
 * The caller comes from `x-local-openid` (local mode only; 401 without). Files are capped at
 * 10 MB: reading stops at the limit (busboy `fileSize`) and the request is answered 413.
 * The uploader's openid is stored with the file so functions and tests can check ownership.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { fail, refuseAndClose, sendJson, sendResult } from './http-util';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the multipart envelope and the cloudPath field on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const SAFE_SEGMENT = /^[^\u0000-\u001f\u007f/\\:*?"<>|]{1,100}$/;

/** `uploads/<openid>/<name...>` where every segment of the name is safe (no `..`, no empty, no control chars). */
export function uploadPathProblem(cloudPath: string, openid: string): string | null {
  if (cloudPath.length > 300) return '文件路径过长';
  if (cloudPath.startsWith('/') || cloudPath.includes('\\')) return '文件路径不能以 / 开头或包含 \\';
  const segs = cloudPath.split('/');
  if (segs[0] !== 'uploads' || segs[1] !== openid || segs.length < 3) return `只能上传到 uploads/${openid}/ 下`;
  for (const seg of segs.slice(2)) {
    if (seg === '.' || seg === '..' || !SAFE_SEGMENT.test(seg) || seg.trim() !== seg) return '文件名不合法';
  }
  return null;
}

export function userUploadPrefix(openid: string): string {
  return `uploads/${openid}/`;
}

/** Most we discard after refusing before dropping the connection. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Answers while the client is still sending. Closing a socket with unread data resets the
 * connection, and a reset can destroy the reply before the client reads it. So parsing stops
 * (nothing more is buffered), the rest of the body is read and discarded, and the connection is
 * dropped only if the client goes on past MAX_DISCARD_BYTES or 10 s.
 */
function refuseMidBody(req: IncomingMessage, res: ServerResponse, status: number, result: unknown): void {
  let discarded = 0;
  const drop = (): void => {
    req.off('data', count);
    req.socket.destroy();
  };
  const count = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) drop();
  };
  req.on('data', count);
  req.resume();
  const timer = setTimeout(drop, 10_000);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  sendResult(res, status, result);
}

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  openid: string,
  store: (cloudPath: string, content: Buffer, owner: string) => string,
): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) {
    req.pause();
    return refuseAndClose(req, res, 413, fail('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB'));
  }
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, limits: { files: 1, fields: 4, fieldSize: 1024, fileSize: MAX_UPLOAD_BYTES + 1, parts: 6 } });
  } catch {
    req.resume();
    return sendResult(res, 400, fail('INVALID_INPUT', '请以 multipart/form-data 上传，字段为 cloudPath 与 file'));
  }

  type Outcome = { kind: 'done'; cloudPath?: string; file?: Buffer } | { kind: 'too-large' } | { kind: 'bad'; message: string };
  const outcome = await new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (o: Outcome): void => {
      if (settled) return;
      settled = true;
      if (o.kind !== 'done') {
        // Stop parsing; what the client still sends is discarded, never buffered (refuseMidBody).
        req.unpipe(bb);
      }
      resolve(o);
    };
    let cloudPath: string | undefined;
    let file: Buffer | undefined;
    bb.on('field', (name, value, info) => {
      if (name === 'cloudPath') cloudPath = info.valueTruncated ? '\u0000' : value;
    });
    bb.on('file', (name, stream) => {
      if (name !== 'file') return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      // busboy stops at fileSize (limit + 1 byte): so exactly 10 MB passes and one byte more does not.
      stream.on('limit', () => {
        chunks.length = 0;
        finish({ kind: 'too-large' });
      });
      stream.on('close', () => {
        if (!(stream as unknown as { truncated?: boolean }).truncated) file = Buffer.concat(chunks);
      });
    });
    bb.on('filesLimit', () => finish({ kind: 'bad', message: '一次只能上传一个文件' }));
    bb.on('error', () => finish({ kind: 'bad', message: '上传内容格式不正确' }));
    bb.on('close', () => finish({ kind: 'done', cloudPath, file }));
    req.on('aborted', () => finish({ kind: 'bad', message: '上传被中断' }));
    req.pipe(bb);
  });

  if (outcome.kind === 'too-large') return refuseMidBody(req, res, 413, fail('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB'));
  if (outcome.kind === 'bad') return refuseMidBody(req, res, 400, fail('INVALID_INPUT', outcome.message));
  if (typeof outcome.cloudPath !== 'string' || outcome.cloudPath === '') {
    return sendResult(res, 400, fail('INVALID_INPUT', '缺少 cloudPath'));
  }
  if (!outcome.file) return sendResult(res, 400, fail('INVALID_INPUT', '缺少文件（字段名 file）'));
  const problem = uploadPathProblem(outcome.cloudPath, openid);
  if (problem) return sendResult(res, 403, fail('FORBIDDEN', problem));
  const fileID = store(outcome.cloudPath, outcome.file, openid);
  sendJson(res, 200, { fileID });
}
