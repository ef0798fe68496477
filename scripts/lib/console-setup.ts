/**
 * What has to be set up by hand in the WeChat cloud console (miniprogram-ci cannot): the
 * collections with their permission and indexes (from each function's collections.json), and
 * each function's timeout, environment variables and trigger (from config.json and the code).
 * One model, two renderings: the console steps of `npm run deploy` and docs/deploy-console.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TIMEOUT_SECONDS, type FunctionDir, type TriggerConfig } from './function-config';
import { describeIndexKeys, mergeCollections, readFunctionCollections, type MergedCollection } from './collections';
import { STORAGE_FOLDERS, STORAGE_SECURITY_RULES } from '../../cloudfunctions/shared/storage-paths';

/** The console's data permission for every collection: the mini-program never reads the database directly. */
export const COLLECTION_PERMISSION = '所有用户不可读写（仅云函数）';

/** Descriptions of environment variables the shared code reads (config.json `envVariables` may add or override). */
const KNOWN_ENV_VARS: Record<string, string> = {
  ADMIN_OPENIDS: '管理员的 openid，逗号分隔（首位管理员登录后即可在“工作人员管理”中添加其他人员）',
};
/** Set by the platform or the runtime, never by hand. */
const PLATFORM_ENV = /^(NODE_ENV|TZ|SCF_.*|TCB_.*|TENCENTCLOUD_.*|QCLOUD_.*|WX_API_TOKEN)$/;

export interface EnvVarSetup {
  name: string;
  description: string;
}

export interface FunctionSetup {
  name: string;
  timeoutSeconds: number;
  envVars: EnvVarSetup[];
  triggers: TriggerConfig[];
  openapi: string[];
}

export interface ConsoleSetup {
  collections: MergedCollection[];
  functions: FunctionSetup[];
  problems: string[];
}

export function consoleSetup(functions: FunctionDir[], functionsDir: string): ConsoleSetup {
  const { collections, problems } = mergeCollections(functions.map((f) => ({ functionName: f.name, collections: readFunctionCollections(f.dir) })));
  const shared = path.join(functionsDir, 'shared');
  const setups = functions.map((f): FunctionSetup => {
    const declared = envVariablesOf(f);
    const used = envVarsReadBy([f.dir, shared]);
    const names = [...new Set([...Object.keys(declared), ...used])].sort();
    return {
      name: f.name,
      timeoutSeconds: f.config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
      envVars: names.map((name) => ({ name, description: declared[name] ?? KNOWN_ENV_VARS[name] ?? '（请在 config.json 的 envVariables 中说明）' })),
      triggers: f.config.triggers ?? [],
      openapi: f.config.permissions?.openapi ?? [],
    };
  });
  return { collections, functions: setups, problems };
}

/** Optional `"envVariables": { "NAME": "中文说明" }` in config.json (the CloudBase CLI's field name). */
function envVariablesOf(f: FunctionDir): Record<string, string> {
  const raw = (f.config as Record<string, unknown>).envVariables;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new Error(`云函数 ${f.name} 的 config.json：envVariables 应为 { "变量名": "中文说明" }`);
  }
  return raw as Record<string, string>;
}

/** `process.env.X` read anywhere in these source trees. */
function envVarsReadBy(dirs: string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.(ts|js)$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g)) {
          const name = m[1] ?? m[2];
          if (!PLATFORM_ENV.test(name)) found.add(name);
        }
      }
    }
  };
  dirs.forEach(walk);
  return [...found];
}

function indexLine(i: MergedCollection['indexes'][number]): string {
  return `索引 ${i.name}：${describeIndexKeys(i.keys)}（${i.unique ? '唯一' : '非唯一'}）`;
}

