/**
 * Every domain function has the shape of `affairs`: `index.ts` only routes (it imports the router
 * and its own handlers/channels, and defines no action), its repository is `repo.ts`, and
 * production modules carry no test hooks (a clock or adapter a test wants is injected, not
 * switched by an environment variable).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const FUNCTIONS = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const domains = fs.readdirSync(FUNCTIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name).sort();

/** The modules a file imports (this codebase writes every import as `… from '…'`). */
const importsOf = (text: string) => [...text.matchAll(/\bfrom\s*'([^']+)'/g)].map((m) => m[1]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : /\.ts$/.test(d.name) ? [p] : [];
  });
}

describe('domain shape', () => {
  it('finds the nine domain functions', () => {
    expect(domains).toEqual(['account', 'affairs', 'booking', 'consult', 'evaluation', 'matters', 'metrics', 'pay', 'push']);
  });

  it.each(domains)('%s/index.ts only routes', (fn) => {
    const text = fs.readFileSync(path.join(FUNCTIONS, fn, 'index.ts'), 'utf8');
    expect(text).not.toMatch(/\baction\s*\(/);
    expect(text).not.toMatch(/\bgetDb\b|\.collection\(/);
    const foreign = importsOf(text).filter((s) => !/^\.\/(handlers|channels)\//.test(s) && !/^\.\.\/shared\/router$/.test(s) && !/^\.\.\/\.\.\/core\//.test(s));
    // Timers and platform entries (push's dispatcher, pay's notification entry and reconcile) live beside the handlers.
    const beside: Record<string, string[]> = { push: ['./dispatch'], pay: ['./notify', './reconcile'] };
    expect(foreign.filter((s) => !(beside[fn] ?? []).includes(s))).toEqual([]);
  });

  it.each(domains)('%s keeps its repository in repo.ts', (fn) => {
    expect(fs.existsSync(path.join(FUNCTIONS, fn, 'repo.ts'))).toBe(true);
  });

  it('keeps no test hooks in production modules', () => {
    const hooks = sourceFiles(FUNCTIONS).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [...text.matchAll(/process\.env\.(\w*FAKE\w*)/g)].map((m) => `${path.relative(FUNCTIONS, file)}: ${m[1]}`);
    });
    expect(hooks).toEqual([]);
  });
});
