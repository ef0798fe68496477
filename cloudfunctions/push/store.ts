/** Collections of the push function and small helpers around them. */
import { getDb, type Doc } from '../shared/cloud';

export const C = {
  outbox: 'outbox',
  ledger: 'push_ledger',
  settings: 'push_settings',
  campaigns: 'push_campaigns',
  chunks: 'push_campaign_chunks',
  deliveries: 'push_deliveries',
  attempts: 'push_attempts',
  opens: 'push_opens',
  notices: 'push_notices',
  state: 'push_state',
  followers: 'oa_followers',
} as const;

export const db = () => getDb();
export const _ = () => getDb().command;

/** Inserts unless a document with that `_id` exists; true when this call created it. */
export async function createIfAbsent(coll: string, doc: Doc): Promise<boolean> {
  try {
    await db().collection(coll).add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicate(e)) return false;
    throw e;
  }
}

export function isDuplicate(e: unknown): boolean {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '');
  return /duplicate|exist/i.test(msg) && !/not exist/i.test(msg);
}

/** Every matching document, 100 at a time (server get() cap), ordered by _id. */
export async function getAll<T = Doc>(coll: string, where: Record<string, unknown>, max = 100_000): Promise<T[]> {
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

/** One document by primary key (doc().get() rejects when absent: that is null here). */
export async function getById<T = Doc>(coll: string, id: string): Promise<T | null> {
  try {
    const { data } = await db().collection(coll).doc(id).get();
    return (data as T | undefined) ?? null;
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? '');
    if (/not exist|not found|-502005|cannot find/i.test(msg)) return null;
    throw e;
  }
}

export function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
