/** Minimal node:http client for gateway tests: raw paths (no URL normalisation) and big bodies. */
import * as http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Stream the body in chunks without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

export function request(baseUrl: string, rawPath: string, options: RequestOptions = {}): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let settled = false;
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (body && !options.chunked) headers['Content-Length'] = body.length;
    const req = http.request({ hostname, port, path: rawPath, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        settled = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', (err) => !settled && reject(err));
    });
    // The gateway may hang up mid-upload after answering (413): that is the point, not an error.
    req.on('error', (err) => !settled && setTimeout(() => !settled && reject(err), 500));
    if (!body) return void req.end();
    if (!options.chunked) return void req.end(body);
    const CHUNK = 64 * 1024;
    let offset = 0;
    const pump = (): void => {
      while (offset < body.length) {
        const slice = body.subarray(offset, offset + CHUNK);
        offset += CHUNK;
        if (!req.write(slice)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

export const postJson = (baseUrl: string, fn: string, data: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  request(baseUrl, `/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(data),
  });
