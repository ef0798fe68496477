/** No sign-in: the written definitions, and the 评价公示 subset (好评率, 按时办结率, 跑零次率). */
import { DEFINITIONS } from '../../../core/metrics/definitions';
import { ALL, sumRows } from '../../../core/metrics/rows';
import { addDays, lastDayOfMonth, monthOf } from '../../../core/metrics/range';
import { shanghaiDate } from '../../../core/shanghai-time';
import { action, noParams } from '../../shared/router';
import { departmentList } from '../repo';
import { catalogueFigures, publishedCatalogue } from './catalogue';
import { rowsInRange } from './read';
import { publicBoardParams } from './schemas';

export const definitions = action({
  permission: 'public',
  params: noParams,
  handler: async () => [...DEFINITIONS],
});

const DEFAULT_MONTHS = 6;

export const publicBoard = action({
  permission: 'public',
  params: publicBoardParams,
  handler: async (p, { now, remainingMs }) => {
    const at = now();
    const today = shanghaiDate(at.toISOString());
    let first = `${monthOf(today)}-01`;
    for (let i = 1; i < (p.months ?? DEFAULT_MONTHS); i += 1) first = `${monthOf(addDays(first, -1))}-01`;
    const registry = await departmentList();
    const rows = (await rowsInRange(first, today, registry.map((d) => d.code), { now: at, remainingMs, months: true, keys: ['goodRate', 'onTimeRate'] }))
      .filter((r) => r.department !== ALL);
    const { matters } = await publishedCatalogue();
    const out = [];
    for (let month = monthOf(today); month >= monthOf(first); month = monthOf(addDays(`${month}-01`, -1))) {
      for (const d of registry) {
        const inMonth = rows.filter((r) => r.department === d.code && r.date.startsWith(month) && r.date <= lastDayOfMonth(month));
        const t = sumRows(inMonth);
        const good = t.get('goodRate') ?? { num: 0, den: 0 };
        const onTime = t.get('onTimeRate') ?? { num: 0, den: 0 };
        if (!good.den && !onTime.den) continue;
        const zero = catalogueFigures(matters, [d.code]).find((c) => c.key === 'zeroVisitRate') ?? { num: 0, den: 0 };
        out.push({ month, departmentName: d.name, goodRate: { num: good.num, den: good.den }, onTimeRate: { num: onTime.num, den: onTime.den }, zeroVisitRate: { num: zero.num, den: zero.den } });
      }
    }
    return { rows: out };
  },
});
