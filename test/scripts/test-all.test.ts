/**
 * The README's test command (`npm test` → scripts/test-all.ts): it type-checks before anything
 * else, the type-check covers every part of the repository, and a jest project that runs zero
 * tests fails the run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import {
  countByProject, globToRegExp, projectOf, projectsToCheck, readJestProjects, zeroTestProblems, type JestJsonReport,
} from '../../scripts/lib/jest-projects';
import { REPO_ROOT } from '../../scripts/lib/repo';

const projects = readJestProjects(path.join(REPO_ROOT, 'jest.config.js'));
const names = projects.map((p) => p.name);
const abs = (rel: string) => path.join(REPO_ROOT, rel);

function listFiles(dir: string, re: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : listFiles(p, re);
    return re.test(e.name) ? [p] : [];
  });
}

describe('jest projects ↔ report', () => {
  it('reads the five projects of jest.config.js, including the one in its own config file', () => {
    expect(names).toEqual(['domain', 'functions', 'components', 'simulate', 'e2e']);
  });

  it('maps every test file under test/ to exactly the project that runs it', () => {
    expect(projectOf(projects, abs('test/domain/search.test.ts'))).toBe('domain');
    expect(projectOf(projects, abs('test/gateway/deploy.test.ts'))).toBe('functions');
    expect(projectOf(projects, abs('test/scripts/test-all.test.ts'))).toBe('functions');
    expect(projectOf(projects, abs('test/components/pages.test.tsx'))).toBe('components');
    expect(projectOf(projects, abs('test/components/cloud-client.test.ts'))).toBe('components');
    expect(projectOf(projects, abs('test/simulate/guide-page.test.ts'))).toBe('simulate');
    expect(projectOf(projects, abs('test/e2e/guide-journey.test.ts'))).toBe('e2e');
    expect(projectOf(projects, abs('test/components/matter-fixture.ts'))).toBeUndefined();
    expect(projectOf(projects, abs('src/app.test.ts'))).toBeUndefined();
    // No test file is orphaned: each would silently never run.
    const orphans = listFiles(abs('test'), /\.test\.tsx?$/).filter((f) => !projectOf(projects, f));
    expect(orphans).toEqual([]);
  });

  it('globs: ** spans directories, * stays in one, ?(x) is optional', () => {
    const re = globToRegExp('/r/test/**/*.test.ts?(x)');
    expect(re.test('/r/test/a.test.ts')).toBe(true);
    expect(re.test('/r/test/a/b/c.test.tsx')).toBe(true);
    expect(re.test('/r/test/a.test.js')).toBe(false);
    expect(re.test('/r/other/a.test.ts')).toBe(false);
    expect(globToRegExp('/r/*.{js,ts}').test('/r/a/b.ts')).toBe(false);
  });

  const report = (files: Record<string, string[]>): JestJsonReport => ({
    testResults: Object.entries(files).map(([name, statuses]) => ({ name: abs(name), assertionResults: statuses.map((status) => ({ status })) })),
  });

  it('counts tests per project and fails a project with no test file', () => {
    const counts = countByProject(projects, report({
      'test/domain/a.test.ts': ['passed', 'passed'],
      'test/gateway/b.test.ts': ['failed'],
      'test/components/c.test.tsx': ['passed'],
      'test/e2e/d.test.ts': ['passed'],
    }));
    expect(counts).toEqual([
      { name: 'domain', files: 1, tests: 2 },
      { name: 'functions', files: 1, tests: 1 },
      { name: 'components', files: 1, tests: 1 },
      { name: 'simulate', files: 0, tests: 0 },
      { name: 'e2e', files: 1, tests: 1 },
    ]);
    expect(zeroTestProblems(counts, names)).toEqual([
      'jest 项目 simulate 没有运行任何测试：没有找到测试文件（检查 jest.config.js 中它的 testMatch 与测试目录）',
    ]);
  });

  it('a project whose tests were all skipped ran zero tests', () => {
    const counts = countByProject(projects, report({
      'test/domain/a.test.ts': ['passed'], 'test/functions/b.test.ts': ['passed'], 'test/components/c.test.tsx': ['passed'],
      'test/simulate/s.test.ts': ['pending', 'todo'], 'test/e2e/d.test.ts': ['passed'],
    }));
    expect(zeroTestProblems(counts, names)).toEqual(['jest 项目 simulate 没有运行任何测试：1 个测试文件中的测试全部被跳过或未执行']);
  });

  it('checks every project on a plain run, the selected ones with --selectProjects, none when narrowed by path', () => {
    expect(projectsToCheck(names, [])).toEqual(names);
    expect(projectsToCheck(names, ['--selectProjects', 'e2e', 'domain'])).toEqual(['domain', 'e2e']);
    expect(projectsToCheck(names, ['test/domain'])).toEqual([]);
    expect(projectsToCheck(names, ['--selectProjects', 'e2e', '-t', 'x'])).toEqual([]);
  });
});

