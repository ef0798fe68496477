/**
 * `npm run docs:deploy`: writes docs/deploy-console.md (collections, permissions, indexes,
 * timeouts, env vars, triggers) from cloudfunctions/<fn>/collections.json and config.json —
 * the same model `npm run deploy -- --dry-run` prints. `--check` only compares (exit 1 on drift).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consoleSetup, renderConsoleDoc } from './lib/console-setup';
import { listFunctionDirs } from './lib/function-config';
import { FUNCTIONS_DIR, REPO_ROOT } from './lib/repo';

export const DEPLOY_CONSOLE_DOC = path.join(REPO_ROOT, 'docs', 'deploy-console.md');

export function generateDeployConsoleDoc(functionsDir = FUNCTIONS_DIR): string {
  const setup = consoleSetup(listFunctionDirs(functionsDir), functionsDir);
  if (setup.problems.length) throw new Error(`集合声明有冲突：\n${setup.problems.map((p) => `  · ${p}`).join('\n')}`);
  return renderConsoleDoc(setup);
}

if (require.main === module) {
  const doc = generateDeployConsoleDoc();
  const rel = path.relative(REPO_ROOT, DEPLOY_CONSOLE_DOC);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(DEPLOY_CONSOLE_DOC) ? fs.readFileSync(DEPLOY_CONSOLE_DOC, 'utf8') : '';
    if (current !== doc) {
      console.error(`${rel} 与 collections.json / config.json 不一致，请运行 npm run docs:deploy`);
      process.exit(1);
    }
    console.log(`${rel} 是最新的`);
  } else {
    fs.mkdirSync(path.dirname(DEPLOY_CONSOLE_DOC), { recursive: true });
    fs.writeFileSync(DEPLOY_CONSOLE_DOC, doc);
    console.log(`已生成 ${rel}`);
  }
}
