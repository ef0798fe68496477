/** Collections of the push function and small helpers around them. */
import { getDb, type Doc } from '../shared/cloud';
import { createOnce, nullableDocDb } from '../shared/transaction';
import { OA_FOLLOWERS, OUTBOX, PUSH_DELIVERIES, PUSH_OPENS, PUSH_STATE } from '../shared/collections';

export const C = {
  outbox: OUTBOX,
  ledger: 'push_ledger',
  settings: 'push_settings',
  campaigns: 'push_campaigns',
  chunks: 'push_campaign_chunks',
  deliveries: PUSH_DELIVERIES,
  attempts: 'push_attempts',
  opens: PUSH_OPENS,
  notices: 'push_notices',
  engagement: 'push_notice_engagement',
  state: PUSH_STATE,
  followers: OA_FOLLOWERS,
} as const;

export const db = () => getDb();
export const _ = () => getDb().command;

/** Inserts unless a document with that `_id` exists; true when this call created it. */
export async function createIfAbsent(coll: string, doc: Doc & { _id: string }): Promise<boolean> {
  const { _id, ...data } = doc;
  return createOnce(coll, _id, data);
}

/**
 * Every matching document, 100 at a time (server get() cap), ordered by _id. No silent default
 * cap: an audience cut at some size would quietly leave people out. Pass `max` to bound a read.
 */
export async function getAll<T = Doc>(coll: string, where: Record<string, unknown>, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  let last = '';
  for (;;) {
    const w = last ? { ...where, _id: _().gt(last) } : where;
    const { data } = await db().collection(coll).where(w).orderBy('_id', 'asc').limit(100).get();
    out.push(...(data as T[]));
    if (data.length < 100 || out.length >= max) return out;
    last = String(data[data.length - 1]._id);
  }
}

/** One document by primary key, or null when absent; a missing collection is an error, not "no record". */
export async function getById<T = Doc>(coll: string, id: string): Promise<T | null> {
  const { data } = await nullableDocDb().collection(coll).doc(id).get();
  return (data as T | null | undefined) ?? null;
}

export function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
