/**
 * Layering: scripts/ may use the local cloud, never the other way round. A file under
 * local-cloud/ that imports (or requires) anything inside scripts/ fails this test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const LOCAL_CLOUD = path.join(REPO, 'local-cloud');
const SCRIPTS = path.join(REPO, 'scripts');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|cjs|mjs)$/.test(d.name) ? [p] : [];
  });
}

/** Every module specifier in import/export-from/require()/import() of a source text. */
export function specifiersOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

function offenders(): string[] {
  const bad: string[] = [];
  for (const file of sourceFiles(LOCAL_CLOUD)) {
    for (const spec of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (target === SCRIPTS || target.startsWith(SCRIPTS + path.sep)) bad.push(`${path.relative(REPO, file)} → ${spec}`);
    }
  }
  return bad;
}

describe('layering', () => {
  it('finds imports of every form (the checker itself works)', () => {
    const text = [
      "import { a } from '../../scripts/lib/x';",
      "import type { B } from '../scripts/y'",
      "export * from '../../scripts/z';",
      "const c = require('../../scripts/w');",
      "import '../../scripts/side-effect';",
    ].join('\n');
    expect(specifiersOf(text)).toEqual(
      expect.arrayContaining(['../../scripts/lib/x', '../scripts/y', '../../scripts/z', '../../scripts/w', '../../scripts/side-effect']),
    );
  });

  it('no file under local-cloud/ imports from scripts/', () => {
    expect(offenders()).toEqual([]);
  });
});
