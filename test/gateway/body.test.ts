import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES, readBody } from '../../local-cloud/gateway/http-util';

/** A fake request streaming `total` bytes in 64 KB chunks and counting what was pulled. */
function fakeRequest(total: number, headers: Record<string, string> = {}): { req: IncomingMessage; pulled: () => number } {
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      const n = Math.min(64 * 1024, total - produced);
      produced += n;
      this.push(Buffer.alloc(n, 0x61));
    },
  });
  Object.assign(stream, { headers });
  return { req: stream as unknown as IncomingMessage, pulled: () => produced };
}

describe('readBody', () => {
  it('returns the body under the limit', async () => {
    const { req } = fakeRequest(1000);
    const out = await readBody(req);
    expect(out.kind).toBe('ok');
    expect(out.kind === 'ok' && out.body.length).toBe(1000);
  });

  it('refuses a declared Content-Length over 5 MB without reading a byte', async () => {
    const { req, pulled } = fakeRequest(10 * 1024 * 1024, { 'content-length': String(10 * 1024 * 1024) });
    expect(await readBody(req)).toEqual({ kind: 'too-large' });
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled()).toBe(0);
  });

  it('stops reading an undeclared body soon after it crosses 5 MB', async () => {
    const { req, pulled } = fakeRequest(10 * 1024 * 1024);
    expect(await readBody(req)).toEqual({ kind: 'too-large' });
    await new Promise((r) => setTimeout(r, 50));
    // Only the stream's read-ahead (a chunk or two) past the limit may have been pulled.
    expect(pulled()).toBeLessThan(MAX_BODY_BYTES + 256 * 1024);
  });
});
