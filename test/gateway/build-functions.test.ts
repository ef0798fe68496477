import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFunctions, bundleFunctions, pinnedSdkVersion } from '../../local-cloud/runtime/bundle-functions';
import { listFunctionDirs, timeoutMsOf } from '../../local-cloud/runtime/function-config';
import { loadBundle } from '../../local-cloud/runtime';

const FUNCTIONS_DIR = path.join(__dirname, 'fixtures', 'cloudfunctions');

describe('function discovery', () => {
  it('finds dirs holding config.json and skips shared/', () => {
    const fns = listFunctionDirs(FUNCTIONS_DIR);
    expect(fns.map((f) => f.name)).toEqual(['echo']);
    expect(fns[0]?.config.triggers).toEqual([{ name: 'tick', type: 'timer', config: '0 0 3 * * * *' }]);
  });

  it('defaults the timeout to 3 s', () => {
    expect(timeoutMsOf({})).toBe(3000);
    expect(timeoutMsOf({ timeout: 20 })).toBe(20000);
  });

  it('explains a bad config.json in Chinese', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fnconf-'));
    fs.mkdirSync(path.join(dir, 'bad'));
    fs.writeFileSync(path.join(dir, 'bad', 'index.ts'), 'export const main = () => 1;');
    fs.writeFileSync(path.join(dir, 'bad', 'config.json'), '{"triggers":[{"name":"9x","type":"timer","config":"* * * * * * *"}]}');
    expect(() => listFunctionDirs(dir)).toThrow(/云函数配置 .* 不合法：triggers\.0\.name/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('buildFunctions', () => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'build-fns-'));
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes one CommonJS index.js per function with shared and @core code inlined', async () => {
    fs.mkdirSync(path.join(out, 'stale'), { recursive: true });
    const built = await buildFunctions({ functionsDir: FUNCTIONS_DIR, outDir: out });
    expect(built.map((b) => b.name)).toEqual(['echo']);
    expect(fs.existsSync(path.join(out, 'stale'))).toBe(false);
    expect(fs.readdirSync(path.join(out, 'echo')).sort()).toEqual(['config.json', 'index.js', 'package.json']);
    const code = fs.readFileSync(path.join(out, 'echo', 'index.js'), 'utf8');
    expect(built[0]?.bytes).toBe(Buffer.byteLength(code));
    expect(code).toContain('require("wx-server-sdk")');
    expect(code).not.toMatch(/require\(["'](@core|\.\.?\/)/); // nothing left to resolve at runtime
    expect(code).toContain('function greet(');
    expect(code).toContain('function ok(');
    expect(code).toContain('module.exports');
  });

  it('copies config.json and writes a deploy package.json pinning the SDK', () => {
    expect(JSON.parse(fs.readFileSync(path.join(out, 'echo', 'config.json'), 'utf8'))).toEqual(
      JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, 'echo', 'config.json'), 'utf8')),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(out, 'echo', 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'echo', main: 'index.js', dependencies: { 'wx-server-sdk': pinnedSdkVersion() } });
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
  });

  it('the written bundle runs with wx-server-sdk redirected to a given object', async () => {
    const file = path.join(out, 'echo', 'index.js');
    const fakeSdk = {
      DYNAMIC_CURRENT_ENV: Symbol('env'),
      init: jest.fn(),
      getWXContext: () => ({ OPENID: 'o-fake' }),
    };
    const mod = loadBundle(fs.readFileSync(file, 'utf8'), file, fakeSdk);
    expect(fakeSdk.init).toHaveBeenCalledTimes(1);
    await expect(mod.main({ a: 1 }, {})).resolves.toMatchObject({ ok: true, data: { openid: 'o-fake', event: { a: 1 } } });
  });

  it('bundles the in-memory variant identically to the written one', async () => {
    const [mem] = await bundleFunctions(FUNCTIONS_DIR);
    expect(mem?.code).toBe(fs.readFileSync(path.join(out, 'echo', 'index.js'), 'utf8'));
  });

  it('emits CommonJS only (no ESM syntax left for the Node 16 runtime)', async () => {
    const [mem] = await bundleFunctions(FUNCTIONS_DIR);
    expect(mem?.code).not.toMatch(/^import /m);
    expect(mem?.code).not.toMatch(/^export /m);
  });
});
