/**
 * Reads a cloud function's `config.json` — the same file WeChat DevTools uploads —
 * so the local runtime, the timers and the deploy script agree on one parsed shape.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { readFunctionCollections, type CollectionDeclaration } from './collections';

export * from './collections';

export const TriggerSchema = z.object({
  // WeChat: ≤ 60 chars of a-z A-Z 0-9 - _, starting with a letter.
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, '触发器名称须以字母开头，只含字母、数字、- 和 _，最长 60 个字符'),
  type: z.literal('timer'),
  config: z.string().min(1),
});
export type TriggerConfig = z.infer<typeof TriggerSchema>;

export const FunctionConfigSchema = z
  .object({
    permissions: z.object({ openapi: z.array(z.string()).optional() }).passthrough().optional(),
    triggers: z.array(TriggerSchema).optional(),
    // Seconds, as set in the console (default 3, max 60). Not read by WeChat from config.json,
    // but the local gateway honours it so a slow function fails here before it fails in production.
    timeout: z.number().positive().max(900).optional(),
  })
  .passthrough();
export type FunctionConfig = z.infer<typeof FunctionConfigSchema>;

export interface FunctionDir {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
  /** What `<dir>/collections.json` declares ([] without the file). */
  collections: CollectionDeclaration[];
}

export const DEFAULT_TIMEOUT_SECONDS = 3;

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`无法读取云函数配置 ${file}：${(err as Error).message}`);
  }
  const parsed = FunctionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('；');
    throw new Error(`云函数配置 ${file} 不合法：${issues}`);
  }
  return parsed.data;
}

/** Every `<functionsDir>/<name>/` holding a config.json, sorted by name (shared/ has none). */
export function listFunctionDirs(functionsDir: string): FunctionDir[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .map((d) => path.join(functionsDir, d.name))
    .filter((dir) => fs.existsSync(path.join(dir, 'config.json')))
    .sort()
    .map((dir) => {
      const entry = path.join(dir, 'index.ts');
      if (!fs.existsSync(entry)) throw new Error(`云函数 ${path.basename(dir)} 缺少入口文件 ${entry}`);
      return { name: path.basename(dir), dir, entry, config: readFunctionConfig(dir), collections: readFunctionCollections(dir) };
    });
}

export function timeoutMsOf(config: FunctionConfig): number {
  return Math.round((config.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
}
