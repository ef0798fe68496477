/** 效能看板: indicators from daily rollup rows plus today's live records. Routes only; handlers live beside it. */
import { createRouter } from '../shared/router';
import { compare, dashboard, exportCsv, funnel, records, trend } from './handlers/staff';
import { definitions, publicBoard } from './handlers/public';
import { rollup, rollupTimer } from './handlers/timers';
import { metricsLabel } from './handlers/schemas';

/** Every action this function answers, each with its params schema and permission. */
export const actions = { dashboard, trend, compare, funnel, definitions, records, exportCsv, publicBoard, rollup };

export const main = createRouter('metrics', actions, { labels: metricsLabel, timers: { rollup: rollupTimer } });
