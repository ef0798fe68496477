/**
 * 预约 figures on the local cloud (file-backed, deployed-form bundles), printed, never asserted:
 *   - bookings per second with 200 concurrent callers racing over 20 slots (10 places each)
 *   - `booking.slots` latency p50/p95
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as localCloud from '../../local-cloud';
import { createCalendar, shanghaiDate } from '../../core/calendar/workdays';
import { bootLocalCloud } from '../lib/boot-local-cloud';
import { REPO_ROOT } from '../lib/repo';
import { seedBooking } from '../seed/booking';
import { importCatalogueFile } from '../lib/import-file';

const ADMIN = 'bench-admin';
const PASSPORT = '11999900MB0P12328T3000111101001';
const ID_CARD = '11999900MB0P12301G3000711101001';

type Env = { ok: true; data: any } | { ok: false; code: string; message: string };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(): Promise<void> {
  console.log('\n## 预约（本地云，文件数据库 DATA_DIR=临时目录，部署形态的函数包）');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-booking-'));
  const previousAdmins = process.env.ADMIN_OPENIDS;
  process.env.ADMIN_OPENIDS = ADMIN;
  const { invoke, close } = await bootLocalCloud(dataDir);
  const call = async (action: string, params: unknown, openid?: string) => (await invoke('booking', { action, params }, openid)) as Env;
  try {
    const content = fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8');
    const imported = (await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, ADMIN)) as Env;
    if (!imported.ok) throw new Error(imported.message);
    await seedBooking(invoke, ADMIN, () => undefined);
    await invoke('account', { action: 'setStaff', params: { openid: 'bench-hall', name: '压测', role: 'staff', departments: [], halls: ['hall-center'], active: true } }, ADMIN);

    const today = shanghaiDate();
    const day = createCalendar().nextWorkdays(today, 3).dates.find((d) => d !== today)!;
    const slotIds: { slotId: string; matterId: string }[] = [];
    for (const matterId of [PASSPORT, ID_CARD]) {
      const r = await call('slots', { matterId, hallId: 'hall-center', date: day });
      if (!r.ok) throw new Error(r.message);
      for (const s of r.data.slice(0, 10)) slotIds.push({ slotId: s.slotId, matterId });
    }
    for (const s of slotIds) await call('setSlotCapacity', { slotId: s.slotId, capacity: 10 }, 'bench-hall');

    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => {
      const s = slotIds[i % slotIds.length];
      return call('book', { slotId: s.slotId, matterId: s.matterId, requestId: `bench-${i}-${Date.now()}` }, `bench-citizen-${i}`);
    }));
    const elapsed = performance.now() - started;
    const ok = results.filter((r) => r.ok).length;
    const codes = results.filter((r) => !r.ok).map((r) => (r as { code: string }).code);
    console.log(`booking.book    200 个并发调用 / 20 个时段（各10个名额）：成功 ${ok}，失败 ${codes.length}${codes.length ? `（${[...new Set(codes)].join('、')}）` : ''}，用时 ${elapsed.toFixed(0)} ms，约 ${(ok / (elapsed / 1000)).toFixed(1)} 笔/秒`);

    // A second wave on full slots: every caller must hear 该时段已约满.
    const wave = performance.now();
    const full = await Promise.all(Array.from({ length: 200 }, (_, i) => {
      const s = slotIds[i % slotIds.length];
      return call('book', { slotId: s.slotId, matterId: s.matterId, requestId: `bench-full-${i}-${Date.now()}` }, `bench-late-${i}`);
    }));
    const fullMs = performance.now() - wave;
    console.log(`booking.book    再来 200 个并发调用（已约满）：约满答复 ${full.filter((r) => !r.ok && r.code === 'CAPACITY_FULL').length}，用时 ${fullMs.toFixed(0)} ms`);

    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = slotIds[i % slotIds.length];
      const t = performance.now();
      await call('slots', { matterId: s.matterId, hallId: 'hall-center', date: day });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`booking.slots   p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms  (300 次)`);
  } finally {
    close();
    localCloud.resetLocalCloud();
    if (previousAdmins === undefined) delete process.env.ADMIN_OPENIDS;
    else process.env.ADMIN_OPENIDS = previousAdmins;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
