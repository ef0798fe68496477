/**
 * Import figures: validating a 2 000-matter CSV (seed-sized matters), publishing it through
 * `matters.import` by fileID on an in-memory local cloud, and re-publishing a one-matter change
 * on top of it (every import writes a complete new catalogue version).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCatalogue } from '../../core/matter/import';
import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema, type MatterInput } from '../../core/matter/schema';
import { bootLocalCloud, importCatalogueFile } from '../lib/boot-local-cloud';
import { REPO_ROOT } from '../lib/repo';

const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function run(): Promise<void> {
  console.log('\n## 目录导入（2000 个示例市规模的事项，本地云内存数据库）');
  const seed = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seed', 'matters.json'), 'utf8')) as { matters: MatterInput[] }).matters;
  const matters = Array.from({ length: 2000 }, (_, i) => matterSchema.parse({
    ...seed[i % seed.length], implementationCode: `BENCH${String(i).padStart(6, '0')}`, name: `${seed[i % seed.length].name}（${i}）`,
  }));
  const csv = mattersToCsv(matters);
  console.log(`CSV ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB`);
  let t = performance.now();
  const parsed = parseCatalogue('csv', csv);
  console.log(`解析与校验：${ms(performance.now() - t)}（${parsed.ok ? '通过' : '未通过'}）`);

  process.env.ADMIN_OPENIDS = 'bench-admin';
  const { invoke, close } = await bootLocalCloud(':memory:');
  try {
    t = performance.now();
    const first = (await importCatalogueFile(invoke, { format: 'csv', content: csv, name: 'bench.csv' }, 'bench-admin')) as { ok: boolean; data?: { created: number } };
    console.log(`首次导入（上传 + 校验 + 写入 2000 条 + 发布）：${ms(performance.now() - t)}（新增 ${first.data?.created ?? '失败'}）`);
    const one = JSON.stringify([{ ...matters[0], summary: '更新后的简介' }]);
    t = performance.now();
    const second = (await importCatalogueFile(invoke, { format: 'json', content: one, name: 'one.json' }, 'bench-admin')) as { ok: boolean; data?: { updated: number } };
    console.log(`在 2000 个事项上更新 1 个（复制整版 + 发布 + 清理上一版本）：${ms(performance.now() - t)}（更新 ${second.data?.updated ?? '失败'}）`);
  } finally {
    close();
  }
}
