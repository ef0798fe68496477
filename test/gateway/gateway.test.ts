import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { grantSubscription } from '../../local-cloud';
import { postJson, request } from './http-client';

const FIXTURES = path.join(__dirname, 'fixtures');
const FUNCTIONS_DIR = path.join(FIXTURES, 'cloudfunctions');

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gateway-${label}-`));
}

describe('gateway in local mode', () => {
  let gw: Gateway;
  let root: string;
  const logs: string[] = [];

  beforeAll(async () => {
    root = tempDir('local');
    // The static root sits inside `root` next to a secret the traversal tests try to reach.
    const staticDir = path.join(root, 'site');
    fs.cpSync(path.join(FIXTURES, 'static'), staticDir, { recursive: true });
    fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
    gw = await startGateway({
      port: 0,
      dataDir: path.join(root, 'data'),
      staticDir,
      functionsDir: FUNCTIONS_DIR,
      adminOpenids: ['local-admin', 'second-admin'],
      localMode: true,
      log: (line) => logs.push(line),
    });
  });

  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('loads the fixture function with its timer trigger', () => {
    expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.functions.map((f) => f.name)).toEqual(['echo']);
    expect(gw.functions[0]?.timeoutMs).toBe(1000);
  });

  it('takes OPENID from x-local-openid and runs the bundled code (shared + @core)', async () => {
    const r = await postJson(gw.url, 'echo', { action: 'ping', n: 1 }, { 'x-local-openid': 'local-citizen' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.json.result.ok).toBe(true);
    expect(r.json.result.data.openid).toBe('local-citizen');
    expect(r.json.result.data.greeting).toBe('你好，local-citizen');
    expect(r.json.result.data.source).toBe('wx_client');
    expect(r.json.result.data.event).toMatchObject({ action: 'ping', n: 1 });
  });

  it('calls without the header anonymously', async () => {
    const r = await postJson(gw.url, 'echo', { action: 'ping' });
    expect(r.status).toBe(200);
    expect(r.json.result.data.openid).toBeNull();
    expect(r.json.result.data.greeting).toBe('你好，访客');
    expect(r.json.result.data.source).toBe('wx_unknown');
  });

  it('treats an empty body as empty data', async () => {
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json.result.ok).toBe(true);
  });

  it('passes ADMIN_OPENIDS to functions as an environment variable', async () => {
    const r = await postJson(gw.url, 'echo', {});
    expect(r.json.result.data.admins).toBe('local-admin,second-admin');
  });

  it('answers a 10 000-level body with INVALID_INPUT, never INTERNAL or a stack overflow', async () => {
    const body = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', body, headers: { 'x-local-openid': 'local-citizen' } });
    expect(r.status).toBe(400);
    expect(r.json.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(r.json.result.message).toMatch(/嵌套过深/);
    const fine = await request(gw.url, '/api/functions/echo', { method: 'POST', body: `${'{"a":'.repeat(60)}1${'}'.repeat(60)}` });
    expect(fine.status).toBe(200);
  });

  it('rejects a malformed identity header', async () => {
    const r = await postJson(gw.url, 'echo', {}, { 'x-local-openid': 'bad id!' });
    expect(r.status).toBe(400);
    expect(r.json.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('answers 404 UNKNOWN_FUNCTION for an unknown function', async () => {
    const r = await postJson(gw.url, 'nope', {});
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ result: { ok: false, code: 'UNKNOWN_FUNCTION', message: '云函数不存在' } });
  });

  it('answers 400 INVALID_INPUT for malformed JSON', async () => {
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', body: '{"action": ', headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ result: { ok: false, code: 'INVALID_INPUT', message: '请求体不是合法的 JSON' } });
  });

  it('rejects JSON that is not an object', async () => {
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', body: '[1,2]' });
    expect(r.status).toBe(400);
    expect(r.json.result.code).toBe('INVALID_INPUT');
  });

  const WECHAT_REFUSAL = { errCode: -1, errMsg: 'cloud.callFunction:fail data exceed max size' };

  it('refuses a 10 MB body as WeChat refuses oversized callFunction data (declared length)', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', body });
    expect(r.status).toBe(413);
    expect(r.json).toEqual(WECHAT_REFUSAL);
  });

  it('refuses a chunked 10 MB body once it passes the read limit', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 0x62);
    const r = await request(gw.url, '/api/functions/echo', { method: 'POST', body, chunked: true });
    expect(r.status).toBe(413);
    expect(r.json).toEqual(WECHAT_REFUSAL);
  });

  it('accepts data whose JSON is exactly 100 KB and refuses one byte more, counting UTF-8 bytes', async () => {
    const shell = Buffer.byteLength(JSON.stringify({ s: '' }));
    const fits = await postJson(gw.url, 'echo', { s: 'a'.repeat(100 * 1024 - shell) });
    expect(fits.status).toBe(200);
    const over = await postJson(gw.url, 'echo', { s: 'a'.repeat(100 * 1024 - shell + 1) });
    expect(over.status).toBe(413);
    expect(over.json).toEqual(WECHAT_REFUSAL);
    // 40 000 Chinese characters are 120 000 bytes of UTF-8: over, though fewer than 100 K characters.
    const chinese = await postJson(gw.url, 'echo', { s: '办'.repeat(40_000) });
    expect(chinese.json).toEqual(WECHAT_REFUSAL);
    // Whitespace in the body is not data: 200 KB of body around a small object still fits.
    const padded = await request(gw.url, '/api/functions/echo', { method: 'POST', body: `{"s":"x"}${' '.repeat(200 * 1024)}` });
    expect(padded.status).toBe(200);
  });

  it('still serves requests after refusing a large body', async () => {
    const r = await postJson(gw.url, 'echo', { after: 'large' });
    expect(r.status).toBe(200);
  });

  it('accepts a body just under WeChat’s 100 KB data cap', async () => {
    const filler = 'x'.repeat(100 * 1024 - 100);
    const r = await postJson(gw.url, 'echo', { filler });
    expect(r.status).toBe(200);
    expect(r.json.result.data.event.filler).toHaveLength(filler.length);
  });

  it('times out after config.json timeout (1 s here) with INTERNAL 云函数执行超时', async () => {
    const started = Date.now();
    const r = await postJson(gw.url, 'echo', { sleepMs: 1600 });
    const took = Date.now() - started;
    expect(r.status).toBe(504);
    expect(r.json).toEqual({ result: { ok: false, code: 'INTERNAL', message: '云函数执行超时' } });
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(1500);
    expect(logs.some((l) => l.includes('echo 执行超时'))).toBe(true);
  });

  it('turns a thrown error into INTERNAL and logs it server-side', async () => {
    const r = await postJson(gw.url, 'echo', { fail: true });
    expect(r.status).toBe(500);
    expect(r.json.result).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(r.json)).not.toContain('fixture failure');
    expect(logs.some((l) => l.includes('fixture failure on purpose'))).toBe(true);
  });

  it('fires a timer trigger on demand with the WeChat timer event and no OPENID', async () => {
    const r = await request(gw.url, '/api/triggers/echo/tick', { method: 'POST', headers: { 'x-local-openid': 'local-admin' } });
    expect(r.status).toBe(200);
    const data = r.json.result.data;
    expect(data.openid).toBeNull();
    expect(data.source).toBe('wx_trigger');
    expect(data.event).toMatchObject({ Type: 'Timer', TriggerName: 'tick' });
    expect(data.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('404s an unknown trigger', async () => {
    const r = await request(gw.url, '/api/triggers/echo/nope', { method: 'POST' });
    expect(r.status).toBe(404);
    expect(r.json.result.ok).toBe(false);
  });

  it('lists the preview identities', async () => {
    const r = await request(gw.url, '/api/local/identities');
    expect(r.status).toBe(200);
    expect(r.json.map((i: { openid: string; label: string }) => [i.openid, i.label])).toEqual([
      ['local-citizen', '市民（张*）'],
      ['local-citizen-2', '市民（李*）'],
      ['local-staff-psb', '工作人员（公安局）'],
      ['local-staff-hrss', '工作人员（人社局）'],
      ['local-staff-hall', '大厅工作人员（政务服务中心）'],
      ['local-agent', '咨询坐席（12345）'],
      ['local-admin', '管理员'],
      ['local-admin-2', '管理员（审批）'],
    ]);
    for (const i of r.json) {
      expect(Object.keys(i).sort()).toEqual(['description', 'label', 'name', 'openid']);
      expect(i.description).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('shows subscription messages in the recipient’s inbox only', async () => {
    grantSubscription('local-staff-psb', 'fixture-template', 'accept'); // one-time quota, as the dialog would give
    const sent = await postJson(gw.url, 'echo', { notify: true }, { 'x-local-openid': 'local-staff-psb' });
    expect(sent.json.result.ok).toBe(true);
    const inbox = await request(gw.url, '/api/local/inbox?openid=local-staff-psb');
    expect(inbox.status).toBe(200);
    expect(Array.isArray(inbox.json)).toBe(true);
    expect(inbox.json).toHaveLength(1);
    expect(inbox.json[0]).toMatchObject({ touser: 'local-staff-psb' });
    expect(String(inbox.json[0].api)).toMatch(/subscribeMessage/);
    expect(JSON.stringify(inbox.json[0].payload)).toContain('办件已受理');
    const other = await request(gw.url, '/api/local/inbox?openid=local-citizen');
    expect(other.json).toEqual([]);
    const missing = await request(gw.url, '/api/local/inbox');
    expect(missing.status).toBe(400);
  });

  it('serves the H5 build with content types and index.html at /', async () => {
    const home = await request(gw.url, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.text).toContain('示例市智慧政务');
    const js = await request(gw.url, '/js/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await request(gw.url, '/css/app.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await request(gw.url, '/js/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await request(gw.url, '/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/js/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00secret.txt',
    '/%E0%A4%A',
    '//secret.txt',
    '/.%2e/secret.txt',
    `/${encodeURIComponent(path.join(os.tmpdir(), 'x'))}`,
  ])('blocks directory traversal: %s', async (p) => {
    const r = await request(gw.url, p);
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('TOP-SECRET');
  });

  it('blocks a symlink that leads out of the static root', async () => {
    const link = path.join(root, 'site', 'escape.txt');
    fs.symlinkSync(path.join(root, 'secret.txt'), link);
    const r = await request(gw.url, '/escape.txt');
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('TOP-SECRET');
  });

  it('serves files uploaded with cloud.uploadFile at the temp URL the SDK hands out', async () => {
    const up = await postJson(gw.url, 'echo', { upload: { cloudPath: 'materials/申请表.txt', text: '申请人：张*' } });
    expect(up.status).toBe(200);
    const url: string = up.json.result.data.url;
    expect(url.startsWith(`${gw.url}/storage/`)).toBe(true);
    const r = await request(gw.url, url.slice(gw.url.length));
    expect(r.status).toBe(200);
    expect(r.text).toBe('申请人：张*');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain('sandbox');
    expect((await request(gw.url, '/storage/materials/none.png')).status).toBe(403);
    expect((await request(gw.url, '/storage/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await request(gw.url, '/storage/%E0%A4%A')).status).toBe(404);
  });

  it('serves a stored file only through a signed temp URL: no signature, a forged one or another file\'s is refused', async () => {
    const up = await postJson(gw.url, 'echo', { upload: { cloudPath: 'materials/u9/户口簿.txt', text: '户主：王*' } });
    const other = await postJson(gw.url, 'echo', { upload: { cloudPath: 'materials/u9/other.txt', text: 'other' } });
    const signed = new URL(up.json.result.data.url);
    expect(Number(signed.searchParams.get('t')) * 1000 - Date.now()).toBeLessThanOrEqual(7200 * 1000);
    const bare = await request(gw.url, signed.pathname);
    expect(bare.status).toBe(403);
    expect(bare.text).not.toContain('王*');
    expect(bare.json.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const forged = new URL(signed.href);
    forged.searchParams.set('sign', '0'.repeat(64));
    expect((await request(gw.url, forged.pathname + forged.search)).status).toBe(403);
    const longer = new URL(signed.href);
    longer.searchParams.set('t', String(Number(signed.searchParams.get('t')) + 3600));
    expect((await request(gw.url, longer.pathname + longer.search)).status).toBe(403);
    const borrowed = new URL(other.json.result.data.url);
    expect((await request(gw.url, signed.pathname + borrowed.search)).status).toBe(403);
    expect((await request(gw.url, signed.pathname + signed.search)).text).toBe('户主：王*');
  });

  it('rejects other methods and unknown API paths', async () => {
    expect((await request(gw.url, '/api/functions/echo')).status).toBe(405);
    expect((await request(gw.url, '/', { method: 'DELETE' })).status).toBe(405);
    const r = await request(gw.url, '/api/unknown', { method: 'POST' });
    expect(r.status).toBe(404);
    expect(r.json.result.ok).toBe(false);
  });
});

describe('gateway not trusting the identity header', () => {
  let gw: Gateway;
  let root: string;

  beforeAll(async () => {
    root = tempDir('strict');
    gw = await startGateway({
      port: 0,
      dataDir: root,
      staticDir: path.join(FIXTURES, 'static'),
      functionsDir: FUNCTIONS_DIR,
      localMode: false,
      trustLocalIdentityHeader: false,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('ignores x-local-openid: the caller stays anonymous', async () => {
    const r = await postJson(gw.url, 'echo', {}, { 'x-local-openid': 'local-admin' });
    expect(r.status).toBe(200);
    expect(r.json.result.data.openid).toBeNull();
  });

  it('does not expose the preview-only endpoints', async () => {
    expect((await request(gw.url, '/api/triggers/echo/tick', { method: 'POST' })).status).toBe(404);
    expect((await request(gw.url, '/api/local/identities')).status).toBe(404);
    expect((await request(gw.url, '/api/local/inbox?openid=local-admin')).status).toBe(404);
  });
});

describe('gateway environment defaults', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('honours PORT, DATA_DIR and LOCAL_MODE, and restores ADMIN_OPENIDS on close', async () => {
    const root = tempDir('env');
    const probe = await startGateway({ port: 0, dataDir: root, functionsDir: FUNCTIONS_DIR, log: () => undefined });
    const freePort = probe.port;
    await probe.close();
    process.env.PORT = String(freePort);
    process.env.DATA_DIR = path.join(root, 'from-env');
    process.env.LOCAL_MODE = '1';
    process.env.ADMIN_OPENIDS = 'env-admin';
    const gw = await startGateway({ functionsDir: FUNCTIONS_DIR, staticDir: path.join(FIXTURES, 'static'), log: () => undefined });
    try {
      expect(gw.port).toBe(freePort);
      expect(fs.existsSync(path.join(root, 'from-env'))).toBe(true);
      const r = await postJson(gw.url, 'echo', {}, { 'x-local-openid': 'local-citizen' });
      expect(r.json.result.data.openid).toBe('local-citizen');
      expect(r.json.result.data.admins).toBe('env-admin');
    } finally {
      await gw.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
    expect(process.env.ADMIN_OPENIDS).toBe('env-admin');
  });
});

describe('gateway with timers running', () => {
  it('fires schedules on its own, with the timer event and SOURCE wx_trigger', async () => {
    const root = tempDir('timers');
    const gw = await startGateway({
      port: 0,
      dataDir: root,
      functionsDir: path.join(FIXTURES, 'timer-functions'),
      localMode: true,
      timers: true,
      log: () => undefined,
    });
    try {
      await new Promise((r) => setTimeout(r, 2600));
      // A forged timer event from a client is not a timer run.
      await postJson(gw.url, 'heartbeat', { Type: 'Timer', TriggerName: 'everySecond', Time: 'forged' });
      const r = await postJson(gw.url, 'heartbeat', {});
      const beats: { trigger: string; time: string }[] = r.json.result.data;
      expect(beats.length).toBeGreaterThanOrEqual(2);
      expect(beats.every((b) => b.trigger === 'everySecond' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(b.time))).toBe(true);
      expect(new Set(beats.map((b) => b.time)).size).toBe(beats.length);
    } finally {
      await gw.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
