/**
 * Per-project test counts for `npm test`. Jest's JSON report lists test files, not projects, so
 * files are mapped back to the projects of jest.config.js through each project's `testMatch`.
 * A project that ran zero tests (a renamed folder, a broken testMatch, every test skipped) fails
 * the run instead of passing silently.
 */
import * as path from 'node:path';

export interface JestProject {
  name: string;
  /** Absolute-path regexes built from the project's testMatch globs. */
  matchers: RegExp[];
}

/** The subset of jest's `--json` report this module reads. */
export interface JestJsonReport {
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

export interface ProjectCount {
  name: string;
  files: number;
  /** Tests that actually ran (passed or failed); skipped and todo do not count. */
  tests: number;
}

/** Glob → RegExp for the forms jest configs use: `**`, `*`, `?`, `?(x)`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?' && glob[i + 1] === '(') {
      const end = glob.indexOf(')', i);
      re += `(?:${glob.slice(i + 2, end).split('|').map(escape).join('|')})?`;
      i = end;
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

interface RawProject {
  displayName?: string | { name: string };
  rootDir?: string;
  testMatch?: string[];
}

/** The projects of a jest config file (inline objects or paths to their own config files). */
export function readJestProjects(configFile: string): JestProject[] {
  const config = require(configFile) as { projects?: (string | RawProject)[] };
  return (config.projects ?? []).map((entry) => {
    let raw: RawProject;
    let base = path.dirname(configFile);
    if (typeof entry === 'string') {
      const file = path.resolve(base, entry);
      raw = require(file) as RawProject;
      base = path.dirname(file);
    } else raw = entry;
    const name = typeof raw.displayName === 'string' ? raw.displayName : raw.displayName?.name;
    if (!name) throw new Error(`jest 项目缺少 displayName（${configFile}）`);
    const rootDir = path.resolve(base, raw.rootDir ?? '.');
    const globs = raw.testMatch ?? ['**/?(*.)+(spec|test).[jt]s?(x)'];
    return { name, matchers: globs.map((g) => globToRegExp(g.replace(/<rootDir>/g, rootDir.split(path.sep).join('/')))) };
  });
}

/** Which project a test file belongs to (the first whose testMatch matches), if any. */
export function projectOf(projects: JestProject[], file: string): string | undefined {
  const f = file.split(path.sep).join('/');
  return projects.find((p) => p.matchers.some((m) => m.test(f)))?.name;
}

export function countByProject(projects: JestProject[], report: JestJsonReport): ProjectCount[] {
  const counts = new Map(projects.map((p) => [p.name, { name: p.name, files: 0, tests: 0 }]));
  for (const file of report.testResults) {
    const name = projectOf(projects, file.name);
    const c = name ? counts.get(name) : undefined;
    if (!c) continue;
    c.files += 1;
    c.tests += file.assertionResults.filter((a) => a.status === 'passed' || a.status === 'failed').length;
  }
  return [...counts.values()];
}

/** One Chinese line per project (among `expected`) that ran no test. */
export function zeroTestProblems(counts: ProjectCount[], expected: string[]): string[] {
  return counts
    .filter((c) => expected.includes(c.name) && c.tests === 0)
    .map((c) =>
      c.files === 0
        ? `jest 项目 ${c.name} 没有运行任何测试：没有找到测试文件（检查 jest.config.js 中它的 testMatch 与测试目录）`
        : `jest 项目 ${c.name} 没有运行任何测试：${c.files} 个测试文件中的测试全部被跳过或未执行`,
    );
}

/**
 * Which projects this run must have exercised, given the arguments forwarded to jest:
 * all of them for a plain run, the selected ones for `--selectProjects a b`, none when the
 * run was narrowed some other way (a path pattern, -t …) and zero is expected.
 */
export function projectsToCheck(all: string[], jestArgs: string[]): string[] {
  if (jestArgs.length === 0) return all;
  if (jestArgs[0] === '--selectProjects' && jestArgs.slice(1).every((a) => !a.startsWith('-'))) {
    return all.filter((n) => jestArgs.includes(n));
  }
  return [];
}
