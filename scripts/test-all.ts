/**
 * `npm test`: the whole suite, as CI runs it.
 *   1. type-check everything (`npm run typecheck`: app, functions, core, local cloud, scripts,
 *      tests — including the compile-time contract checks in test/types/ — then core/ again
 *      alone, without DOM or Node types)
 *   2. lint (`npm run lint`: the layer rules and unused variables of eslint.config.mjs)
 *   3. build the cloud-function bundles, the weapp build and the H5 build (later tests drive them)
 *   4. one jest run over every project: domain, functions (local cloud), components,
 *      simulate (miniprogram-simulate on dist/), e2e (headless Chromium on dist-h5/)
 *   5. print the plain summary line `N passed, N failed`; a project of jest.config.js that ran
 *      zero tests fails the run
 * `--skip-build` reuses existing builds (handy while iterating). Other arguments go to jest.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countByProject, projectsToCheck, readJestProjects, zeroTestProblems, type JestJsonReport } from './lib/jest-projects';
import { REPO_ROOT } from './lib/repo';

function step(title: string, cmd: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`✖ ${title} 失败（退出码 ${r.status}）`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`✔ ${title}（${((Date.now() - started) / 1000).toFixed(1)} s）`);
}

const args = process.argv.slice(2);
const jestArgs = args.filter((a) => a !== '--skip-build');

// First and always: a type error fails the run before minutes of builds.
step('类型检查（npm run typecheck）', 'npm', ['run', '--silent', 'typecheck']);
step('代码规范检查（npm run lint）', 'npm', ['run', '--silent', 'lint']);
if (!args.includes('--skip-build')) {
  step('构建云函数', 'npx', ['tsx', 'scripts/build-functions.ts']);
  step('构建小程序 (weapp)', 'npx', ['taro', 'build', '--type', 'weapp']);
  step('构建 H5', 'npx', ['taro', 'build', '--type', 'h5']);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-report-')), 'report.json');
console.log('\n▶ jest（domain / functions / components / simulate / e2e）');
const jest = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${report}`, ...jestArgs], {
  cwd: REPO_ROOT, stdio: 'inherit', env: process.env,
});

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8')) as JestJsonReport & {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
    numRuntimeErrorTestSuites: number; numTotalTests: number;
  };
  passed = r.numPassedTests;
  // A suite that crashed before its tests ran counts as a failure; so does a skipped test (no silent skips).
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites + r.numPendingTests + r.numTodoTests;
  if (r.numTotalTests === 0) failed += 1;

  const projects = readJestProjects(path.join(REPO_ROOT, 'jest.config.js'));
  const counts = countByProject(projects, r);
  console.log(`\n各项目测试数：${counts.map((c) => `${c.name} ${c.tests}`).join('，')}`);
  const empty = zeroTestProblems(counts, projectsToCheck(projects.map((p) => p.name), jestArgs));
  for (const line of empty) console.error(`✖ ${line}`);
  failed += empty.length;
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
