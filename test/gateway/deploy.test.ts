import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDeploy, type MiniprogramCi } from '../../scripts/deploy';
import { STORAGE_SECURITY_RULES } from '../../cloudfunctions/shared/storage-paths';
import { REPO_ROOT } from '../../local-cloud/runtime/paths';
import { MISSING_CLOUD_ENV_WARNING } from '../../config/cloud-env';

const FIXTURE_FUNCTIONS = path.join(__dirname, 'fixtures', 'cloudfunctions');
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
  let FUNCTIONS_DIR: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
    keyPath = path.join(tmp, 'private.test.key');
    fs.writeFileSync(keyPath, 'not a real key');
    // The echo fixture, declaring two collections and one more env var.
    FUNCTIONS_DIR = path.join(tmp, 'cloudfunctions');
    fs.cpSync(FIXTURE_FUNCTIONS, FUNCTIONS_DIR, { recursive: true });
    fs.writeFileSync(path.join(FUNCTIONS_DIR, 'echo', 'collections.json'), JSON.stringify({
      collections: [
        { name: 'echo_log', description: '回声记录', indexes: [
          { name: 'openid_at', keys: { openid: 1, at: -1 }, unique: false },
          { name: 'requestId', keys: { requestId: 1 }, unique: true },
        ] },
        { name: 'echo_meta', description: '回声元数据', indexes: [] },
      ],
    }));
    const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, 'echo', 'config.json'), 'utf8'));
    fs.writeFileSync(path.join(FUNCTIONS_DIR, 'echo', 'config.json'), JSON.stringify({ ...config, envVariables: { ECHO_PREFIX: '回声前缀' } }));
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
      // taro build runs on the real sources; its output goes to repoRoot's dist/.
      appRoot: REPO_ROOT,
      functionsDir: FUNCTIONS_DIR,
      buildDir: path.join(tmp, 'build'),
      log: (l) => out.push(l),
      error: (l) => err.push(l),
      loadCi,
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
    // Console steps generated from collections.json and config.json.
    expect(r.out).toContain('数据库：创建集合 echo_log（回声记录；云函数 echo），数据权限设为“所有用户不可读写（仅云函数）”');
    expect(r.out).toContain('索引 openid_at：openid 升序、at 降序（非唯一）');
    expect(r.out).toContain('索引 requestId：requestId 升序（唯一）');
    expect(r.out).toContain('数据库：创建集合 echo_meta（回声元数据；云函数 echo），数据权限设为“所有用户不可读写（仅云函数）”\n      不需要额外索引');
    expect(r.out).toContain('云函数 echo：在 云开发控制台 → 云函数 → echo → 版本与配置 → 编辑 中设置超时时间 1 秒，环境变量 ADMIN_OPENIDS=oAdmin1,oAdmin2；ECHO_PREFIX=<回声前缀>');
    expect(r.out).toContain(`云存储：在 云开发控制台 → 存储 → 权限设置 中选择“自定义安全规则”，填入 ${JSON.stringify(STORAGE_SECURITY_RULES)}`);
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

  it('refuses local-env as a deploy target', async () => {
    const r = await deploy(['--dry-run'], { ...goodEnv(), WX_CLOUD_ENV: 'local-env' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('envId：local-env 是本地测试用的占位云环境，不能部署');
  });

  /** A miniprogram-ci double that records calls; the real one is never loaded in tests. */
  function recordingCi(calls: string[]): MiniprogramCi {
    return {
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
  }

  /** Every env id handed to cloud.init in the built bundle (what WeChat will connect to). */
  function bundledEnvIds(dist: string): string[] {
    const ids: string[] = [];
    for (const f of fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.js')) continue;
      for (const m of fs.readFileSync(path.join(dist, f), 'utf8').matchAll(/cloud\.init\(\{env:"([^"]*)"/g)) ids.push(m[1]);
    }
    return ids;
  }

  // These run the real `taro build --type weapp` (≈30 s each), into throwaway repos so the
  // dist/ that the simulate tests read is never touched.
  const BUILD_TIMEOUT = 300000;

  describe('with the real weapp build', () => {
    const target = 'ci-deploy-7f3a';
    let repo: string;
    let first: Run;
    const calls: string[] = [];

    beforeAll(async () => {
      repo = tmpRepo();
      first = await deploy([], { ...goodEnv(), WX_CLOUD_ENV: target }, { repoRoot: repo, ci: recordingCi(calls) });
    }, BUILD_TIMEOUT);

    it('npm run deploy builds the weapp for the env it deploys to, then uploads it and the functions', () => {
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      expect(bundledEnvIds(path.join(repo, 'dist'))).toEqual([target]);
      expect(fs.existsSync(path.join(repo, 'dist', 'app.json'))).toBe(true);
      expect(first.out).toContain(`正在构建小程序（WX_CLOUD_ENV=${target}）`);
      expect(first.out).toContain(`构建产物的云环境：${target}（与部署目标一致）`);
      expect(first.out).not.toContain('未设置 WX_CLOUD_ENV');
      expect(calls[0]).toContain(`"appid":"${APPID}"`);
      expect(calls[0]).toContain(`"projectPath":"${repo}"`);
      expect(calls.slice(1)).toEqual([
        'upload 0.1.0 robot=1',
        `function echo env=${target} npm=true files=config.json,index.js,package.json`,
        'trigger echo [{"name":"tick","type":"timer","config":"0 0 3 * * * *"}]',
      ]);
      expect(first.out).toContain('ADMIN_OPENIDS');
    });

    it('--skip-build refuses that build for another env, in a dry run too, and uploads nothing', async () => {
      for (const argv of [['--skip-build'], ['--skip-build', '--dry-run']]) {
        const r = await deploy(argv, { ...goodEnv(), WX_CLOUD_ENV: 'prod-other-9' }, { repoRoot: repo, ci: recordingCi([]) });
        expect(r.code).toBe(1);
        expect(r.err).toContain(`构建产物 dist/ 的云环境是 ${target}，与部署目标 prod-other-9 不一致，拒绝上传`);
        expect(r.ci).not.toHaveBeenCalled();
      }
    });

    it('--skip-build uploads that build to its own env without rebuilding', async () => {
      const before = fs.statSync(path.join(repo, 'dist', 'app.json')).mtimeMs;
      const again: string[] = [];
      const r = await deploy(['--skip-build', '--skip-functions'], { ...goodEnv(), WX_CLOUD_ENV: target }, { repoRoot: repo, ci: recordingCi(again) });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`现有构建的云环境：${target}`);
      expect(r.out).not.toContain('正在构建小程序');
      expect(again.slice(1)).toEqual(['upload 0.1.0 robot=1']);
      expect(fs.statSync(path.join(repo, 'dist', 'app.json')).mtimeMs).toBe(before);
    });
  });

  it('npm run build:weapp without WX_CLOUD_ENV warns loudly, builds local-env, and deploy refuses that build', async () => {
    const repo = tmpRepo();
    const env: NodeJS.ProcessEnv = { ...process.env, BUILD_OUTPUT_DIR: path.join(repo, 'dist'), NODE_ENV: 'production' };
    delete env.WX_CLOUD_ENV;
    const build = spawnSync('npm', ['run', 'build:weapp'], { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(build.status).toBe(0);
    const buildLog = `${build.stdout}${build.stderr}`;
    for (const line of MISSING_CLOUD_ENV_WARNING.split('\n').filter(Boolean)) expect(buildLog).toContain(line);
    expect(buildLog).toContain('警告：未设置 WX_CLOUD_ENV');
    expect(bundledEnvIds(path.join(repo, 'dist'))).toEqual(['local-env']);

    const r = await deploy(['--skip-build', '--skip-functions'], goodEnv(), { repoRoot: repo, ci: recordingCi([]) });
    expect(r.code).toBe(1);
    expect(r.err).toContain('构建产物 dist/ 使用的是本地占位云环境 local-env（构建时没有设置 WX_CLOUD_ENV），拒绝上传');
    expect(r.ci).not.toHaveBeenCalled();
  }, BUILD_TIMEOUT);

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
