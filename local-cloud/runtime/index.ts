/**
 * Loads every cloud function for local mode from the same esbuild bundle that is deployed
 * (in memory by default, or the files in build/cloudfunctions), and registers its `main`
 * with the local cloud so the gateway, timers and `cloud.callFunction` all reach it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleFunctions } from './bundle-functions';
import { listFunctionDirs, timeoutMsOf, type CollectionDeclaration, type FunctionConfig, type TriggerConfig } from './function-config';
import { loadBundle, type FunctionModule } from './load-bundle';

export { loadBundle, type FunctionModule } from './load-bundle';

export interface LoadedFunction {
  name: string;
  config: FunctionConfig;
  timeoutMs: number;
  triggers: TriggerConfig[];
  /** What its collections.json declares; these collections exist while it is registered. */
  collections: CollectionDeclaration[];
  main: FunctionModule['main'];
  bytes: number;
}

export interface LoadFunctionsOptions {
  /** Source dir with `<name>/config.json` + `index.ts`. */
  functionsDir: string;
  repoRoot?: string;
  /**
   * 'bundle' (default): esbuild in memory, always current with the sources.
   * 'build': the files `npm run build:functions` wrote to `buildDir` — byte-identical to upload.
   */
  source?: 'bundle' | 'build';
  buildDir?: string;
  /** The SDK object `require('wx-server-sdk')` returns inside the functions. */
  sdk: unknown;
  /**
   * Called once per function, normally the local cloud's `registerFunction`, with the
   * collections it declares and its configured timeout.
   */
  register: (name: string, main: FunctionModule['main'], opts: { collections: CollectionDeclaration[]; timeoutMs: number }) => void;
}

export async function loadFunctions(options: LoadFunctionsOptions): Promise<LoadedFunction[]> {
  const loaded: LoadedFunction[] = [];
  if (options.source === 'build') {
    const buildDir = options.buildDir;
    if (!buildDir) throw new Error('source 为 build 时需要指定 buildDir');
    for (const fn of listFunctionDirs(options.functionsDir)) {
      const file = path.join(buildDir, fn.name, 'index.js');
      if (!fs.existsSync(file)) throw new Error(`找不到 ${file}，请先运行 npm run build:functions`);
      const code = fs.readFileSync(file, 'utf8');
      loaded.push(toLoaded(fn.name, fn.config, fn.collections, code, file, options.sdk));
    }
  } else {
    const bundles = await bundleFunctions(options.functionsDir, { repoRoot: options.repoRoot });
    for (const b of bundles) {
      // Named like the deployed file so stack traces point at "the" index.js of that function.
      const file = path.join(b.dir, '__bundle__', 'index.js');
      loaded.push(toLoaded(b.name, b.config, b.collections, b.code, file, options.sdk));
    }
  }
  for (const fn of loaded) options.register(fn.name, fn.main, { collections: fn.collections, timeoutMs: fn.timeoutMs });
  return loaded;
}

function toLoaded(name: string, config: FunctionConfig, collections: CollectionDeclaration[], code: string, file: string, sdk: unknown): LoadedFunction {
  const mod = loadBundle(code, file, sdk);
  return {
    name,
    config,
    timeoutMs: timeoutMsOf(config),
    triggers: config.triggers ?? [],
    collections,
    main: mod.main,
    bytes: Buffer.byteLength(code),
  };
}
