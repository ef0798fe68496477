/**
 * What `npm run deploy` will do, computed without touching the network so `--dry-run` can
 * print it and CI can check it. Also lists the console steps miniprogram-ci cannot do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_SECONDS, listFunctionDirs, type TriggerConfig } from './function-config';
import { cronProblem } from '../../local-cloud/timers/cron';
import type { DeployConfig } from './deploy-config';
import { builtEnvProblem, readBuiltEnv, type BuiltEnv } from './built-env';

export interface FunctionPlan {
  name: string;
  buildDir: string;
  triggers: TriggerConfig[];
  timeoutSeconds: number;
  usesAdminOpenids: boolean;
}

export interface DeployPlan {
  miniprogram: {
    projectPath: string;
    miniprogramRoot: string;
    /** Absolute: where the weapp is built and what miniprogram-ci uploads. */
    outDir: string;
    /** What the existing build there was built for (before this deploy rebuilds it). */
    builtEnv: BuiltEnv;
  } | null;
  functions: FunctionPlan[];
  consoleSteps: string[];
  problems: string[];
}

export interface PlanOptions {
  repoRoot: string;
  functionsDir: string;
  buildDir: string;
  includeMiniprogram: boolean;
  includeFunctions: boolean;
  /** --skip-build: the existing build is uploaded as is, so it must already target the env. */
  skipBuild: boolean;
  only?: string[];
}

export function makeDeployPlan(config: DeployConfig, options: PlanOptions): DeployPlan {
  const problems: string[] = [];
  const consoleSteps: string[] = [];

  let miniprogram: DeployPlan['miniprogram'] = null;
  if (options.includeMiniprogram) {
    const projectConfig = path.join(options.repoRoot, 'project.config.json');
    let root = 'dist/';
    if (fs.existsSync(projectConfig)) {
      root = (JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { miniprogramRoot?: string }).miniprogramRoot ?? root;
    } else {
      problems.push('找不到 project.config.json，miniprogram-ci 需要它');
    }
    const outDir = path.resolve(options.repoRoot, root);
    miniprogram = { projectPath: options.repoRoot, miniprogramRoot: root, outDir, builtEnv: readBuiltEnv(outDir) };
    if (options.skipBuild) {
      const problem = builtEnvProblem(miniprogram.builtEnv, config.envId, root);
      if (problem) problems.push(problem);
    }
  }

  let functions: FunctionPlan[] = [];
  if (options.includeFunctions) {
    const all = listFunctionDirs(options.functionsDir);
    const unknown = (options.only ?? []).filter((n) => !all.some((f) => f.name === n));
    if (unknown.length) problems.push(`没有这些云函数：${unknown.join('、')}`);
    functions = all
      .filter((f) => !options.only?.length || options.only.includes(f.name))
      .map((f) => ({
        name: f.name,
        buildDir: path.join(options.buildDir, f.name),
        triggers: f.config.triggers ?? [],
        timeoutSeconds: f.config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
        usesAdminOpenids: sourceMentions(f.dir, options.functionsDir, 'ADMIN_OPENIDS'),
      }));
    for (const fn of functions) {
      if (fn.triggers.length > 1) problems.push(`云函数 ${fn.name} 配置了 ${fn.triggers.length} 个触发器，微信云开发只支持 1 个`);
      for (const t of fn.triggers) {
        const problem = cronProblem(t.config);
        if (problem) problems.push(`云函数 ${fn.name} 的${problem}`);
      }
    }

    // miniprogram-ci cannot set these; say exactly where to click instead of failing silently.
    const needAdmins = functions.filter((f) => f.usesAdminOpenids).map((f) => f.name);
    if (needAdmins.length) {
      const value = config.adminOpenids.length ? config.adminOpenids.join(',') : '<管理员 openid，逗号分隔>';
      consoleSteps.push(
        `环境变量：miniprogram-ci 不支持设置云函数环境变量。请在 云开发控制台 → 云函数 → ${needAdmins.join('、')} → 版本与配置 → 编辑 → 环境变量 中设置 ADMIN_OPENIDS=${value}`,
      );
    }
    for (const f of functions.filter((fn) => fn.timeoutSeconds !== DEFAULT_TIMEOUT_SECONDS)) {
      consoleSteps.push(`超时时间：请在 云开发控制台 → 云函数 → ${f.name} → 版本与配置 中将超时时间设为 ${f.timeoutSeconds} 秒（miniprogram-ci 不会设置超时时间；config.json 的 timeout 由本地网关执行）`);
    }
    consoleSteps.push(
      '运行时：miniprogram-ci 首次创建云函数时使用 Node.js 8.9 运行时，而打包产物面向 Node.js 16。新云函数请先在开发者工具或控制台以 Node.js 16/18 运行时创建，再运行本脚本更新代码',
    );
  }
  return { miniprogram, functions, consoleSteps, problems };
}

/** Does the function's own dir or the shared code mention `needle`? (A cheap, honest over-approximation.) */
function sourceMentions(fnDir: string, functionsDir: string, needle: string): boolean {
  const dirs = [fnDir, path.join(functionsDir, 'shared')];
  const walk = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name !== 'node_modules' && walk(p);
      return /\.(ts|js)$/.test(e.name) && fs.readFileSync(p, 'utf8').includes(needle);
    });
  return dirs.some(walk);
}

export function describePlan(config: DeployConfig, plan: DeployPlan, sources: Record<string, string>, dryRun: boolean, skipBuild = false): string[] {
  const lines: string[] = [];
  lines.push(dryRun ? '部署计划（--dry-run，不会上传任何内容）' : '部署计划');
  lines.push(`  小程序 AppID：${config.appid}（来自 ${sources.appid ?? '默认值'}）`);
  lines.push(`  云开发环境：${config.envId}（来自 ${sources.envId ?? '默认值'}）`);
  lines.push(`  上传密钥：${path.basename(config.privateKeyPath)}（来自 ${sources.privateKeyPath ?? '默认值'}）`);
  lines.push(`  版本：${config.version}  描述：${config.desc}  CI 机器人：${config.robot}`);
  if (plan.miniprogram) {
    const mp = plan.miniprogram;
    const existing = mp.builtEnv.built ? `现有构建的云环境：${mp.builtEnv.envIds.join('、') || '未知'}` : '尚未构建';
    const build = skipBuild ? '不重新构建' : `先以 WX_CLOUD_ENV=${config.envId} 运行 taro build --type weapp`;
    lines.push(`  1. 上传小程序代码 ${mp.miniprogramRoot}（${build}；${existing}）`);
  }
  plan.functions.forEach((fn, i) => {
    const n = (plan.miniprogram ? 2 : 1) + i;
    lines.push(`  ${n}. 上传云函数 ${fn.name}（云端安装依赖）`);
    for (const t of fn.triggers) lines.push(`     └ 创建定时触发器 ${t.name}：${t.config}`);
  });
  if (plan.consoleSteps.length) {
    lines.push('需要在控制台手动完成：');
    for (const s of plan.consoleSteps) lines.push(`  · ${s}`);
  }
  return lines;
}
