/**
 * Transactions with optimistic concurrency control.
 *
 * WeChat runs transactions under snapshot isolation with write locks. Here every document a
 * transaction touches is read once (its revision remembered), reads and writes go through a
 * private overlay, and commit re-checks all remembered revisions under SQLite's write lock
 * before applying the writes in one SQLite transaction. Any change by someone else means a
 * conflict; runTransaction then re-runs the callback like the real SDK does. Validating reads
 * as well as writes is stricter than snapshot isolation (no write skew locally).
 */
import { deepClone, deepEqual } from './compare';
import { ErrCode, LocalCloudError, toSdkError, wrapApi } from '../errors';
import type { Store } from '../store/store';
import { newRequestId, nextTick, type AnyObject } from '../util';
import { duplicateKey, docNotFoundMessage, Engine, project, setBody } from './engine';
import { applyUpdate, compileUpdate } from './update';

export class TransactionConflictError extends LocalCloudError {
  constructor(detail: string) {
    super(ErrCode.SYS_ERR, `database transaction conflict: ${detail}`);
  }
}

/** TCB's own text for a commit that lost (the server's, passed through unchanged by both SDKs). */
const TCB_CONFLICT_MESSAGE = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

/**
 * What a commit conflict rejects with on WeChat: @cloudbase/database's Transaction.commit()
 * throws the server's reply as is, and neither its runTransaction nor wx-server-sdk wraps it,
 * so it is a plain object `{ requestId, code: 'DATABASE_TRANSACTION_CONFLICT', message }` with
 * no errCode and no Error prototype. (A conflict raised by a single operation inside the
 * transaction would reach app code as errCode -501001, the SDK's SYS_ERR for codes it does not
 * know; the local cloud detects conflicts only at commit.)
 */
export function tcbConflict(): { requestId: string; code: 'DATABASE_TRANSACTION_CONFLICT'; message: string } {
  return { requestId: newRequestId(), code: 'DATABASE_TRANSACTION_CONFLICT', message: TCB_CONFLICT_MESSAGE };
}

interface Snapshot {
  rev: number | null;
  doc: AnyObject | null;
}

type State = 'active' | 'committed' | 'rolledBack';

export class LocalTransaction {
  private readonly snap = new Map<string, Snapshot>();
  private readonly writes = new Map<string, AnyObject | null>();
  private state: State = 'active';
  /** Value passed to rollback(); runTransaction rejects with it. */
  rollbackReason: unknown;

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly throwOnNotFound: boolean,
  ) {}

  get isRolledBack(): boolean {
    return this.state === 'rolledBack';
  }

  collection(name: string): TransactionCollection {
    if (!name) throw new Error('Collection name is required');
    return new TransactionCollection(this, name);
  }

  async rollback(reason?: unknown): Promise<void> {
    if (this.state === 'committed') throw new Error('transaction.rollback:fail transaction already committed');
    this.state = 'rolledBack';
    this.rollbackReason = reason;
    this.writes.clear();
  }

  /** Only for db.startTransaction(); runTransaction commits by itself. */
  async commit(): Promise<void> {
    await nextTick();
    try {
      this.commitNow();
    } catch (e) {
      if (e instanceof TransactionConflictError) throw tcbConflict();
      throw toSdkError(e, 'transaction.commit');
    }
  }

  /** Validates every remembered revision, then applies all writes atomically. */
  commitNow(): void {
    this.assertActive();
    this.store.tx(() => {
      for (const [key, s] of this.snap) {
        const [coll, id] = splitKey(key);
        const cur = this.store.getRev(coll, id);
        if (cur !== s.rev) throw new TransactionConflictError(`document ${id} in ${coll} changed`);
      }
      for (const [key, doc] of this.writes) {
        const [coll, id] = splitKey(key);
        const existed = this.snap.get(key)?.rev !== null;
        if (doc === null) {
          if (existed) this.store.deleteDoc(coll, id);
        } else if (existed) {
          this.store.replaceDoc(coll, id, doc);
        } else {
          this.engine.assertWritable(coll);
          this.store.insertDoc(coll, id, doc);
        }
      }
    });
    this.state = 'committed';
  }

  assertActive(): void {
    if (this.state !== 'active') throw new Error(`transaction already ${this.state === 'committed' ? 'committed' : 'rolled back'}`);
  }

  /** Current value of a document as this transaction sees it (null = absent). */
  read(coll: string, id: string): AnyObject | null {
    this.assertActive();
    const key = makeKey(coll, id);
    if (this.writes.has(key)) return this.writes.get(key) ?? null;
    let s = this.snap.get(key);
    if (!s) {
      const d = this.engine.readable(coll) ? this.store.getDoc(coll, id) : undefined;
      s = d ? { rev: d.rev, doc: d.doc } : { rev: null, doc: null };
      this.snap.set(key, s);
    }
    return s.doc;
  }

  write(coll: string, id: string, doc: AnyObject | null): void {
    this.read(coll, id); // make sure the revision we overwrite is remembered
    this.writes.set(makeKey(coll, id), doc);
  }

  get notFoundThrows(): boolean {
    return this.throwOnNotFound;
  }
}

