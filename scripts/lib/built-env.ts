/**
 * Reads the cloud env id back out of a weapp build: config/index.ts bakes `CLOUD_ENV` into the
 * bundle, where src/services/cloud-client.ts hands it to `cloud.init({ env: … })`. The deploy
 * refuses to upload unless exactly one env id is found and it is the target's. Anything it
 * cannot read is refused too (fail closed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCAL_CLOUD_ENV } from '../../config/cloud-env';

export interface BuiltEnv {
  /** false when the directory holds no app.json (never built). */
  built: boolean;
  /** Distinct env ids passed to cloud.init in the bundle, sorted. */
  envIds: string[];
}

// Minified: `u().cloud.init({env:"prod-1",traceUser:!0})`; development: `cloud.init({ env: "prod-1", … })`.
const INIT_ENV = /\bcloud\.init\(\s*\{\s*env\s*:\s*(["'`])([^"'`]*)\1/g;

export function readBuiltEnv(outDir: string): BuiltEnv {
  if (!fs.existsSync(path.join(outDir, 'app.json'))) return { built: false, envIds: [] };
  const ids = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) for (const m of fs.readFileSync(p, 'utf8').matchAll(INIT_ENV)) ids.add(m[2]);
    }
  };
  walk(outDir);
  return { built: true, envIds: [...ids].sort() };
}

/** Why this build must not be uploaded to `target`, in Chinese; null when it may. */
export function builtEnvProblem(found: BuiltEnv, target: string, label: string): string | null {
  const rebuild = `请去掉 --skip-build 让 npm run deploy 按部署目标重新构建，或运行 WX_CLOUD_ENV=${target} npm run build:weapp`;
  if (!found.built) return `找不到 ${label}app.json：小程序尚未构建。${rebuild}`;
  if (found.envIds.length === 0) return `无法从构建产物 ${label} 中读出云环境 ID（cloud.init 的 env），拒绝上传。${rebuild}`;
  if (found.envIds.length > 1) return `构建产物 ${label} 中有多个云环境 ID（${found.envIds.join('、')}），拒绝上传。${rebuild}`;
  const [env] = found.envIds;
  if (env === LOCAL_CLOUD_ENV) {
    return `构建产物 ${label} 使用的是本地占位云环境 ${LOCAL_CLOUD_ENV}（构建时没有设置 WX_CLOUD_ENV），拒绝上传。${rebuild}`;
  }
  if (env !== target) return `构建产物 ${label} 的云环境是 ${env}，与部署目标 ${target} 不一致，拒绝上传。${rebuild}`;
  return null;
}
