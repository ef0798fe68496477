/**
 * kill -9 in the middle of an import: a separate writer process (the real CLI, writes slowed)
 * imports into a file-backed local cloud and is SIGKILLed while staging. The same DATA_DIR then
 * shows citizens exactly the old catalogue (or, had the flip happened, exactly the new one),
 * never a mix; the next import works.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, resetLocalCloud } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as matters } from '../../cloudfunctions/matters';
import { main as account } from '../../cloudfunctions/account';
import { importCatalogueFile } from '../../scripts/lib/import-file';
import cloud = require('../../local-cloud/sdk');
import seed from '../../seed/matters.json';

const ADMIN = 'local-admin';
const seedMatters = (seed as { matters: Record<string, any>[] }).matters;
const invoke = (name: string, data: unknown, openid?: string) => invokeFunction(name, data, openid ? { OPENID: openid } : {});
const call = async (action: string, params: unknown) => invoke('matters', { action, params }) as Promise<any>;

let dir: string;
const previousAdmins = process.env.ADMIN_OPENIDS;

function open() {
  resetLocalCloud();
  configureLocalCloud({ dataDir: dir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  process.env.ADMIN_OPENIDS = ADMIN;
  registerFunction('matters', matters);
  registerFunction('account', account);
}

/** What citizens see: home, a list, a search and every guide by id (old and new ids). */
async function citizenView(ids: string[]) {
  const guides: Record<string, string> = {};
  for (const id of ids) {
    const r = await call('get', { id });
    guides[id] = r.ok ? `${r.data.name}|${r.data.summary}` : r.code;
  }
  return {
    home: (await call('home', {})).data,
    list: (await call('list', { by: 'department', value: 'psb' })).data,
    search: (await call('search', { q: '身份证' })).data,
    guides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-kill-'));
  open();
});
afterEach(() => {
  resetLocalCloud();
  rmSync(dir, { recursive: true, force: true });
  if (previousAdmins === undefined) delete process.env.ADMIN_OPENIDS;
  else process.env.ADMIN_OPENIDS = previousAdmins;
});

it('a writer killed with SIGKILL mid-import leaves exactly the old catalogue, and the next import works', async () => {
  const oldReport = await importCatalogueFile(invoke, { format: 'json', content: JSON.stringify(seed), name: 'old.json' }, ADMIN) as any;
  expect(oldReport).toMatchObject({ ok: true, data: { applied: true, created: seedMatters.length } });

  // The new catalogue: every seed matter renamed, plus 200 new ones (copies under new codes).
  const changed = seedMatters.map((m) => ({ ...m, summary: `新版：${m.summary}` }));
  const added = Array.from({ length: 200 }, (_, i) => ({ ...seedMatters[i % seedMatters.length], implementationCode: `NEW${String(i).padStart(6, '0')}`, name: `新增事项${i}` }));
  const next = [...changed, ...added];
  const ids = [...seedMatters.map((m) => m.implementationCode as string), ...added.slice(0, 20).map((m) => m.implementationCode)];
  const oldView = await citizenView(ids);
  const file = join(dir, 'next.json');
  writeFileSync(file, JSON.stringify({ version: 1, matters: next }));
  const publishedBefore = (await cloud.database().collection('meta').doc('catalogue').get()).data!.published;

  // node itself (with tsx as a loader), not the tsx wrapper: SIGKILL must hit the writing process.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/slow-import-writer.ts'), file], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, DATA_DIR: dir, ADMIN_OPENIDS: ADMIN, WRITE_DELAY_MS: '15' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  // Wait until the writer is well into staging the new version, then kill it.
  const db = cloud.database();
  const deadline = Date.now() + 90_000;
  let staged = 0;
  while (Date.now() < deadline) {
    staged = (await db.collection('matter_versions').where({ catalogueVersion: db.command.neq(publishedBefore) }).count()).total;
    if (staged >= 100 || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect({ signal, staged: staged >= 100 }).toEqual({ signal: 'SIGKILL', staged: true });
  expect(staged).toBeLessThan(next.length); // really mid-import

  // Re-open the same DATA_DIR as a fresh process would.
  open();
  const publishedAfter = (await cloud.database().collection('meta').doc('catalogue').get()).data!.published;
  const view = await citizenView(ids);
  if (publishedAfter === publishedBefore) expect(view).toEqual(oldView);
  else expect(view.home.totals.matters).toBe(next.length);
  expect(publishedAfter).toBe(publishedBefore);

  // The next import works and shows exactly the new catalogue.
  const again = await importCatalogueFile(invoke, { format: 'json', content: JSON.stringify({ matters: next }), name: 'next.json' }, ADMIN) as any;
  expect(again).toMatchObject({ ok: true, data: { applied: true, created: 200, updated: seedMatters.length } });
  const newView = await citizenView(ids);
  expect(newView.home.totals.matters).toBe(next.length);
  for (const m of seedMatters) expect(newView.guides[m.implementationCode]).toMatch(/\|新版：/);
  expect(newView.guides[added[0].implementationCode]).toMatch(/^新增事项0\|/);
  expect(output).not.toContain('导入完成');
}, 180_000);
