/**
 * Deploy settings: environment variables first (CI secrets), then an untracked
 * deploy.config.json, validated with zod and explained in Chinese. Real ids and keys never
 * live in the repository; deploy.config.example.json holds placeholders only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { parseAdminList } from '../../core/policy';
import { LOCAL_CLOUD_ENV } from '../../config/cloud-env';

const PLACEHOLDER = /x{6,}|your|示例|placeholder/i;

export const DeployConfigSchema = z.object({
  appid: z
    .string({ required_error: '缺少小程序 AppID（环境变量 WX_APPID 或 deploy.config.json 的 appid）' })
    .regex(/^wx[0-9a-f]{16}$/, 'AppID 应为 wx 开头的 18 位字符（在 微信公众平台 → 开发管理 → 开发设置 查看）')
    .refine((v) => !PLACEHOLDER.test(v), 'AppID 仍是示例占位值，请填写真实 AppID'),
  envId: z
    .string({ required_error: '缺少云开发环境 ID（环境变量 WX_CLOUD_ENV 或 deploy.config.json 的 envId）' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/, '云开发环境 ID 格式不正确（在 云开发控制台 → 设置 查看）')
    .refine((v) => !PLACEHOLDER.test(v), '云开发环境 ID 仍是示例占位值')
    .refine((v) => v !== LOCAL_CLOUD_ENV, `${LOCAL_CLOUD_ENV} 是本地测试用的占位云环境，不能部署`),
  privateKeyPath: z.string({
    required_error: '缺少代码上传密钥路径（环境变量 WX_PRIVATE_KEY_PATH 或 deploy.config.json 的 privateKeyPath）',
  }).min(1, '代码上传密钥路径不能为空'),
  version: z.string().regex(/^\d+\.\d+\.\d+([-.][0-9A-Za-z.-]+)?$/, '版本号应形如 1.2.3'),
  desc: z.string().max(200, '版本描述不能超过 200 个字符'),
  robot: z.number().int().min(1, 'CI 机器人编号为 1-30').max(30, 'CI 机器人编号为 1-30').default(1),
  adminOpenids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '管理员 openid 格式不正确')).default([]),
});
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

export interface LoadedDeployConfig {
  config: DeployConfig;
  /** Where each value came from, for the plan printout (never the values of secrets). */
  sources: Record<string, string>;
  privateKeyFound: boolean;
}

export class DeployConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`部署配置有误：\n${problems.map((p) => `  · ${p}`).join('\n')}`);
    this.name = 'DeployConfigError';
  }
}

interface LoadOptions {
  env: NodeJS.ProcessEnv;
  repoRoot: string;
  configPath?: string;
  defaultVersion: string;
  now?: Date;
}

export function loadDeployConfig(options: LoadOptions): LoadedDeployConfig {
  const file = path.resolve(options.repoRoot, options.configPath ?? 'deploy.config.json');
  let fromFile: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new DeployConfigError([`${path.basename(file)} 不是合法的 JSON：${(err as Error).message}`]);
    }
  } else if (options.configPath) {
    throw new DeployConfigError([`找不到配置文件 ${file}`]);
  }

  const env = options.env;
  const sources: Record<string, string> = {};
  const pick = (key: string, envName: string): unknown => {
    if (env[envName]) {
      sources[key] = `环境变量 ${envName}`;
      return env[envName];
    }
    if (fromFile[key] !== undefined) {
      sources[key] = path.basename(file);
      return fromFile[key];
    }
    return undefined;
  };
  const adminRaw = pick('adminOpenids', 'ADMIN_OPENIDS');
  const robotRaw = pick('robot', 'WX_CI_ROBOT');
  const stamp = (options.now ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  const raw = {
    appid: pick('appid', 'WX_APPID'),
    envId: pick('envId', 'WX_CLOUD_ENV'),
    privateKeyPath: pick('privateKeyPath', 'WX_PRIVATE_KEY_PATH'),
    version: pick('version', 'WX_VERSION') ?? options.defaultVersion,
    desc: pick('desc', 'WX_DESC') ?? `${stamp} 由 npm run deploy 上传`,
    robot: typeof robotRaw === 'string' ? Number(robotRaw) : robotRaw,
    adminOpenids:
      typeof adminRaw === 'string' ? parseAdminList(adminRaw) : adminRaw,
  };
  const parsed = DeployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DeployConfigError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)));
  }
  const keyPath = path.resolve(options.repoRoot, parsed.data.privateKeyPath);
  const config = { ...parsed.data, privateKeyPath: keyPath };
  return { config, sources, privateKeyFound: fs.existsSync(keyPath) };
}
