/** `npm run build:functions`: bundle each cloud function into build/cloudfunctions/<name>/. */
import * as path from 'node:path';
import { buildFunctions } from '../local-cloud/runtime/bundle-functions';
import { BUILD_FUNCTIONS_DIR, FUNCTIONS_DIR, REPO_ROOT, formatBytes } from './lib/repo';

async function run(): Promise<void> {
  const started = Date.now();
  const built = await buildFunctions({ functionsDir: FUNCTIONS_DIR, outDir: BUILD_FUNCTIONS_DIR });
  if (built.length === 0) {
    console.log(`没有找到云函数（${path.relative(REPO_ROOT, FUNCTIONS_DIR)}/<名称>/config.json）`);
    return;
  }
  for (const fn of built) {
    console.log(`  ${fn.name.padEnd(20)} ${formatBytes(fn.bytes).padStart(10)}  → ${path.relative(REPO_ROOT, fn.outDir)}/index.js`);
  }
  console.log(`已打包 ${built.length} 个云函数，用时 ${Date.now() - started} ms`);
}

run().catch((err: unknown) => {
  console.error(`云函数打包失败：${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
