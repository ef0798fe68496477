/**
 * A separate process for the kill -9 test of the metrics rollup: reruns one day's rollup (as the
 * admin) against a file-backed local cloud, printing a line per finished run, until it is killed.
 * Usage: tsx metrics-rollup-writer.ts <dataDir> <date> <adminOpenid>
 */
import { invokeFunction } from '../../local-cloud';
import { bootLocalCloud } from '../../scripts/lib/boot-local-cloud';

async function main() {
  const [dataDir, date, admin] = process.argv.slice(2);
  await bootLocalCloud(dataDir);
  process.stdout.write('start\n');
  for (let n = 1; ; n += 1) {
    const res = await invokeFunction('metrics', { action: 'rollup', params: { date } }, { OPENID: admin }) as { ok: boolean; message?: string };
    if (!res.ok) throw new Error(res.message);
    process.stdout.write(`op ${n}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
