/**
 * 云开发 HTTP 访问服务 emulation: ANY /http/<fn>/<rest> → the integration event in, the integration
 * response out; no identity header needed or honoured; 5 s limit; Host check kept.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { request } from './http-client';

describe('HTTP access service', () => {
  let gw: Gateway;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-http-'));
    gw = await startGateway({
      port: 0, dataDir: path.join(root, 'data'), staticDir: root,
      functionsDir: path.join(__dirname, 'fixtures', 'http-functions'), localMode: true, log: () => undefined,
    });
  });
  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes the integration event: path, method, headers, query, text body', async () => {
    const xml = '<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Content><![CDATA[你好]]></Content></xml>';
    const r = await request(gw.url, '/http/hook/callback?signature=abc&timestamp=1&echostr=%E4%BD%A0', {
      method: 'POST', headers: { 'Content-Type': 'text/xml', 'X-Custom': 'v' }, body: xml,
    });
    expect(r.status).toBe(200);
    const { event, wx, limit } = r.json;
    expect(event).toEqual({
      path: '/http/hook/callback',
      httpMethod: 'POST',
      headers: expect.objectContaining({ 'content-type': 'text/xml', 'x-custom': 'v' }),
      queryStringParameters: { signature: 'abc', timestamp: '1', echostr: '你' },
      body: xml,
      isBase64Encoded: false,
    });
    expect(wx.SOURCE).toBe('wx_http');
    expect(wx.OPENID).toBeUndefined();
    expect(limit).toBe(5000);
  });

  it('needs no x-local-openid, and never honours one', async () => {
    const r = await request(gw.url, '/http/hook', { headers: { 'x-local-openid': 'local-admin' } });
    expect(r.status).toBe(200);
    expect(r.json.event.httpMethod).toBe('GET');
    expect(r.json.event.body).toBe('');
    expect(r.json.wx.OPENID).toBeUndefined();
  });

  it('base64-encodes a binary body', async () => {
    const bin = Buffer.from([0, 1, 2, 250, 255]);
    const r = await request(gw.url, '/http/hook/up', { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: bin });
    expect(r.json.event).toMatchObject({ httpMethod: 'PUT', isBase64Encoded: true, body: bin.toString('base64') });
  });

  it('relays statusCode, headers and a base64 body; a non-integration result is JSON with 200', async () => {
    const png = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const { hostname, port } = new URL(gw.url);
      require('node:http').get({ hostname, port, path: '/http/hook?png=1' }, (res: import('node:http').IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(png.status).toBe(201);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['x-extra']).toBe('yes');
    expect([...png.body]).toEqual([137, 80, 78, 71]);
    const plain = await request(gw.url, '/http/hook?plain=1');
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({ hello: '世界' });
  });

  it('times out at 5 s even when config.json allows more', async () => {
    const started = Date.now();
    const r = await request(gw.url, '/http/hook?sleep=5600');
    expect(r.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(5500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
  }, 15_000);

  it('404 for an unknown function; the Host check still applies', async () => {
    expect((await request(gw.url, '/http/nope/x')).status).toBe(404);
    const r = await request(gw.url, '/http/hook', { headers: { Host: 'evil.example' } });
    expect(r.status).toBe(403);
    expect(r.json.result.code).toBe('FORBIDDEN');
  });
});
