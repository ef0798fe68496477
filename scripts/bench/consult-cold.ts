/**
 * Cold start of the consult function as deployed: the esbuild bundle (local-cloud/runtime/
 * bundle-functions.ts, the same routine `npm run build:functions` uses) evaluated in a fresh
 * Node process, then the first `ask` — which reads the seeded knowledge base and builds the index.
 *
 *   seed <dataDir> <bundle.js>   bundle the function to bundle.js and import the seed base
 *   measure <dataDir> <bundle.js> in a new process: time evaluating the bundle, then the first answer
 *
 * Run by scripts/bench/consult.ts; prints one JSON line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, sdk } from '../../local-cloud';
import { loadBundle } from '../../local-cloud/runtime/load-bundle';
import { bundleFunction } from '../../local-cloud/runtime/bundle-functions';
import { allCollectionDeclarations, listFunctionDirs } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';

const ROOT = path.join(__dirname, '../..');
const ADMIN = 'bench-admin';

async function main() {
  const [mode, dataDir, file] = process.argv.slice(2);
  if (!mode || !dataDir || !file) throw new Error('usage: consult-cold.ts seed|measure <dataDir> <bundle.js>');
  process.env.ADMIN_OPENIDS = ADMIN;
  configureLocalCloud({ dataDir });
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  if (mode === 'seed') {
    const fn = listFunctionDirs(FUNCTIONS_DIR).find((f) => f.name === 'consult');
    if (!fn) throw new Error('no consult function');
    const b = await bundleFunction(fn);
    fs.writeFileSync(file, b.code);
    registerFunction('consult', loadBundle(b.code, file, sdk).main as never);
    const kb = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/consult-kb.json'), 'utf8'));
    const r = await invokeFunction('consult', { action: 'importKnowledge', params: { kb, mode: 'replace' } }, { OPENID: ADMIN }) as { ok: boolean };
    if (!r.ok) throw new Error('seed import failed');
    console.log(JSON.stringify({ bytes: b.bytes }));
    return;
  }
  const code = fs.readFileSync(file, 'utf8');
  // CPU time as well as wall time: on a shared, loaded machine the wall clock mostly measures the queue.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const mod = loadBundle(code, file, sdk);
  const tRequire = performance.now() - t0;
  const cRequire = cpuMs(process.cpuUsage(c0));
  registerFunction('consult', mod.main as never);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const r = await invokeFunction('consult', { action: 'ask', params: { text: '社宝卡丢了咋办' } }, { OPENID: 'bench-citizen' }) as { ok: boolean; data?: { type: string } };
  const tFirst = performance.now() - t1;
  const cFirst = cpuMs(process.cpuUsage(c1));
  if (!r.ok || r.data?.type !== 'answer') throw new Error(`first ask failed: ${JSON.stringify(r)}`);
  const t2 = performance.now();
  await invokeFunction('consult', { action: 'ask', params: { text: '公基金租房能取吗' } }, { OPENID: 'bench-citizen' });
  const tWarm = performance.now() - t2;
  console.log(JSON.stringify({ require: tRequire, first: tFirst, warm: tWarm, cpuRequire: cRequire, cpuFirst: cFirst }));
}

function cpuMs(u: NodeJS.CpuUsage) { return (u.user + u.system) / 1000; }

main().catch((e) => { console.error(e); process.exit(1); });