describe('type-check in the test command', () => {
  it('tsconfig.json covers app, functions, core, local cloud, scripts, config and every test (test/types too)', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(abs('tsconfig.json'), {}, {
      ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); },
    });
    const files = new Set(parsed!.fileNames.map((f) => path.resolve(f)));
    const expected = [
      'src/app.ts', 'src/services/cloud-client.ts', 'cloudfunctions/matters/index.ts', 'cloudfunctions/shared/router.ts',
      'core/api.ts', 'local-cloud/index.ts', 'scripts/test-all.ts', 'scripts/lib/deploy-plan.ts', 'config/index.ts',
      'test/types/router-contract.ts', 'test/components/pages.test.tsx', 'test/functions/harness.ts',
    ];
    expect(expected.filter((f) => !files.has(abs(f)))).toEqual([]);
    // Every TypeScript file of these trees, not just the samples above.
    const trees = ['src', 'core', 'cloudfunctions', 'local-cloud', 'scripts', 'test', 'config'];
    const missing = trees.flatMap((t) => listFiles(abs(t), /\.tsx?$/)).filter((f) => !files.has(f));
    expect(missing).toEqual([]);
    expect(JSON.parse(fs.readFileSync(abs('package.json'), 'utf8')).scripts.typecheck)
      .toBe('tsc --noEmit -p tsconfig.json && tsc --noEmit -p core/tsconfig.json');
  });

  it('core/tsconfig.json checks every core file without DOM or Node types', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(abs('core/tsconfig.json'), {}, {
      ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); },
    });
    const files = parsed!.fileNames.map((f) => path.resolve(f));
    expect(listFiles(abs('core'), /\.tsx?$/).filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => !f.startsWith(abs('core') + path.sep))).toEqual([]);
    // A core module that reaches for the platform, checked with these options (papaparse imported
    // too: its published types would bring Node's globals with them).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-tsconfig-'));
    try {
      const probe = path.join(dir, 'probe.ts');
      fs.writeFileSync(probe, [
        "import Papa from 'papaparse';",
        "export const rows = Papa.parse<string[]>('a,b').data;",
        'export const key = process.env.PII_KEY;',
        "export const bytes = Buffer.from('x');",
        'export const title = document.title;',
        "export const log = () => console.log('x');",
      ].join('\n'));
      const program = ts.createProgram([probe], parsed!.options);
      const unknown = ts.getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        .map((m) => /Cannot find name '(\w+)'/.exec(m)?.[1] ?? m);
      expect(unknown).toEqual(['process', 'Buffer', 'document', 'console']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * `npm test` run in a throwaway repository holding the real scripts/ (and `files`), whose
   * package.json has `scripts`; answers its output and exit status.
   */
  function testAllIn(scripts: Record<string, string>, files: Record<string, string>): { out: string; status: number | null } {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'test-all-'));
    try {
      fs.cpSync(abs('scripts'), path.join(repo, 'scripts'), { recursive: true });
      // scripts/lib/repo.ts takes the repository paths from the local cloud's runtime.
      fs.mkdirSync(path.join(repo, 'local-cloud', 'runtime'), { recursive: true });
      fs.copyFileSync(abs('local-cloud/runtime/paths.ts'), path.join(repo, 'local-cloud', 'runtime', 'paths.ts'));
      fs.symlinkSync(abs('node_modules'), path.join(repo, 'node_modules'), 'dir');
      fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'probe', private: true, scripts }));
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(repo, name), text);
      const r = spawnSync(process.execPath, [abs('node_modules/tsx/dist/cli.mjs'), 'scripts/test-all.ts'], { cwd: repo, encoding: 'utf8', timeout: 120000 });
      return { out: `${r.stdout}${r.stderr}`, status: r.status };
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  }

  /** The run failed at `step`, reported `0 passed, 1 failed` and never reached the builds or jest. */
  function expectStoppedAt(step: string, { out, status }: { out: string; status: number | null }): void {
    expect(out).toContain(`✖ ${step} 失败`);
    expect(out.trim().split('\n').filter((l) => /^\d+ passed, \d+ failed$/.test(l))).toEqual(['0 passed, 1 failed']);
    expect(out).not.toContain('▶ 构建云函数');
    expect(out).not.toContain('▶ jest');
    expect(status).toBe(1);
  }

  it('a type error stops `npm test` before the builds and jest, printing 0 passed, 1 failed', () => {
    const run = testAllIn({ typecheck: 'tsc --noEmit -p tsconfig.json' }, {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, include: ['drift.ts'] }),
      'drift.ts': "export const budget: number = '100';\n",
    });
    expect(run.out).toContain("drift.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    expectStoppedAt('类型检查（npm run typecheck）', run);
  });

  it('the lint step follows the type-check: a lint error stops `npm test` before the builds and jest', () => {
    expect(JSON.parse(fs.readFileSync(abs('package.json'), 'utf8')).scripts.lint).toBe('eslint .');
    // The real eslint.config.mjs; the one file has an unused variable.
    const run = testAllIn({ typecheck: 'node -e ""', lint: 'eslint drift.ts' }, {
      'eslint.config.mjs': fs.readFileSync(abs('eslint.config.mjs'), 'utf8'),
      'drift.ts': 'export function budget() {\n  const left = 100;\n  return 0;\n}\n',
    });
    expect(run.out).toContain('✔ 类型检查（npm run typecheck）');
    expect(run.out).toContain("2:9  error  'left' is assigned a value but never used");
    expectStoppedAt('代码规范检查（npm run lint）', run);
  });
});
