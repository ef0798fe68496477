/** 缴费. Routes only; handlers live beside it. Platform entry: WeChat Pay notifications over HTTP access. Timer: reconcile. */
import { createRouter } from '../shared/router';
import { bills, forCase, get, prepay, sync } from './handlers/citizen';
import { bill, refund, waive } from './handlers/staff';
import { payLabel } from './handlers/schemas';
import { reports } from './handlers/admin';
import { httpFallback, notifyEntry } from './notify';
import { reconcile } from './reconcile';

export const actions = { bills, bill, prepay, sync, get, forCase, waive, refund, reports };

export const main = createRouter('pay', actions, { entries: [notifyEntry, httpFallback], timers: { reconcile }, labels: payLabel });
