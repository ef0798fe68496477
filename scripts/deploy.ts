/**
 * `npm run deploy`: upload the mini-program (dist/) and every cloud function
 * (build/cloudfunctions/<name>) with miniprogram-ci, then create their timer triggers.
 *
 *   npm run deploy -- --dry-run             print the plan, upload nothing
 *   npm run deploy -- --only matters,account  just these functions (and no mini-program)
 *   npm run deploy -- --skip-miniprogram | --skip-functions | --skip-build | --config path
 *
 * Settings: WX_APPID, WX_CLOUD_ENV, WX_PRIVATE_KEY_PATH (+ WX_VERSION, WX_DESC, WX_CI_ROBOT,
 * ADMIN_OPENIDS) or the untracked deploy.config.json (see deploy.config.example.json).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFunctions } from '../local-cloud/runtime/bundle-functions';
import { DeployConfigError, loadDeployConfig, type DeployConfig } from './lib/deploy-config';
import { describePlan, makeDeployPlan, type DeployPlan } from './lib/deploy-plan';
import { builtEnvProblem, readBuiltEnv } from './lib/built-env';
import { BUILD_FUNCTIONS_DIR, FUNCTIONS_DIR, REPO_ROOT, formatBytes } from './lib/repo';

/** The part of miniprogram-ci this script uses (see node_modules/miniprogram-ci/dist/@types/ci). */
export interface MiniprogramCi {
  Project: new (options: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(options: { project: unknown; version: string; desc?: string; robot?: number; setting?: Record<string, unknown>; onProgressUpdate?: (t: unknown) => void }): Promise<unknown>;
  cloud: {
    uploadFunction(options: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<{ filesCount: number; packSize: number }>;
    createTimeTrigger(options: { project: unknown; envId: string; functionName: string; triggersConfig: { name: string; type: string; config: string }[] }): Promise<string>;
  };
}

export interface DeployIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** The uploaded project: package.json, project.config.json, deploy.config.json, dist/. */
  repoRoot?: string;
  /** Where the app sources and Taro config live (taro build runs here); default repoRoot. */
  appRoot?: string;
  functionsDir?: string;
  buildDir?: string;
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** Loaded only for a real upload: it is heavy and must not run in --dry-run. */
  loadCi?: () => MiniprogramCi;
}

interface Flags {
  dryRun: boolean;
  skipMiniprogram: boolean;
  skipFunctions: boolean;
  skipBuild: boolean;
  only?: string[];
  configPath?: string;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { dryRun: false, skipMiniprogram: false, skipFunctions: false, skipBuild: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') flags.dryRun = true;
    else if (a === '--skip-miniprogram') flags.skipMiniprogram = true;
    else if (a === '--skip-functions') flags.skipFunctions = true;
    else if (a === '--skip-build') flags.skipBuild = true;
    else if (a === '--only') flags.only = (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--config') flags.configPath = argv[++i];
    else throw new DeployConfigError([`不认识的参数 ${a}（可用：--dry-run --only --skip-miniprogram --skip-functions --skip-build --config）`]);
  }
  // `--only fn` means "just these functions".
  if (flags.only) flags.skipMiniprogram = true;
  return flags;
}

/**
 * The real `taro build --type weapp`, for the target env, into the directory that is uploaded.
 * Its output goes through `log`, so the deploy log shows the build (and any warning) in order.
 */
function buildWeapp(appRoot: string, outDir: string, envId: string, log: (l: string) => void): void {
  log(`正在构建小程序（WX_CLOUD_ENV=${envId}）→ ${outDir}`);
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: appRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The process's own environment (PATH, npm), with the target's env id whatever it holds.
    env: { ...process.env, WX_CLOUD_ENV: envId, BUILD_OUTPUT_DIR: outDir, NODE_ENV: 'production' },
  });
  `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').filter((l) => l.trim()).forEach((l) => log(`  │ ${l}`));
  if (r.status !== 0) throw new Error('小程序构建失败（taro build --type weapp），请查看上方输出');
}

export async function runDeploy(io: DeployIo): Promise<number> {
  const log = io.log ?? ((l: string) => console.log(l));
  const error = io.error ?? ((l: string) => console.error(l));
  const repoRoot = io.repoRoot ?? REPO_ROOT;
  const functionsDir = io.functionsDir ?? FUNCTIONS_DIR;
  const buildDir = io.buildDir ?? BUILD_FUNCTIONS_DIR;
  try {
    const flags = parseFlags(io.argv);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
    const { config, sources, privateKeyFound } = loadDeployConfig({
      env: io.env,
      repoRoot,
      configPath: flags.configPath,
      defaultVersion: pkg.version ?? '0.0.0',
    });
    const plan = makeDeployPlan(config, {
      repoRoot,
      functionsDir,
      buildDir,
      includeMiniprogram: !flags.skipMiniprogram,
      includeFunctions: !flags.skipFunctions,
      skipBuild: flags.skipBuild,
      only: flags.only,
    });
    describePlan(config, plan, sources, flags.dryRun, flags.skipBuild).forEach((l) => log(l));
    const problems = [...plan.problems];
    if (!privateKeyFound) {
      const msg = `找不到代码上传密钥 ${config.privateKeyPath}（微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 生成并下载）`;
      // A dry run is how CI checks the plan without secrets: a missing key is only a warning there.
      if (flags.dryRun) log(`注意：${msg}`);
      else problems.push(msg);
    }
    if (problems.length) {
      error(`无法部署：\n${problems.map((p) => `  · ${p}`).join('\n')}`);
      return 1;
    }
    if (flags.dryRun) {
      log('（dry-run：未上传任何内容）');
      return 0;
    }
    await execute(config, plan, { ...io, repoRoot, appRoot: io.appRoot ?? repoRoot, functionsDir, buildDir, log, skipBuild: flags.skipBuild });
    return 0;
  } catch (err) {
    error(err instanceof DeployConfigError ? err.message : `部署失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

async function execute(
  config: DeployConfig,
  plan: DeployPlan,
  io: DeployIo & { repoRoot: string; appRoot: string; functionsDir: string; buildDir: string; log: (l: string) => void; skipBuild: boolean },
): Promise<void> {
  const { log } = io;
  if (!io.skipBuild) {
    if (plan.functions.length) {
      const built = await buildFunctions({ functionsDir: io.functionsDir, outDir: io.buildDir, repoRoot: io.repoRoot });
      built.forEach((b) => log(`已打包云函数 ${b.name}（${formatBytes(b.bytes)}）`));
    }
    if (plan.miniprogram) buildWeapp(io.appRoot, plan.miniprogram.outDir, config.envId, log);
  }
  if (plan.miniprogram) {
    // Read back what was actually built (or left there by --skip-build): never trust the intent.
    const built = readBuiltEnv(plan.miniprogram.outDir);
    const problem = builtEnvProblem(built, config.envId, plan.miniprogram.miniprogramRoot);
    if (problem) throw new Error(problem);
    log(`构建产物的云环境：${built.envIds[0]}（与部署目标一致）`);
  }
  const ci = io.loadCi ? io.loadCi() : (require('miniprogram-ci') as MiniprogramCi);
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath: io.repoRoot,
    privateKeyPath: config.privateKeyPath,
    ignores: ['node_modules/**/*'],
  });

  if (plan.miniprogram) {
    log(`正在上传小程序 ${config.version} …`);
    await ci.upload({ project, version: config.version, desc: config.desc, robot: config.robot, setting: { useProjectConfig: true } });
    log('小程序上传完成：请到 微信公众平台 → 版本管理 设为体验版或提交审核');
  }
  for (const fn of plan.functions) {
    if (!fs.existsSync(path.join(fn.buildDir, 'index.js'))) throw new Error(`找不到 ${fn.buildDir}/index.js，请先运行 npm run build:functions`);
    log(`正在上传云函数 ${fn.name} …`);
    // remoteNpmInstall: the cloud installs wx-server-sdk from the generated package.json;
    // everything else is already inside index.js.
    const r = await ci.cloud.uploadFunction({ project, env: config.envId, name: fn.name, path: fn.buildDir, remoteNpmInstall: true });
    log(`云函数 ${fn.name} 上传完成（${r.filesCount} 个文件，${formatBytes(r.packSize)}）`);
    if (fn.triggers.length) {
      const msg = await ci.cloud.createTimeTrigger({ project, envId: config.envId, functionName: fn.name, triggersConfig: fn.triggers });
      log(`云函数 ${fn.name} 定时触发器：${msg}`);
    }
  }
  if (plan.consoleSteps.length) {
    log('别忘了在控制台完成：');
    plan.consoleSteps.forEach((s) => log(`  · ${s}`));
  }
}

if (require.main === module) {
  runDeploy({ argv: process.argv.slice(2), env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
