/**
 * A separate process for the kill -9 test of the overdue timer: fires it again and again against
 * a file-backed local cloud, printing a line per finished run, until it is killed.
 * Usage: tsx evaluation-timer-writer.ts <dataDir>
 */
import { invokeFunction } from '../../local-cloud';
import { bootLocalCloud } from '../../scripts/lib/boot-local-cloud';

async function main() {
  const [dataDir] = process.argv.slice(2);
  await bootLocalCloud(dataDir);
  process.stdout.write('start\n');
  for (let n = 1; ; n += 1) {
    // Two overlapping runs, as WeChat allows.
    await Promise.all([1, 2].map(() => invokeFunction('evaluation', { Type: 'Timer', TriggerName: 'overdue', Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' })));
    process.stdout.write(`op ${n}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
