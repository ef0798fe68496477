import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDeploy, type MiniprogramCi } from '../../scripts/deploy';
import { REPO_ROOT } from '../../local-cloud/runtime/paths';

const FUNCTIONS_DIR = path.join(__dirname, 'fixtures', 'cloudfunctions');
const APPID = 'wx0123456789abcdef';

interface Run {
  code: number;
  out: string;
  err: string;
  ci: jest.Mock;
}

describe('npm run deploy', () => {
  let tmp: string;
  let keyPath: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
    keyPath = path.join(tmp, 'private.test.key');
    fs.writeFileSync(keyPath, 'not a real key');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function deploy(argv: string[], env: NodeJS.ProcessEnv, extra: { repoRoot?: string; ci?: MiniprogramCi } = {}): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const loadCi = jest.fn(() => {
      if (!extra.ci) throw new Error('miniprogram-ci must not load here');
      return extra.ci;
    });
    const code = await runDeploy({
      argv,
      env,
      repoRoot: extra.repoRoot ?? REPO_ROOT,
      functionsDir: FUNCTIONS_DIR,
      buildDir: path.join(tmp, 'build'),
      log: (l) => out.push(l),
      error: (l) => err.push(l),
      loadCi,
      buildWeapp: () => undefined,
    });
    return { code, out: out.join('\n'), err: err.join('\n'), ci: loadCi };
  }

  const goodEnv = (): NodeJS.ProcessEnv => ({
    WX_APPID: APPID,
    WX_CLOUD_ENV: 'prod-1a2b3c',
    WX_PRIVATE_KEY_PATH: keyPath,
    ADMIN_OPENIDS: 'oAdmin1,oAdmin2',
  });

  it('--dry-run prints the plan and uploads nothing', async () => {
    const r = await deploy(['--dry-run'], goodEnv());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.ci).not.toHaveBeenCalled();
    expect(r.out).toContain('部署计划（--dry-run，不会上传任何内容）');
    expect(r.out).toContain(`小程序 AppID：${APPID}（来自 环境变量 WX_APPID）`);
    expect(r.out).toContain('云开发环境：prod-1a2b3c');
    expect(r.out).toContain('上传小程序代码 dist/');
    expect(r.out).toContain('上传云函数 echo');
    expect(r.out).toContain('创建定时触发器 tick：0 0 3 * * * *');
    expect(r.out).toContain('超时时间：请在 云开发控制台 → 云函数 → echo');
    expect(r.out).toContain('dry-run：未上传任何内容');
    // The key's location is named, never its content.
    expect(r.out).not.toContain('not a real key');
    expect(fs.existsSync(path.join(tmp, 'build'))).toBe(false);
  });

  it('--dry-run only warns about a missing key (CI checks plans without secrets)', async () => {
    const r = await deploy(['--dry-run'], { ...goodEnv(), WX_PRIVATE_KEY_PATH: path.join(tmp, 'missing.key') });
    expect(r.code).toBe(0);
    expect(r.out).toContain('注意：找不到代码上传密钥');
  });

  it('explains missing and malformed settings in Chinese', async () => {
    const r = await deploy(['--dry-run'], { WX_APPID: 'abc', WX_CLOUD_ENV: 'bad env!' }, { repoRoot: tmpRepo() });
    expect(r.code).toBe(1);
    expect(r.err).toContain('部署配置有误');
    expect(r.err).toContain('appid：AppID 应为 wx 开头的 18 位字符');
    expect(r.err).toContain('envId：云开发环境 ID 格式不正确');
    expect(r.err).toContain('缺少代码上传密钥路径');
    expect(r.ci).not.toHaveBeenCalled();
  });

  it('rejects the placeholders of deploy.config.example.json', async () => {
    const repo = tmpRepo();
    fs.copyFileSync(path.join(REPO_ROOT, 'deploy.config.example.json'), path.join(repo, 'deploy.config.json'));
    const r = await deploy(['--dry-run'], {}, { repoRoot: repo });
    expect(r.code).toBe(1);
    expect(r.err).toContain('appid');
    expect(r.err).toContain('envId');
    expect(r.err).toContain('管理员 openid 格式不正确');
  });

  it('reads deploy.config.json, with environment variables taking precedence', async () => {
    const repo = tmpRepo();
    fs.writeFileSync(
      path.join(repo, 'deploy.config.json'),
      JSON.stringify({ appid: 'wxffffffffffffffff', envId: 'from-file-env', privateKeyPath: keyPath, version: '2.3.4', adminOpenids: ['oFile'] }),
    );
    const r = await deploy(['--dry-run'], { WX_APPID: APPID }, { repoRoot: repo });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`小程序 AppID：${APPID}（来自 环境变量 WX_APPID）`);
    expect(r.out).toContain('云开发环境：from-file-env（来自 deploy.config.json）');
    expect(r.out).toContain('版本：2.3.4');
  });

  it('rejects unknown flags and unknown functions', async () => {
    expect((await deploy(['--dryrun'], goodEnv())).err).toContain('不认识的参数 --dryrun');
    const r = await deploy(['--dry-run', '--only', 'echo,ghost'], goodEnv());
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有这些云函数：ghost');
  });

  it('uploads the mini-program, each function and its trigger through miniprogram-ci', async () => {
    const calls: string[] = [];
    const ci: MiniprogramCi = {
      Project: class {
        constructor(readonly options: unknown) {
          calls.push(`project ${JSON.stringify(options)}`);
        }
      } as unknown as MiniprogramCi['Project'],
      upload: async (o) => void calls.push(`upload ${o.version} robot=${o.robot}`),
      cloud: {
        uploadFunction: async (o) => {
          calls.push(`function ${o.name} env=${o.env} npm=${o.remoteNpmInstall} files=${fs.readdirSync(o.path).sort().join(',')}`);
          return { filesCount: 3, packSize: 1234 };
        },
        createTimeTrigger: async (o) => {
          calls.push(`trigger ${o.functionName} ${JSON.stringify(o.triggersConfig)}`);
          return '创建定时触发器成功';
        },
      },
    };
    const repo = tmpRepo();
    fs.mkdirSync(path.join(repo, 'dist'));
    fs.writeFileSync(path.join(repo, 'dist', 'app.json'), '{}');
    const r = await deploy([], goodEnv(), { repoRoot: repo, ci });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(calls[0]).toContain(`"appid":"${APPID}"`);
    expect(calls[0]).toContain(`"projectPath":"${repo}"`);
    expect(calls.slice(1)).toEqual([
      'upload 0.1.0 robot=1',
      'function echo env=prod-1a2b3c npm=true files=config.json,index.js,package.json',
      'trigger echo [{"name":"tick","type":"timer","config":"0 0 3 * * * *"}]',
    ]);
    expect(r.out).toContain('ADMIN_OPENIDS');
  });

  /** A throwaway "repo root" with the files deploy reads, so a real deploy.config.json is never used. */
  function tmpRepo(): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: '0.1.0', devDependencies: { 'wx-server-sdk': '4.0.2' } }));
    fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'dist/', cloudfunctionRoot: 'build/cloudfunctions/' }));
    fs.mkdirSync(path.join(dir, 'core'));
    fs.cpSync(path.join(REPO_ROOT, 'core'), path.join(dir, 'core'), { recursive: true });
    return dir;
  }
});
