/**
 * 在线申办 figures on the local cloud (not assertions):
 *   - submits/s (one citizen, distinct requestIds, one image each — includes the magic-byte download)
 *   - transitions/s (accept, each one transaction with its timeline entry and outbox event)
 *   - staff queue query p50/p95 at 10 000 applications (department + status + sortDue, the index declared
 *     in cloudfunctions/affairs/collections.json; the local cloud pushes it down to a SQLite expression index)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sdk } from '../../local-cloud';
import { bootLocalCloud } from '../lib/boot-local-cloud';
import { importCatalogueFile } from '../lib/import-file';
import { REPO_ROOT } from '../lib/repo';
import { withMatterForms } from '../seed/affairs';
import { materialIdOf } from '../../core/matter/form';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20_000, 3)]);
const MATTER = '11999900MB0R45012H3002011501002'; // 社会保障卡补领、换领 (hrss)

function pct(sorted: number[], p: number) { return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]; }

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-affairs-'));
  const admins = process.env.ADMIN_OPENIDS;
  process.env.ADMIN_OPENIDS = 'bench-admin';
  const { invoke, close } = await bootLocalCloud(dataDir);
  const must = async (fn: string, action: string, params: unknown, openid: string) => {
    const r = (await invoke(fn, { action, params }, openid)) as { ok: boolean; data: any; message?: string };
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.message}`);
    return r.data;
  };
  try {
    const content = withMatterForms(fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8'));
    // The catalogue is larger than callFunction carries: through storage, as the staff page does.
    const imported = (await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, 'bench-admin')) as { ok: boolean; message?: string };
    if (!imported.ok) throw new Error(`matters.import: ${imported.message}`);
    await must('account', 'setStaff', { openid: 'bench-staff', name: '基准', role: 'staff', departments: ['hrss'], active: true }, 'bench-admin');
    const citizen = 'bench-citizen';
    const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${citizen}/card.jpg`, fileContent: JPEG });
    const form = { name: '张三', idNumber: '11010519491231002X', phone: '13812345678', kind: '补领', deliveryMethod: '邮寄到家', promise: true };
    const material = { materialId: materialIdOf('居民身份证'), fileID };

    const N = 100;
    let t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < N; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => must('affairs', 'submit', { matterId: MATTER, requestId: `bench-${i + j}-xxxx`, form, materials: [material] }, citizen)));
      ids.push(...batch.map((b) => b.id));
    }
    const submitSec = (performance.now() - t0) / 1000;
    t0 = performance.now();
    for (let i = 0; i < ids.length; i += 10) {
      await Promise.all(ids.slice(i, i + 10).map((id) => must('affairs', 'act', { id, action: 'accept' }, 'bench-staff')));
    }
    const actSec = (performance.now() - t0) / 1000;
    console.log(`affairs: submit ${(N / submitSec).toFixed(1)}/s（${N}件，10并发）；受理 ${(N / actSec).toFixed(1)}/s（事务内含办理记录与推送事件）`);

    // Fill to 10 000 applications across departments and statuses, straight into the store.
    const db = sdk.database();
    const depts = ['hrss', 'psb', 'exit-entry', 'healthcare-security', 'housing-fund'];
    const statuses = ['submitted', 'accepted', 'supplement', 'suspended', 'completed', 'rejected', 'withdrawn'];
    const template = (await db.collection('applications').where({ _id: ids[0] }).get()).data[0] as Record<string, unknown>;
    delete template._id;
    const fill = (i: number) => {
      const due = new Date(Date.UTC(2026, 0, 1) + (i % 400) * 86_400_000).toISOString().slice(0, 10);
      return db.collection('applications').doc(`Abench${String(i).padStart(19, '0')}`).set({ data: {
        ...template, openid: `bench-c-${i % 500}`, requestId: `fill-${i}`, no: `BJ20260101${String(i).padStart(6, '0')}`,
        department: depts[i % depts.length], status: statuses[i % statuses.length], sortDue: due, dueDate: due,
      } });
    };
    const tf = performance.now();
    for (let i = N; i < 10_000; i += 100) await Promise.all(Array.from({ length: Math.min(100, 10_000 - i) }, (_, j) => fill(i + j)));
    console.log(`affairs: 写入 ${10_000 - N} 件填充数据 ${((performance.now() - tf) / 1000).toFixed(1)} s`);
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const s = performance.now();
      await must('affairs', 'queue', i % 2 ? { status: 'accepted' } : {}, 'bench-staff');
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`affairs: 工作人员待办队列（10000件，含各状态计数）p50 ${pct(times, 50).toFixed(1)} ms / p95 ${pct(times, 95).toFixed(1)} ms`);
  } finally {
    close();
    if (admins === undefined) delete process.env.ADMIN_OPENIDS; else process.env.ADMIN_OPENIDS = admins;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
