/** Public results: a matter's 好评率 on its guide, and the 评价公示 per department and month. */
import { z } from '../../../core/zod-zh';
import { shanghaiDate } from '../../../core/shanghai-time';
import type { RatingDoc } from '../../../core/evaluation/model';
import { MIN_RATINGS_FOR_RATE, publicityRows } from '../../../core/evaluation/stats';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { fetchAll } from '../../shared/paging';
import { RATINGS, TICKETS } from '../repo';
import type { TicketDoc } from './write';

/** The publicity page reads raw records up to this many; the metrics rollup is the scalable path. */
const MAX_RECORDS = 20000;

export const matterSummary = action({
  permission: 'public',
  params: z.object({ matterId: z.string().min(1).max(64) }).strict(),
  handler: async (p) => {
    const _ = getDb().command;
    const counted = { matterId: _.eq(p.matterId), excluded: _.neq(true) };
    const { total } = await getDb().collection(RATINGS).where(counted).count();
    if (total < MIN_RATINGS_FOR_RATE) return { count: total };
    const good = await getDb().collection(RATINGS).where({ ...counted, level: _.gte(4) }).count();
    return { count: total, goodRate: { num: good.total, den: total } };
  },
});

const month = (iso: string) => shanghaiDate(iso).slice(0, 7);

export const publicity = action({
  permission: 'public',
  params: z.object({ months: z.number().int().min(1).max(24).optional() }).strict(),
  handler: async (p) => {
    const _ = getDb().command;
    const since = new Date(Date.now() - (p.months ?? 6) * 31 * 86_400_000).toISOString();
    const ratings = await fetchAll<RatingDoc>(() => getDb().collection<RatingDoc>(RATINGS).where({ createdAt: _.gte(since) })
      .field({ level: true, excluded: true, departmentName: true, createdAt: true }).orderBy('createdAt', 'asc'), MAX_RECORDS);
    const tickets = await fetchAll<TicketDoc>(() => getDb().collection<TicketDoc>(TICKETS).where({ createdAt: _.gte(since) })
      .field({ unitName: true, rectified: true, rectifiedOnTime: true, appealUpheld: true, createdAt: true }).orderBy('createdAt', 'asc'), MAX_RECORDS);
    return {
      rows: publicityRows(
        ratings.map((r) => ({ month: month(r.createdAt), unitName: r.departmentName ?? '', level: r.level, excluded: r.excluded })),
        tickets.map((t) => ({ month: month(t.createdAt), unitName: t.unitName, rectified: t.rectified, rectifiedOnTime: t.rectifiedOnTime, appealUpheld: t.appealUpheld })),
      ),
    };
  },
});
