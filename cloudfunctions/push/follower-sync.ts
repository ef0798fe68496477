/**
 * Full sync of the 服务号 follower list into oa_followers, at a city's scale (hundreds of
 * thousands) inside a 60 s function: `GET /cgi-bin/user/get?access_token=…&next_openid=…` pages
 * of up to 10 000 openids; each page is written 100 at a time (one update for the known ones, one
 * batch add for the new ones). Progress — the page cursor and how much of that page is written —
 * is saved in push_state after every batch, so a call that runs out of time answers CONFLICT
 * (未完成) and the next call resumes there instead of starting again from page one. One run at a
 * time: a lease on the state document, held for the caller's remaining time.
 * When the last page is written, followers this run did not see (and that did not subscribe
 * while it ran) are marked unfollowed.
 */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../core/envelope';
import { oaGet } from '../shared/oa-api';
import { C, _, createIfAbsent, db, getById } from './repo';

const STATE_ID = 'oa-follower-sync';
const BATCH = 100;
/** Time a page request may take, and what a batch of writes needs, before we stop for the next call. */
const PAGE_RESERVE_MS = 3000;
const BATCH_RESERVE_MS = 1000;
const STALE_RUN_MS = 24 * 3600_000;

interface SyncState {
  _id: string;
  syncId: string;
  startedAt: string;
  running: boolean;
  /** next_openid of the page being written ('' = the first page) and how many of it are written. */
  cursor: string;
  offset: number;
  synced: number;
  total: number;
  leaseUntil: number;
}
export interface SyncResult { total: number; synced: number; unfollowed: number }

interface UserGetPage { total?: number; count?: number; data?: { openid?: string[] }; next_openid?: string }

const states = () => db().collection(C.state);

function newRun(): Omit<SyncState, '_id' | 'leaseUntil'> {
  return { syncId: randomBytes(6).toString('hex'), startedAt: new Date().toISOString(), running: true, cursor: '', offset: 0, synced: 0, total: 0 };
}

/** The run this call continues (or starts), with its lease; null when another call holds it. */
async function takeLease(until: number): Promise<SyncState | null> {
  const now = Date.now();
  if (await createIfAbsent(C.state, { _id: STATE_ID, ...newRun(), leaseUntil: until })) return getById<SyncState>(C.state, STATE_ID);
  const won = await states().where({ _id: STATE_ID, leaseUntil: _().lt(now) }).update({ data: { leaseUntil: until } });
  if (won.stats.updated !== 1) return null;
  const cur = (await getById<SyncState>(C.state, STATE_ID))!;
  // An unfinished run is continued; one abandoned for a day starts over (its cursor may be stale).
  if (cur.running && now - Date.parse(cur.startedAt) < STALE_RUN_MS) return cur;
  const fresh = newRun();
  await states().doc(STATE_ID).update({ data: fresh });
  return { ...cur, ...fresh };
}

/** Marks these openids followed in this run: one update for the known, one batch add for the new. */
async function writeBatch(ids: string[], syncId: string, at: string): Promise<void> {
  const coll = db().collection(C.followers);
  const known = await coll.where({ _id: _().in(ids) }).update({ data: { subscribed: true, syncId, syncedAt: at } });
  if (known.stats.updated === ids.length) return;
  let missing = ids;
  if (known.stats.updated > 0) {
    const { data } = await coll.where({ _id: _().in(ids) }).field({ _id: true }).limit(BATCH).get();
    const have = new Set(data.map((d) => String(d._id)));
    missing = ids.filter((id) => !have.has(id));
  }
  const doc = (id: string) => ({ _id: id, subscribed: true, syncId, at, syncedAt: at });
  try {
    // Batch insert (server SDK): the typings know only the single-document form.
    await coll.add({ data: missing.map(doc) as never });
  } catch {
    // A subscribe event wrote one of them meanwhile (the batch is all or nothing): one by one;
    // createIfAbsent decides inside a transaction and rethrows anything but an existing id.
    for (const id of missing) {
      if (!(await createIfAbsent(C.followers, doc(id)))) await coll.where({ _id: id }).update({ data: { subscribed: true, syncId, syncedAt: at } });
    }
  }
}

export async function syncFollowerList(remainingMs: () => number): Promise<SyncResult> {
  const run = await takeLease(Date.now() + remainingMs());
  if (!run) throw new DomainError('CONFLICT', '另一次关注者同步正在进行，请稍后再执行');
  const save = (data: Partial<SyncState>) => states().doc(STATE_ID).update({ data });
  const stop = async (progress: Partial<SyncState>) => {
    await save({ ...progress, leaseUntil: 0 });
    const total = progress.total ?? run.total;
    return new DomainError('CONFLICT', `同步未完成（已同步 ${progress.synced ?? run.synced}${total ? ` / ${total}` : ''} 人），请再次执行，将从中断处继续`);
  };
  let { cursor, offset, synced, total } = run;
  for (;;) {
    if (remainingMs() < PAGE_RESERVE_MS) throw await stop({ cursor, offset, synced, total });
    const page = await oaGet<UserGetPage>('/cgi-bin/user/get', cursor ? { next_openid: cursor } : {}, Math.min(5000, remainingMs() - BATCH_RESERVE_MS));
    if (page.errcode) {
      await save({ leaseUntil: 0 });
      throw new DomainError('INTERNAL', `获取关注者列表失败：${page.errcode} ${page.errmsg ?? ''}`);
    }
    total = page.total ?? total;
    const ids = page.data?.openid ?? [];
    const at = new Date().toISOString();
    while (offset < ids.length) {
      if (remainingMs() < BATCH_RESERVE_MS) throw await stop({ cursor, offset, synced, total });
      const batch = ids.slice(offset, offset + BATCH);
      await writeBatch(batch, run.syncId, at);
      offset += batch.length;
      synced += batch.length;
      await save({ offset, synced, total });
    }
    if (!ids.length || !page.next_openid) break;
    cursor = page.next_openid;
    offset = 0;
    await save({ cursor, offset });
  }
  const gone = await db().collection(C.followers)
    .where({ subscribed: true, syncId: _().neq(run.syncId), at: _().lt(run.startedAt) })
    .update({ data: { subscribed: false, unsubscribedAt: new Date().toISOString() } });
  await save({ running: false, cursor: '', offset: 0, synced, total, leaseUntil: 0, finishedAt: new Date().toISOString() } as Partial<SyncState>);
  return { total, synced, unfollowed: gone.stats.updated };
}
