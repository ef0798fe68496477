/**
 * Preview exposure: a gateway that trusts x-local-openid listens on loopback only and answers only
 * requests addressed to localhost / 127.0.0.1 / [::1] (DNS-rebinding defence), on every route.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { isAllowedHostHeader, isLoopbackHost } from '../../local-cloud/gateway/host-check';
import { request } from './http-client';

const FIXTURES = path.join(__dirname, 'fixtures');

describe('Host header check (local mode)', () => {
  let gw: Gateway;
  let root: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-exposure-'));
    gw = await startGateway({
      port: 0,
      dataDir: path.join(root, 'data'),
      staticDir: path.join(FIXTURES, 'static'),
      functionsDir: path.join(FIXTURES, 'cloudfunctions'),
      adminOpenids: ['local-admin'],
      localMode: true,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const routes: [string, string][] = [
    ['POST', '/api/functions/echo'],
    ['GET', '/api/local/identities'],
    ['GET', '/api/local/inbox?openid=local-admin'],
    ['POST', '/api/triggers/echo/tick'],
    ['GET', '/'],
    ['GET', '/storage/a/b.txt'],
  ];

  it.each(['evil.example', 'evil.example:80', 'localhost.evil.example', 'localhost.', '127.0.0.1.nip.io', '10.0.0.8:8787', '127.0.0.2'])(
    'refuses Host %s with 403 FORBIDDEN on every route',
    async (host) => {
      for (const [method, p] of routes) {
        const r = await request(gw.url, p, { method, headers: { Host: host, 'x-local-openid': 'local-admin' }, body: method === 'POST' ? '{}' : undefined });
        expect([p, r.status]).toEqual([p, 403]);
        expect(r.json.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        expect(r.json.result.message).toMatch(/localhost/);
      }
    },
  );

  it.each(['localhost', 'LOCALHOST:8787', '127.0.0.1', '127.0.0.1:1', '[::1]', '[::1]:8787'])('accepts Host %s', async (host) => {
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', headers: { Host: host, 'x-local-openid': 'local-admin' }, body: '{}' });
    expect(r.status).toBe(200);
    expect(r.json.result.data.openid).toBe('local-admin');
  });

  it('the admin action a rebinding page would try never runs', async () => {
    const r = await request(gw.url, '/api/functions/echo', {
      method: 'POST', headers: { Host: 'attacker.example:8787', 'x-local-openid': 'local-admin' }, body: JSON.stringify({ notify: true }),
    });
    expect(r.status).toBe(403);
    const inbox = await request(gw.url, '/api/local/inbox?openid=local-admin');
    expect(inbox.json).toEqual([]);
  });
});

describe('binding while trusting x-local-openid', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20'])('refuses to listen on %s with a clear Chinese error', async (host) => {
    await expect(startGateway({ port: 0, host, localMode: true, functionsDir: path.join(FIXTURES, 'cloudfunctions'), dataDir: path.join(os.tmpdir(), 'gw-bind-never-created') }))
      .rejects.toThrow(/只能监听本机地址.*不能监听/);
  });

  it('knows the loopback names', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.53']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.1.2.3', 'example.com']) expect(isLoopbackHost(h)).toBe(false);
    expect(isAllowedHostHeader(undefined)).toBe(false);
    expect(isAllowedHostHeader(['localhost'])).toBe(false);
  });
});
