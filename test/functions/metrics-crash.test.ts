/**
 * kill -9 of the metrics rollup: a separate Node process reruns one day's rollup against a
 * file-backed local cloud and is SIGKILLed once it has started writing rows. Reopened, running
 * the day again gives exactly the rows of a clean run: the right sums, the stale row gone, and a
 * further rerun changes nothing.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, resetLocalCloud, sdk } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as metrics } from '../../cloudfunctions/metrics';
import { ADMIN, call, expectOk, registerSource } from './harness';
import { noonOf, rating, yesterday } from './metrics-fixtures';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const RATINGS = 3000;
const DEPARTMENTS = ['psb', 'hrss', 'tax', 'health', 'education', 'civil-affairs'];
let dataDir: string;

function open() {
  resetLocalCloud();
  configureLocalCloud({ dataDir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  process.env.ADMIN_OPENIDS = ADMIN;
  registerSource('metrics', metrics);
}

async function dayRows(date: string) {
  const _ = sdk.database().command;
  const out: { _id: string; num: number; den: number }[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await sdk.database().collection('metrics_daily').where({ period: _.in(['day', 'month']), date: _.in([date, date.slice(0, 7)]) }).orderBy('_id', 'asc').skip(skip).limit(100).get();
    out.push(...(data as { _id: string; num: number; den: number }[]).map(({ _id, num, den }) => ({ _id, num, den })));
    if (data.length < 100) return out;
  }
}

beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-crash-')); });
afterAll(() => { resetLocalCloud(); fs.rmSync(dataDir, { recursive: true, force: true }); });

it('a rollup killed with SIGKILL mid-run and run again leaves the rows of a clean run', async () => {
  const day = yesterday();
  open();
  for (let i = 0; i < RATINGS; i += 1) {
    await rating(`crash-${i}`, { level: (i % 5) + 1, department: DEPARTMENTS[i % DEPARTMENTS.length], createdAt: noonOf(day, i * 1000) });
  }
  // A row no record supports any more (e.g. left by an older run): the rollup must remove it.
  await sdk.database().collection('metrics_daily').doc(`d|${day}|zz-gone|*|goodRate`).set({ data: { period: 'day', date: day, department: 'zz-gone', matter: '*', key: 'goodRate', num: 9, den: 9 } });
  resetLocalCloud(); // the rollup process owns the database now

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'metrics-rollup-writer.ts'), dataDir, day, ADMIN], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, ADMIN_OPENIDS: ADMIN }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += String(c); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => { if (/^start$/m.test(String(c))) resolve(); });
    child.on('exit', () => reject(new Error(`rollup process exited early: ${stderr}`)));
  });
  open();
  const _ = sdk.database().command;
  let seen = 0;
  for (let i = 0; i < 4000 && seen <= 1; i += 1) {
    seen = (await sdk.database().collection('metrics_daily').where({ period: _.eq('day'), date: _.eq(day) }).count()).total;
    if (seen <= 1) await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(seen).toBeGreaterThan(1);

  open();
  expectOk(await call('metrics', 'rollup', { date: day }, ADMIN));
  const rows = await dayRows(day);
  const byId = new Map(rows.map((r) => [r._id, r]));
  // Levels 1–5 in turn: 2 of every 5 are ★4–5, 2 of every 5 ★1–2.
  expect(byId.get(`d|${day}|*|*|goodRate`)).toMatchObject({ num: (RATINGS / 5) * 2, den: RATINGS });
  expect(byId.get(`d|${day}|psb|*|goodRate`)).toMatchObject({ den: RATINGS / DEPARTMENTS.length });
  expect(byId.has(`d|${day}|zz-gone|*|goodRate`)).toBe(false);
  expect(byId.get(`m|${day.slice(0, 7)}|*|*|goodRate`)).toMatchObject({ num: (RATINGS / 5) * 2, den: RATINGS });
  expectOk(await call('metrics', 'rollup', { date: day }, ADMIN));
  expect(await dayRows(day)).toEqual(rows);
});
