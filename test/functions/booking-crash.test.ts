/**
 * kill -9 in the middle of booking: a separate Node process books and cancels against a
 * file-backed local cloud and is SIGKILLed mid-way; reopened, every slot still satisfies
 * capacity = left + active bookings (no leaked or double-counted place).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resetLocalCloud } from '../../local-cloud';
import { ADMIN, call, expectOk, startCloud } from './harness';
import { PASSPORT, ID_CARD, all, checkInvariant, nextWorkdays, seedAll } from './booking-helpers';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
let dataDir: string;

const open = () => startCloud(dataDir);

beforeAll(() => { dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'booking-crash-')); });
afterAll(() => { resetLocalCloud(); fs.rmSync(dataDir, { recursive: true, force: true }); });

it('leaves no leaked place when the writer is killed with SIGKILL mid-way', async () => {
  open();
  await seedAll();
  const [d1] = nextWorkdays(1);
  const passport = expectOk(await call('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: d1 })).slice(0, 3);
  const idCard = expectOk(await call('booking', 'slots', { matterId: ID_CARD, hallId: 'hall-center', date: d1 })).slice(0, 2);
  const slots = [...passport.map((s) => ({ slotId: s.slotId, matterId: PASSPORT })), ...idCard.map((s) => ({ slotId: s.slotId, matterId: ID_CARD }))];
  resetLocalCloud(); // the writer owns the database now

  // `node --import tsx`: the pid we kill is the writer itself, not a launcher that would leave it orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'booking-writer.ts'), dataDir, JSON.stringify(slots)], {
    cwd: ROOT, env: { ...process.env, ADMIN_OPENIDS: ADMIN, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ops = 0;
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += String(c); });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      ops += (String(c).match(/^op /gm) ?? []).length;
      if (ops >= 40) resolve();
    });
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(ops).toBeLessThan(100000);

  open();
  const { held } = await checkInvariant();
  expect(held).toBeGreaterThan(0);
  // Every booked booking has its uniqueness key and code; every code points at a booking.
  const bookings = await all<any>('bookings');
  const codes = new Set((await all<any>('booking_codes')).map((c) => c.bookingId));
  for (const b of bookings) expect(codes.has(b._id)).toBe(true);
  const events = new Set((await all<any>('outbox')).filter((e) => e.type === 'bookingBooked').map((e) => e.bookingId));
  expect(bookings.every((b) => events.has(b._id))).toBe(true);
  // And the database still takes bookings afterwards.
  const left = expectOk(await call('booking', 'slots', { matterId: PASSPORT, hallId: 'hall-center', date: d1 }))[5];
  expectOk(await call('booking', 'book', { slotId: left.slotId, matterId: PASSPORT, requestId: 'after-crash-1' }, 'after-crash'));
  await checkInvariant();
});
