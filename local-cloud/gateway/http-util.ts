/** Small helpers over node:http so the route files read as policy, not plumbing. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The envelope failure shape every function returns, so the client handles both alike. */
export interface FailResult {
  ok: false;
  code: string;
  message: string;
}

export function fail(code: string, message: string): FailResult {
  return { ok: false, code, message };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Replies the way callFunction results travel: `{ result }`. */
export function sendResult(res: ServerResponse, status: number, result: unknown, headers?: Record<string, string>): void {
  sendJson(res, status, { result: result === undefined ? null : result }, headers);
}

export type BodyOutcome = { kind: 'ok'; body: Buffer } | { kind: 'too-large' };

/**
 * Reads at most `limit` bytes. A declared Content-Length over the limit is refused before
 * reading anything; a chunked body is counted as it streams and reading stops (the stream is
 * paused, nothing more is buffered) the moment it crosses the limit.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ kind: 'ok', body: Buffer.concat(chunks) });
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    // A client that hangs up mid-body ends with 'close' and neither 'end' nor always 'error'.
    const onClose = (): void => {
      cleanup();
      reject(new Error('客户端在请求体发送完之前断开了连接'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Answers a request whose body we refused to read. The response goes out with
 * `Connection: close`; the socket is dropped shortly after so the client has time to read
 * the reply instead of seeing a reset mid-upload.
 */
export function refuseAndClose(req: IncomingMessage, res: ServerResponse, status: number, result: unknown): void {
  sendResult(res, status, result, { Connection: 'close' });
  res.on('finish', () => {
    setTimeout(() => req.socket.destroy(), 200).unref();
  });
}
