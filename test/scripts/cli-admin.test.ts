/**
 * `npm run seed` and `npm run import:catalogue` on a fresh DATA_DIR with ADMIN_OPENIDS unset:
 * the CLI's default admin is the one the functions check, so neither answers FORBIDDEN.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withMatterForms } from '../../scripts/seed/affairs';

const ROOT = join(__dirname, '../..');
let dir: string;

function run(script: string, args: string[]): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  delete env.ADMIN_OPENIDS;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'cli-admin-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('import:catalogue --dry-run, then seed, work on a fresh DATA_DIR without ADMIN_OPENIDS', async () => {
  const dry = await run('scripts/import-catalogue.ts', ['seed/matters.json', '--dry-run']);
  expect(dry.out).not.toContain('FORBIDDEN');
  expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('预检通过：共 61 个事项，新增 61，更新 0') });

  const seeded = await run('scripts/seed.ts', []);
  expect(seeded.out).not.toContain('FORBIDDEN');
  expect(seeded).toMatchObject({ code: 0, out: expect.stringContaining('已导入示例事项 61 个') });

  // The seed adds the 在线申办 forms (seed/matter-forms.json) to the file: the bare file differs in exactly those matters.
  const withForms = Object.keys(JSON.parse(readFileSync(join(ROOT, 'seed/matter-forms.json'), 'utf8')).forms).length;
  const bare = await run('scripts/import-catalogue.ts', ['seed/matters.json', '--dry-run']);
  expect(bare).toMatchObject({ code: 0, out: expect.stringContaining(`预检通过：共 61 个事项，新增 0，更新 ${withForms}，未变 ${61 - withForms}`) });

  // Exactly what was seeded, again: nothing counts as updated, in a dry run or applied.
  const seededFile = join(dir, 'seeded-catalogue.json');
  writeFileSync(seededFile, withMatterForms(readFileSync(join(ROOT, 'seed/matters.json'), 'utf8')));
  const dryAgain = await run('scripts/import-catalogue.ts', [seededFile, '--dry-run']);
  expect(dryAgain).toMatchObject({ code: 0, out: expect.stringContaining('预检通过：共 61 个事项，新增 0，更新 0，未变 61') });
  const again = await run('scripts/import-catalogue.ts', [seededFile]);
  expect(again).toMatchObject({ code: 0, out: expect.stringContaining('导入完成：共 61 个事项，新增 0，更新 0，未变 61') });
}, 300_000);
