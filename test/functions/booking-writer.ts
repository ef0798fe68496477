/**
 * A separate writer process for the kill -9 test: books and cancels against a file-backed local
 * cloud as fast as it can, printing a line per finished operation, until it is killed.
 * Usage: tsx booking-writer.ts <dataDir> <slotsJson>
 */
import { bootLocalCloud } from '../../scripts/lib/boot-local-cloud';

async function main() {
  const [dataDir, slotsJson] = process.argv.slice(2);
  const slots: { slotId: string; matterId: string }[] = JSON.parse(slotsJson);
  const { invoke } = await bootLocalCloud(dataDir);
  process.stdout.write('ready\n');
  let n = 0;
  const worker = async (w: number) => {
    for (let i = 0; ; i++) {
      const s = slots[(w + i) % slots.length];
      const openid = `crash-${w}-${i % 7}`;
      const r: any = await invoke('booking', { action: 'book', params: { slotId: s.slotId, matterId: s.matterId, requestId: `crash-${process.pid}-${w}-${i}` } }, openid);
      if (r?.ok && i % 3 === 0) await invoke('booking', { action: 'cancel', params: { id: r.data.id } }, openid);
      process.stdout.write(`op ${++n}\n`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
