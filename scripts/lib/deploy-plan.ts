/**
 * What `npm run deploy` will do, computed without touching the network so `--dry-run` can
 * print it and CI can check it. Also lists the console steps miniprogram-ci cannot do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_SECONDS, listFunctionDirs, type TriggerConfig } from './function-config';
import { consoleSetup, consoleStepLines, type ConsoleSetup } from './console-setup';
import { cronProblem } from '../../local-cloud/timers/cron';
import type { DeployConfig } from './deploy-config';
import { builtEnvProblem, readBuiltEnv, type BuiltEnv } from './built-env';

export interface FunctionPlan {
  name: string;
  buildDir: string;
  triggers: TriggerConfig[];
  timeoutSeconds: number;
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
  /** Collections, permissions, indexes, timeouts, env vars: what only the console can set. */
  setup: ConsoleSetup | null;
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
  let consoleSteps: string[] = [];
  let setup: ConsoleSetup | null = null;

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
      }));
    for (const fn of functions) {
      if (fn.triggers.length > 1) problems.push(`云函数 ${fn.name} 配置了 ${fn.triggers.length} 个触发器，微信云开发只支持 1 个`);
      for (const t of fn.triggers) {
        const problem = cronProblem(t.config);
        if (problem) problems.push(`云函数 ${fn.name} 的${problem}`);
      }
    }

    // miniprogram-ci cannot set these; say exactly where to click instead of failing silently.
    // Generated from the same collections.json / config.json as docs/deploy-console.md.
    const planned = all.filter((f) => functions.some((fn) => fn.name === f.name));
    setup = consoleSetup(planned, options.functionsDir);
    problems.push(...setup.problems);
    consoleSteps = consoleStepLines(setup, config.adminOpenids);
  }
  return { miniprogram, functions, setup, consoleSteps, problems };
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
