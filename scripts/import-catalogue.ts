/**
 * CLI: import a catalogue file into the local cloud's database, through the same validated
 * `matters.import` action the staff page uses.
 *   npm run import:catalogue -- <file.csv|file.json> [--dry-run]
 * Exit code 0 when applied (or a clean dry run), 1 when the file was rejected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootLocalCloud, firstAdmin, importCatalogueFile } from './lib/boot-local-cloud';

async function run(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  const dryRun = argv.includes('--dry-run');
  if (!file) {
    console.error('用法：npm run import:catalogue -- <事项文件.csv|.json> [--dry-run]');
    return 2;
  }
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    console.error(`只支持 .csv 或 .json 文件：${file}`);
    return 2;
  }
  const content = fs.readFileSync(file, 'utf8');
  const { invoke, close } = await bootLocalCloud();
  try {
    const format = ext.slice(1) as 'json' | 'csv';
    const res = (await importCatalogueFile(invoke, { format, content, name: path.basename(file), dryRun }, firstAdmin())) as any;
    if (!res.ok) {
      console.error(`导入失败（${res.code}）：${res.message}`);
      for (const d of res.details ?? []) console.error(`  ${d.field}：${d.message}`);
      return 1;
    }
    const r = res.data;
    if (r.errors.length > 0) {
      console.error(`文件未导入：共 ${r.total} 条，${r.errorsTotal ?? r.errors.length} 处错误（未写入任何数据）`);
      for (const e of r.errors) console.error(`  ${e.row > 0 ? `第${e.row}行` : '整个文件'}${e.implementationCode ? `（${e.implementationCode}）` : ''} ${e.field}：${e.message}`);
      if (r.errorsTruncated) console.error(`  ……仅列出前 ${r.errors.length} 处，共 ${r.errorsTotal} 处`);
      return 1;
    }
    // A row identical to the stored one (timestamps aside) is neither new nor updated.
    const unchanged = r.total - r.created - r.updated;
    console.log(`${dryRun ? '预检通过' : '导入完成'}：共 ${r.total} 个事项，新增 ${r.created}，更新 ${r.updated}${unchanged > 0 ? `，未变 ${unchanged}` : ''}`);
    return 0;
  } finally {
    close();
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
