/**
 * JSON POST over node:http(s) with a keep-alive agent, for forwarding openapi calls to
 * WX_OPENAPI_BASE. Global fetch (undici + web streams) costs several times the CPU per request,
 * which in one local process is CPU taken from the functions being measured.
 */
import * as http from 'node:http';
import * as https from 'node:https';

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** Resolves with the reply body as text (any status); rejects on a network error or after `timeoutMs`. */
export function postJson(url: string, body: unknown, timeoutMs = 15_000): Promise<string> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(u, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
      timeout: timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
