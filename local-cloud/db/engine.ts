/**
 * Synchronous execution of database operations against the store. Each public method runs
 * inside one SQLite IMMEDIATE transaction, and better-sqlite3 never yields to the event loop,
 * so a conditional update such as `where({ _id, left: _.gt(0) }).update({ left: _.inc(-1) })`
 * reads, checks and writes without any other operation interleaving — the same single-document
 * atomicity WeChat's database guarantees.
 */
import { find, Query as MingoQuery } from 'mingo';
import { deepEqual } from './compare';
import { ErrCode, LocalCloudError } from '../errors';
import type { Store, StoredDoc } from '../store/store';
import { newDocId, type AnyObject } from '../util';
import { pinnedId, translateWhere } from './query';
import { applyUpdate, compileUpdate } from './update';
import { storableDoc } from './values';

/** Server-side get() never returns more than this many records. */
export const MAX_LIMIT = 100;

export interface QuerySpec {
  where?: unknown;
  orders: [string, 'asc' | 'desc'][];
  skip?: number;
  limit?: number;
  projection?: Record<string, boolean | number>;
}

export function collectionNotExists(name: string): LocalCloudError {
  return new LocalCloudError(
    ErrCode.DB_COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (collection "${name}")`,
  );
}

export function docNotFoundMessage(id: string): string {
  return `document with _id ${id} does not exist`;
}

export function toMongoProjection(p: Record<string, boolean | number>): AnyObject {
  const out: AnyObject = {};
  for (const [k, v] of Object.entries(p)) out[k] = v ? 1 : 0;
  return out;
}

export function project(docs: AnyObject[], projection?: Record<string, boolean | number>): AnyObject[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return find(docs, {}, toMongoProjection(projection)).all() as AnyObject[];
}

export class Engine {
  constructor(
    private readonly store: Store,
    private readonly strictCollections: boolean,
    /** Declared by a registered function's collections.json (or declareCollections). */
    private readonly isDeclared: (coll: string) => boolean = () => false,
  ) {}

  /** A collection exists when declared (≙ created in the console) or created with createCollection. */
  exists(coll: string): boolean {
    return this.isDeclared(coll) || this.store.hasCollection(coll);
  }

  /** For reads/updates: rejects with -502005 like WeChat; `strictCollections: false` behaves as empty instead. */
  readable(coll: string): boolean {
    if (this.exists(coll)) return true;
    if (this.strictCollections) throw collectionNotExists(coll);
    return false;
  }

  /** For inserts: WeChat never auto-creates collections (only `strictCollections: false` does). */
  assertWritable(coll: string): void {
    if (this.strictCollections && !this.exists(coll)) throw collectionNotExists(coll);
  }

  /** Documents matching `where`, in natural (insertion) order, with their revisions. */
  private matching(coll: string, where: unknown, now: number): StoredDoc[] {
    if (!this.readable(coll)) return [];
    const mongo = where === undefined ? {} : translateWhere(where, now);
    const id = where === undefined ? undefined : pinnedId(where);
    let candidates: StoredDoc[];
    if (id !== undefined) {
      const one = this.store.getDoc(coll, id);
      candidates = one ? [one] : [];
    } else {
      candidates = this.store.listDocs(coll);
    }
    if (Object.keys(mongo).length === 0) return candidates;
    const q = new MingoQuery(mongo, {});
    return candidates.filter((c) => q.test(c.doc));
  }

  find(coll: string, spec: QuerySpec, now: number): AnyObject[] {
    return this.store.tx(() => {
      const docs = this.matching(coll, spec.where, now).map((d) => d.doc);
      let cursor = find(docs, {});
      // orderBy is applied before skip/limit regardless of call order, as on the server.
      if (spec.orders.length) {
        const sort: Record<string, 1 | -1> = {};
        for (const [field, dir] of spec.orders) sort[field] = dir === 'desc' ? -1 : 1;
        cursor = cursor.sort(sort);
      }
      if (spec.skip) cursor = cursor.skip(spec.skip);
      cursor = cursor.limit(Math.min(spec.limit || MAX_LIMIT, MAX_LIMIT));
      return project(cursor.all() as AnyObject[], spec.projection);
    });
  }

  count(coll: string, where: unknown, now: number): number {
    return this.store.tx(() => this.matching(coll, where, now).length);
  }

  /** @returns number of documents whose content actually changed (MongoDB's nModified). */
  updateWhere(coll: string, where: unknown, data: unknown, now: number, multi: boolean): number {
    const ops = compileUpdate(data, now);
    return this.store.tx(() => {
      let updated = 0;
      for (const d of this.matching(coll, where, now)) {
        const next = applyUpdate(d.doc, ops);
        if (!deepEqual(next, d.doc)) {
          this.store.replaceDoc(coll, d.id, next);
          updated++;
        }
        if (!multi) break;
      }
      return updated;
    });
  }

  removeWhere(coll: string, where: unknown, now: number, multi: boolean): number {
    return this.store.tx(() => {
      let removed = 0;
      for (const d of this.matching(coll, where, now)) {
        if (this.store.deleteDoc(coll, d.id)) removed++;
        if (!multi) break;
      }
      return removed;
    });
  }

  /** Prepares a new document; `_id` from data wins, otherwise a fresh 32-hex id. */
  static newDoc(data: unknown, now: number): { id: string; doc: AnyObject } {
    const body = storableDoc(data, now);
    const given = body._id;
    if (given !== undefined && (typeof given !== 'string' || given === '') && typeof given !== 'number') {
      throw new LocalCloudError(ErrCode.INVALID_PARAM, '_id must be a non-empty string');
    }
    const id = given === undefined ? newDocId() : String(given);
    delete body._id;
    return { id, doc: { _id: id, ...body } };
  }

  add(coll: string, data: unknown, now: number): string {
    const { id, doc } = Engine.newDoc(data, now);
    this.store.tx(() => {
      this.assertWritable(coll);
      if (this.store.getRev(coll, id) !== null) throw duplicateKey(coll, id);
      this.store.insertDoc(coll, id, doc);
    });
    return id;
  }

  getById(coll: string, id: string, projection?: Record<string, boolean | number>): AnyObject | undefined {
    return this.store.tx(() => {
      if (!this.readable(coll)) return undefined;
      const d = this.store.getDoc(coll, id);
      return d ? project([d.doc], projection)[0] : undefined;
    });
  }

  /** Replace-or-create. @returns WeChat's stats: updated 1 when an existing doc changed, created 1 when new. */
  setById(coll: string, id: string, data: unknown, now: number): { updated: number; created: number } {
    const doc = setBody(id, data, now);
    return this.store.tx(() => {
      this.assertWritable(coll);
      const cur = this.store.getDoc(coll, id);
      if (!cur) {
        this.store.insertDoc(coll, id, doc);
        return { updated: 0, created: 1 };
      }
      if (deepEqual(cur.doc, doc)) return { updated: 0, created: 0 };
      this.store.replaceDoc(coll, id, doc);
      return { updated: 1, created: 0 };
    });
  }

  updateById(coll: string, id: string, data: unknown, now: number): number {
    return this.updateWhere(coll, { _id: id }, data, now, false);
  }

  removeById(coll: string, id: string): number {
    return this.store.tx(() => {
      if (!this.readable(coll)) return 0;
      return this.store.deleteDoc(coll, id) ? 1 : 0;
    });
  }
}

/** Body for doc(id).set(): `_id` may not appear in data (as in @cloudbase/database). */
export function setBody(id: string, data: unknown, now: number): AnyObject {
  const body = storableDoc(data, now);
  if (Object.prototype.hasOwnProperty.call(body, '_id')) {
    throw new LocalCloudError(ErrCode.INVALID_PARAM, '不能更新_id的值 (_id cannot be set in data)');
  }
  return { _id: id, ...body };
}

export function duplicateKey(coll: string, id: string): LocalCloudError {
  return new LocalCloudError(ErrCode.DB_REQUEST_FAILED, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`);
}
