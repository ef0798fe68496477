/**
 * Preview seed for 效能看板: rolls up every past day of the seeded records (from the data origin
 * the rollup finds to yesterday) through the metrics function's admin action, so the dashboard
 * shows months of trend at once. Only metrics_daily is written, and rerunning a day gives the same
 * rows: it never changes what staff or citizens made.
 */
import { sdk } from '../../local-cloud';
import { addDays, shanghaiDate } from '../../core/calendar/workdays';
import type { Invoke } from '../lib/boot-local-cloud';

type Envelope = { ok: true; data: { rows: number } } | { ok: false; code: string; message: string };

export async function seedMetrics(invoke: Invoke, admin: string, log: (s: string) => void = console.log): Promise<number> {
  const yesterday = addDays(shanghaiDate(), -1);
  const rollup = async (date: string) => {
    const res = (await invoke('metrics', { action: 'rollup', params: { date } }, admin)) as Envelope;
    if (!res.ok) throw new Error(`metrics.rollup ${date} 失败：${res.code} ${res.message}`);
    return res.data.rows;
  };
  // The first run also records the data origin (the oldest seeded record's day).
  let rows = await rollup(yesterday);
  const { data } = await sdk.database().collection('metrics_daily').where({ _id: 'origin' }).limit(1).get();
  const origin = (data[0] as { date?: string } | undefined)?.date ?? yesterday;
  let days = 1;
  for (let d = origin; d < yesterday; d = addDays(d, 1)) {
    rows += await rollup(d);
    days += 1;
  }
  log(`效能看板：已汇总 ${origin} 至 ${yesterday} 共 ${days} 天，${rows} 行`);
  return rows;
}
