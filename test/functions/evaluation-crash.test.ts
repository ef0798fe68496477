/**
 * kill -9 of the 差评工单 overdue timer: a separate Node process runs it (two overlapping runs at a
 * time) against a file-backed local cloud and is SIGKILLed once some flags have committed; reopened, every ticket is
 * either flagged with exactly one 超期 timeline entry and exactly one outbox notice per admin, or
 * untouched with none, and finishing the sweep flags and notifies each remaining one exactly once.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, resetLocalCloud, sdk } from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as evaluation } from '../../cloudfunctions/evaluation';
import { expectOk, fireTimer, registerSource } from './harness';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const TICKETS = 1000;
const ADMINS = ['crash-admin-1', 'crash-admin-2'];
let dataDir: string;

function open() {
  resetLocalCloud();
  configureLocalCloud({ dataDir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  registerSource('evaluation', evaluation);
}

async function all<T>(collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await sdk.database().collection(collection).skip(skip).limit(100).get();
    out.push(...(data as T[]));
    if (data.length < 100) return out;
  }
}
const allTickets = () => all<{ _id: string; overdue?: boolean; overdueNotified?: string[]; timeline: { step: string }[] }>('evaluation_tickets');

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evaluation-crash-'));
  process.env.ADMIN_OPENIDS = ADMINS.join(','); // the timer process inherits it
});
afterAll(() => { resetLocalCloud(); fs.rmSync(dataDir, { recursive: true, force: true }); });

it('every ticket is flagged once or not at all when the timer is killed with SIGKILL mid-way', async () => {
  open();
  for (let i = 0; i < TICKETS; i += 1) {
    await sdk.database().collection('evaluation_tickets').doc(`T:application:crash-${i}`).set({ data: {
      ratingId: `R:application:crash-${i}`, targetType: 'application', targetId: `crash-${i}`, targetNo: '', title: '居住证申领', department: 'psb',
      unitName: '示例市公安局', level: 2, options: [], openid: 'rater', status: 'contacting', dueDate: '2020-01-02', version: 1,
      timeline: [{ seq: 1, at: '2020-01-01T02:00:00.000Z', step: 'open', status: 'contacting', by: '系统' }],
      createdAt: '2020-01-01T02:00:00.000Z', updatedAt: '2020-01-01T02:00:00.000Z',
    } });
  }
  resetLocalCloud(); // the timer process owns the database now

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'evaluation-timer-writer.ts'), dataDir], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += String(c); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => { if (/^start$/m.test(String(c))) resolve(); });
    child.on('exit', () => reject(new Error(`timer process exited early: ${stderr}`)));
  });
  // Watch the shared database file until the timer has committed some flags, then kill it.
  open();
  const _ = sdk.database().command;
  let seen = 0;
  for (let i = 0; i < 2000 && seen === 0; i += 1) {
    seen = (await sdk.database().collection('evaluation_tickets').where({ overdue: _.eq(true) }).count()).total;
    if (!seen) await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(seen).toBeGreaterThan(0);

  open();
  const check = async () => {
    const tickets = await allTickets();
    expect(tickets).toHaveLength(TICKETS);
    const notices = new Map<string, string[]>();
    for (const e of await all<{ ticketId: string; step: string; openid: string }>('outbox')) {
      if (e.step === 'overdue') notices.set(e.ticketId, [...(notices.get(e.ticketId) ?? []), e.openid]);
    }
    for (const t of tickets) {
      const marks = t.timeline.filter((e) => e.step === 'overdue').length;
      const told = (notices.get(t._id) ?? []).sort();
      expect({ id: t._id, marks, notified: t.overdueNotified?.length ?? 0, told })
        .toEqual({ id: t._id, marks: t.overdue ? 1 : 0, notified: t.overdue ? 1 : 0, told: t.overdue ? ADMINS : [] });
    }
    return tickets.filter((t) => t.overdue).length;
  };
  // Killed mid-sweep: some flags committed, not all 1000.
  const flaggedAtKill = await check();
  expect(flaggedAtKill).toBeGreaterThanOrEqual(seen);
  expect(flaggedAtKill).toBeLessThan(TICKETS);
  let flagged = flaggedAtKill;
  for (let run = 0; run < 20 && flagged < TICKETS; run += 1) flagged += (expectOk(await fireTimer('evaluation', 'overdue')) as { flagged: number }).flagged;
  expect(flagged).toBe(TICKETS);
  expect(await check()).toBe(TICKETS);
});