/** The console steps `npm run deploy` prints (also after a real upload). */
export function consoleStepLines(setup: ConsoleSetup, adminOpenids: string[]): string[] {
  const steps: string[] = [];
  for (const c of setup.collections) {
    const indexes = c.indexes.length ? c.indexes.map((i) => `\n      ${indexLine(i)}`).join('') : '\n      不需要额外索引';
    steps.push(`数据库：创建集合 ${c.name}（${c.description}；云函数 ${c.declaredBy.join('、')}），数据权限设为“${COLLECTION_PERMISSION}”${indexes}`);
  }
  for (const f of setup.functions) {
    const vars = f.envVars.map((v) => `${v.name}=${v.name === 'ADMIN_OPENIDS' && adminOpenids.length ? adminOpenids.join(',') : `<${v.description}>`}`);
    const parts = [`超时时间 ${f.timeoutSeconds} 秒`, ...(vars.length ? [`环境变量 ${vars.join('；')}`] : [])];
    steps.push(`云函数 ${f.name}：在 云开发控制台 → 云函数 → ${f.name} → 版本与配置 → 编辑 中设置${parts.join('，')}（miniprogram-ci 不会设置超时时间和环境变量）`);
  }
  steps.push(`云存储：在 云开发控制台 → 存储 → 权限设置 中选择“自定义安全规则”，填入 ${JSON.stringify(STORAGE_SECURITY_RULES)}（小程序端不能直接读取任何文件，只能写自己的 uploads/<openid>/；详见 docs/deploy-console.md 第 3 节）`);
  if (setup.functions.length) {
    steps.push(
      '运行时：miniprogram-ci 首次创建云函数时使用 Node.js 8.9 运行时，而打包产物面向 Node.js 16。新云函数请先在开发者工具或控制台以 Node.js 16/18 运行时创建，再运行本脚本更新代码',
    );
  }
  return steps;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/deploy-console.md, generated; a test keeps the committed file equal to this. */
export function renderConsoleDoc(setup: ConsoleSetup): string {
  const out: string[] = [];
  out.push('# 云开发控制台配置清单');
  out.push('');
  out.push('<!-- 本文件由 `npm run docs:deploy` 根据 cloudfunctions/*/collections.json、cloudfunctions/*/config.json 与 cloudfunctions/shared/storage-paths.ts 生成，请勿手工编辑；测试会检查它与这些文件一致。 -->');
  out.push('');
  out.push('`npm run deploy` 用 miniprogram-ci 上传小程序与各云函数的代码并创建定时触发器。下面这些 miniprogram-ci 做不到，需要在 **云开发控制台** 手动完成；`npm run deploy -- --dry-run` 会打印同一份清单。');
  out.push('');
  out.push('## 1. 数据库集合');
  out.push('');
  out.push(`在 云开发控制台 → 数据库 中逐个创建下列集合；每个集合的“数据权限”选择 **${COLLECTION_PERMISSION}**（小程序端从不直连数据库，所有读写都经云函数）；再在“索引管理”中添加所列索引。未创建的集合在微信云开发中读写会报错 -502005。`);
  out.push('');
  out.push('| 集合 | 说明 | 数据权限 | 声明它的云函数 | 索引数 |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const c of setup.collections) {
    out.push(`| \`${c.name}\` | ${cell(c.description)} | ${COLLECTION_PERMISSION} | ${c.declaredBy.join('、')} | ${c.indexes.length} |`);
  }
  for (const c of setup.collections) {
    out.push('');
    out.push(`### \`${c.name}\`：${c.description}`);
    out.push('');
    out.push(`- 数据权限：${COLLECTION_PERMISSION}`);
    out.push(`- 声明它的云函数：${c.declaredBy.join('、')}`);
    if (!c.indexes.length) {
      out.push('- 索引：无需额外索引（只按 `_id` 访问或数据量很小）');
      continue;
    }
    out.push('');
    out.push('| 索引名 | 字段与方向 | 唯一 |');
    out.push('| --- | --- | --- |');
    for (const i of c.indexes) out.push(`| \`${i.name}\` | ${describeIndexKeys(i.keys)} | ${i.unique ? '是' : '否'} |`);
  }
  out.push('');
  out.push('## 2. 云函数');
  out.push('');
  out.push('在 云开发控制台 → 云函数 → <云函数名> → 版本与配置 → 编辑 中设置超时时间与环境变量（miniprogram-ci 不会设置它们；本地网关按 `config.json` 的 `timeout` 执行超时）。定时触发器与云调用权限随 `npm run deploy` 上传，这里列出以便核对。');
  out.push('');
  out.push('| 云函数 | 超时时间 | 环境变量 | 定时触发器 | 云调用权限 |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const f of setup.functions) {
    const vars = f.envVars.map((v) => `\`${v.name}\``).join('、') || '—';
    const triggers = f.triggers.map((t) => `\`${t.name}\`：\`${t.config}\``).join('；') || '—';
    const openapi = f.openapi.map((p) => `\`${p}\``).join('、') || '—';
    out.push(`| \`${f.name}\` | ${f.timeoutSeconds} 秒 | ${vars} | ${triggers} | ${openapi} |`);
  }
  const vars = new Map<string, { description: string; functions: string[] }>();
  for (const f of setup.functions) {
    for (const v of f.envVars) {
      const seen = vars.get(v.name) ?? { description: v.description, functions: [] };
      seen.functions.push(f.name);
      vars.set(v.name, seen);
    }
  }
  if (vars.size) {
    out.push('');
    out.push('### 环境变量');
    out.push('');
    out.push('| 变量 | 设置到这些云函数 | 说明 |');
    out.push('| --- | --- | --- |');
    for (const [name, v] of [...vars].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`| \`${name}\` | ${v.functions.join('、')} | ${cell(v.description)} |`);
    }
  }
  out.push('');
  out.push('### 运行时');
  out.push('');
  out.push('miniprogram-ci 首次创建云函数时使用 Node.js 8.9 运行时，而打包产物面向 Node.js 16。新云函数请先在开发者工具或控制台以 Node.js 16/18 运行时创建，再运行 `npm run deploy` 更新代码。');
  out.push('');
  renderStorage(out);
  return out.join('\n');
}

/** Section 3: the storage folders and the bucket's security rule (from cloudfunctions/shared/storage-paths.ts). */
function renderStorage(out: string[]): void {
  out.push('## 3. 云存储');
  out.push('');
  out.push('在 云开发控制台 → 存储 → 权限设置 中选择 **自定义安全规则**，填入下面的规则（由 `cloudfunctions/shared/storage-paths.ts` 生成）。小程序端 **不能直接读取任何文件**：文件只通过云函数在权限判断（`core/policy.ts`：本人，或办理该件的部门工作人员）之后签发的临时链接访问，有效期不超过 2 小时；小程序端只能写自己的 `uploads/<openid>/` 目录。云函数不受安全规则限制。');
  out.push('');
  out.push('```json');
  out.push(JSON.stringify(STORAGE_SECURITY_RULES, null, 2));
  out.push('```');
  out.push('');
  out.push('| 目录 | 内容 | 小程序端读 | 小程序端写 |');
  out.push('| --- | --- | --- | --- |');
  for (const f of STORAGE_FOLDERS) out.push(`| \`${f.prefix}\` | ${cell(f.description)} | 否 | ${f.clientWrite ? '仅本人' : '否（仅云函数）'} |`);
  out.push('');
}
