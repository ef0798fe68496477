/**
 * eslint.config.mjs holds the layers of README「架构」: probe sources, linted as if they lived at
 * the given path (ESLint's Node API, nothing written to the tree), must break exactly the rule meant.
 */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../scripts/lib/repo';

interface Probe { filePath: string; code: string }

/**
 * ESLint loads eslint.config.mjs with import(), which jest's module sandbox refuses; so one plain
 * node process lints every probe through ESLint's Node API and answers `ruleId: message` lists.
 */
function lint(probes: Record<string, Probe>): Record<string, string[]> {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const [name, p] of Object.entries(probes)) {
        const [result] = await eslint.lintText(p.code, { filePath: p.filePath });
        out[name] = result.messages.map((m) => (m.ruleId || 'eslint') + ': ' + m.message);
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, input: JSON.stringify(probes), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`eslint probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string[]>;
}

const probes: Record<string, Probe> = {};
/** Registers a probe now (all are linted in one process before the tests) and reads its problems later. */
function probe(filePath: string, lines: string | string[]): () => string[] {
  const name = `${Object.keys(probes).length}`;
  probes[name] = { filePath, code: ([] as string[]).concat(lines).join('\n') };
  return () => found[name];
}
const rules = (problems: string[]) => problems.map((p) => p.split(':')[0]);

let found: Record<string, string[]> = {};
beforeAll(() => {
  found = lint(probes);
});

const CORE = 'core/probe/lint-probe.ts';

describe('core/ stays pure', () => {
  const platform = probe(CORE, [
    "import cloud from 'wx-server-sdk';",
    "import Taro from '@tarojs/taro';",
    "import { createHash } from 'node:crypto';",
    "import { readFileSync } from 'fs';",
    'export const probe = [cloud, Taro, createHash, readFileSync];',
  ]);
  it('refuses wx-server-sdk, @tarojs/*, node:* and bare Node built-ins', () => {
    expect(rules(platform())).toEqual(Array(4).fill('no-restricted-imports'));
    expect(platform().every((p) => p.includes('core/ 是纯领域逻辑'))).toBe(true);
  });

  const globals = probe(CORE, [
    'export const key = process.env.PII_KEY;',
    'export const login = () => wx.login();',
    "export const sdk = () => require('wx-server-sdk');",
    "export const later = () => import('./other');",
  ]);
  it('reads no process.env and touches no wx global, require() or import()', () => {
    expect(rules(globals())).toEqual(['no-restricted-globals', 'no-restricted-globals', 'no-restricted-globals', 'no-restricted-syntax']);
    expect(globals()[0]).toContain('不读 process.env');
  });

  const outer = probe(CORE, [
    "import { callCloud } from '../../src/services/cloud-client';",
    "import { ok } from '../../cloudfunctions/shared/router';",
    "import { db } from '../../local-cloud/db/database';",
    "import { page } from '@/pages/index/index';",
    'export const probe = [callCloud, ok, db, page];',
  ]);
  it('imports nothing from the outer layers', () => {
    expect(rules(outer())).toEqual(Array(4).fill('no-restricted-imports'));
  });

  const pure = probe(CORE, [
    "import { z } from 'zod';",
    "import { fail } from '../envelope';",
    "import raw from '../../config/push-templates.json';",
    'export const probe = [z, fail, raw];',
  ]);
  it('pure code passes: libraries, other core modules, config data', () => {
    expect(pure()).toEqual([]);
  });
});

describe('pages and components reach the cloud only through src/services/', () => {
  const page = probe('src/packages/push/pages/inbox/lint-probe.tsx', [
    "import Taro, { cloud } from '@tarojs/taro';",
    "export const a = () => fetch('/api/local/inbox');",
    "export const b = () => Taro.cloud.callFunction({ name: 'affairs' });",
    "export const c = () => Taro.request({ url: '/api' });",
    "export const d = () => window.fetch('/api');",
    'export const e = cloud;',
  ]);
  const component = probe('src/components/lint-probe.tsx', "export const a = () => fetch('/x');");
  it('a page or component calling fetch, Taro.cloud or Taro.request is an error', () => {
    expect(rules(page())).toEqual([
      'no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties', 'no-restricted-properties', 'no-restricted-properties',
    ]);
    expect(page()[1]).toContain('src/services/');
    expect(rules(component())).toEqual(['no-restricted-globals']);
  });

  const server = probe('src/packages/affairs/pages/lint-probe.tsx', [
    "import cloud from 'wx-server-sdk';",
    "import { createRepo } from '../../../../cloudfunctions/affairs/repo';",
    "import { randomBytes } from 'crypto';",
    "import Taro, { useRouter } from '@tarojs/taro';",
    "export const probe = [cloud, createRepo, randomBytes, useRouter, () => Taro.navigateTo({ url: '/pages/mine/index' })];",
  ]);
  it('a page importing server code or Node built-ins is an error; Taro UI APIs are fine', () => {
    expect(rules(server())).toEqual(Array(3).fill('no-restricted-imports'));
  });

  const service = probe('src/services/lint-probe.ts', [
    "import Taro from '@tarojs/taro';",
    "export const a = () => [fetch('/api'), Taro.cloud.callFunction({ name: 'x' })];",
  ]);
  it('src/services/ is where fetch and Taro.cloud live', () => {
    expect(service()).toEqual([]);
  });
});

describe('React hooks in src/', () => {
  const hooks = probe('src/packages/affairs/pages/lint-probe.tsx', [
    "import { useState } from 'react';",
    'export default function Page({ draft }: { draft: boolean }) {',
    '  if (draft) {',
    '    const [x] = useState(0);',
    '    return x;',
    '  }',
    '  return null;',
    '}',
  ]);
  it('a hook called conditionally is an error', () => {
    expect(rules(hooks())).toEqual(['react-hooks/rules-of-hooks']);
  });
});

describe('cloud functions and the whole tree', () => {
  const fn = probe('cloudfunctions/affairs/lint-probe.ts', [
    "import { db } from '../../local-cloud/db/database';",
    "import { sdk } from 'local-cloud/sdk';",
    'export const probe = [db, sdk];',
  ]);
  it('a cloud function never imports the local cloud that stands in for wx-server-sdk (relative or via baseUrl)', () => {
    expect(rules(fn())).toEqual(['no-restricted-imports', 'no-restricted-imports']);
  });

  const unused = probe('scripts/lint-probe.ts', [
    "import { z, ZodError } from 'zod';",
    'export function probe(a: number, _b: number) {',
    '  const unused = 1;',
    '  const { id: _id, ...rest } = { id: 1, x: 2 };',
    '  const { skip, ...others } = { skip: 1, y: 2 };',
    '  return [z, rest, others];',
    '}',
  ]);
  it('unused variables are errors; a leading _ or a rest sibling keeps one on purpose', () => {
    expect(unused().map((p) => p.split('.')[0])).toEqual([
      "@typescript-eslint/no-unused-vars: 'ZodError' is defined but never used",
      "@typescript-eslint/no-unused-vars: 'a' is defined but never used",
      "@typescript-eslint/no-unused-vars: 'unused' is assigned a value but never used",
    ]);
  });

  const stale = probe('test/lint-probe.ts', [
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
    'export const x: any = 1;',
  ]);
  it('an eslint-disable comment the linter does not need is itself an error', () => {
    expect(stale()).toEqual([expect.stringMatching(/^eslint: Unused eslint-disable directive/)]);
  });
});