class TransactionCollection {
  constructor(
    private readonly tx: LocalTransaction,
    readonly collectionName: string,
  ) {}

  doc(id: string | number): TransactionDocument {
    return new TransactionDocument(this.tx, this.collectionName, String(id));
  }

  add(options: { data: unknown }): Promise<{ _id: string; errMsg: string }> {
    return wrapApi('collection.add', async () => {
      await nextTick();
      const { id, doc } = Engine.newDoc(options?.data, Date.now());
      if (this.tx.read(this.collectionName, id) !== null) throw duplicateKey(this.collectionName, id);
      this.tx.write(this.collectionName, id, doc);
      return { _id: id, errMsg: 'collection.add:ok' };
    });
  }

  where(): never {
    throw new Error('transactions only support single-document operations (collection.doc / collection.add), not where()');
  }
}

class TransactionDocument {
  private projection?: Record<string, boolean | number>;

  constructor(
    private readonly tx: LocalTransaction,
    private readonly coll: string,
    readonly _id: string,
  ) {}

  field(projection: Record<string, boolean | number>): TransactionDocument {
    const d = new TransactionDocument(this.tx, this.coll, this._id);
    d.projection = projection;
    return d;
  }

  get(): Promise<{ data: Record<string, any> | null; errMsg: string }> {
    return wrapApi('document.get', async () => {
      await nextTick();
      const doc = this.tx.read(this.coll, this._id);
      if (!doc) {
        if (this.tx.notFoundThrows) throw docNotFoundMessage(this._id);
        return { data: null, errMsg: 'document.get:ok' };
      }
      return { data: project([deepClone(doc)], this.projection)[0], errMsg: 'document.get:ok' };
    });
  }

  set(options: { data: unknown }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    return wrapApi('document.set', async () => {
      await nextTick();
      const doc = setBody(this._id, options?.data, Date.now());
      const cur = this.tx.read(this.coll, this._id);
      this.tx.write(this.coll, this._id, doc);
      const stats = !cur ? { updated: 0, created: 1 } : { updated: deepEqual(cur, doc) ? 0 : 1, created: 0 };
      return { _id: this._id, stats, errMsg: 'document.set:ok' };
    });
  }

  update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return wrapApi('document.update', async () => {
      await nextTick();
      const ops = compileUpdate(options?.data, Date.now());
      const cur = this.tx.read(this.coll, this._id);
      if (!cur) return { stats: { updated: 0 }, errMsg: 'document.update:ok' };
      const next = applyUpdate(cur, ops);
      const changed = !deepEqual(next, cur);
      if (changed) this.tx.write(this.coll, this._id, next);
      return { stats: { updated: changed ? 1 : 0 }, errMsg: 'document.update:ok' };
    });
  }

  remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    return wrapApi('document.remove', async () => {
      await nextTick();
      const cur = this.tx.read(this.coll, this._id);
      if (!cur) return { stats: { removed: 0 }, errMsg: 'document.remove:ok' };
      this.tx.write(this.coll, this._id, null);
      return { stats: { removed: 1 }, errMsg: 'document.remove:ok' };
    });
  }
}

const SEP = '\u0000';
function makeKey(coll: string, id: string): string {
  return `${coll}${SEP}${id}`;
}
function splitKey(key: string): [string, string] {
  const i = key.indexOf(SEP);
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * db.runTransaction(callback, times = 3): commits automatically when the callback resolves,
 * rejects with the rollback reason if the callback called transaction.rollback(reason),
 * rejects with the callback's own error as is, and re-runs the callback on a conflict.
 */
export async function runTransaction<T>(
  store: Store,
  engine: Engine,
  throwOnNotFound: boolean,
  callback: (tx: LocalTransaction) => Promise<T> | T,
  times = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = new LocalTransaction(store, engine, throwOnNotFound);
    let result: T;
    try {
      result = await callback(tx);
    } catch (e) {
      if (tx.isRolledBack) throw tx.rollbackReason;
      if (e instanceof TransactionConflictError && attempt < times) continue;
      throw e;
    }
    if (tx.isRolledBack) throw tx.rollbackReason;
    try {
      await nextTick();
      tx.commitNow();
      return result;
    } catch (e) {
      if (e instanceof TransactionConflictError) {
        if (attempt < times) continue;
        throw tcbConflict();
      }
      throw toSdkError(e, 'runTransaction');
    }
  }
}
