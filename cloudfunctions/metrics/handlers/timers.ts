/**
 * Timer `rollup` (01:10 Beijing time): yesterday, and the two days before it again so late
 * changes (a 差评 rectified, a booking marked 爽约) settle; then any day since the data origin that
 * was never rolled up, then days rolled up before the current row layout, while the invocation's time lasts. The admin action reruns one day.
 */
import { addDays } from '../../../core/metrics/range';
import { shanghaiDate } from '../../../core/shanghai-time';
import { DomainError } from '../../../core/envelope';
import { action, type TimerHandler } from '../../shared/router';
import { missingDays, origin, outdatedDays, rollupDay, rollupDays } from './rollup';
import { rollupParams } from './schemas';

const RESERVE_MS = 3000;
/** Re-rolled every night besides yesterday. */
const SETTLE_DAYS = 2;
/** How far back the timer fills days never rolled up. */
const CATCH_UP_DAYS = 400;

export const rollupTimer: TimerHandler = async (_e, { remainingMs, now }) => {
  const at = now();
  const yesterday = addDays(shanghaiDate(at.toISOString()), -1);
  await origin(at, true);
  const settle = Array.from({ length: SETTLE_DAYS + 1 }, (_x, i) => addDays(yesterday, -i));
  const done = (await rollupDays(settle, at, remainingMs, RESERVE_MS)).map((d) => d.date);
  const missing = await missingDays(addDays(yesterday, -CATCH_UP_DAYS), yesterday, at);
  done.push(...(await rollupDays(missing, at, remainingMs, RESERVE_MS)).map((d) => d.date));
  // Days rolled up before per-matter rows existed: newest first, while time lasts.
  const outdated = (await outdatedDays(addDays(yesterday, -CATCH_UP_DAYS), yesterday)).filter((d) => !done.includes(d));
  done.push(...(await rollupDays(outdated, at, remainingMs, RESERVE_MS)).map((d) => d.date));
  return { days: done.length, first: done.length ? done.reduce((a, b) => (a < b ? a : b)) : null };
};

export const rollup = action({
  permission: 'metrics:rollup',
  params: rollupParams,
  handler: async (p, { now }) => {
    const at = now();
    if (p.date >= shanghaiDate(at.toISOString())) throw new DomainError('INVALID_INPUT', '只能汇总今天以前的日期（今天的数据实时计算）');
    // A day before the recorded origin means records older than it were found: look again.
    if (p.date < await origin(at)) await origin(at, true);
    return { date: p.date, rows: await rollupDay(p.date, at) };
  },
});
