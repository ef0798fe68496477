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
import { toStored, type SelectedRow, type Store, type StoredDoc } from '../store/store';
import { declaredIndexes } from './indexes';
import { indexExprs, planFilter, planSort, pushdownEnabled, sqlString, type FilterPlan } from './pushdown';
import { newDocId, type AnyObject } from '../util';
import { containsRegExp, pinnedId, translateWhere } from './query';
import { withRegexBudget } from './regex-budget';
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

  /** Creates the SQLite expression indexes for the collection's declared indexes (once per store). */
  private ensureIndexes(coll: string): void {
    for (const idx of declaredIndexes(coll)) {
      const exprs = indexExprs(idx.paths, idx.descending);
      if (!exprs) continue;
      const name = `lc_${coll}_${idx.name}_${hash(exprs.join('|'))}`;
      this.store.ensureIndex(name, sqlString(coll), exprs);
    }
  }

  /** The SQL pre-filter for `where`, or undefined for the full-scan path. */
  private plan(coll: string, mongo: AnyObject): FilterPlan | undefined {
    if (!pushdownEnabled()) return undefined;
    this.ensureIndexes(coll);
    return planFilter(mongo, this.store.pathFlags(coll));
  }

  private tester(mongo: AnyObject): ((doc: AnyObject) => boolean) | undefined {
    if (Object.keys(mongo).length === 0) return undefined;
    const q = new MingoQuery(mongo, {});
    return (doc) => q.test(doc);
  }

  private budgeted<T>(mongo: AnyObject, fn: () => T): T {
    return containsRegExp(mongo) ? withRegexBudget(fn) : fn();
  }

  /** Documents matching `where`, in natural (insertion) order, with their revisions. */
  private matching(coll: string, where: unknown, now: number): StoredDoc[] {
    if (!this.readable(coll)) return [];
    const mongo = where === undefined ? {} : translateWhere(where, now);
    const id = where === undefined ? undefined : pinnedId(where);
    const test = this.tester(mongo);
    let candidates: StoredDoc[];
    if (id !== undefined) {
      const one = this.store.getDoc(coll, id);
      candidates = one ? [one] : [];
    } else {
      const plan = this.plan(coll, mongo);
      // The SQL condition only narrows the candidates; mingo still decides every match.
      candidates = plan ? this.store.selectAll(sqlString(coll), plan.cond, plan.args, 'seq').map(toStored) : this.store.listDocs(coll);
    }
    if (!test) return candidates;
    return this.budgeted(mongo, () => candidates.filter((c) => test(c.doc)));
  }

  /**
   * Pushdown path of find(): streams rows in SQL order (natural order, or the first orderBy
   * key's order) and stops once skip+limit matches are found and the tie group of the first
   * sort key at that boundary is complete. mingo then sorts that subset (fed in natural order)
   * exactly as it would sort everything, since the subset holds every match up to the boundary.
   */
  private findPushed(coll: string, spec: QuerySpec, now: number): AnyObject[] | undefined {
    if (!pushdownEnabled() || !this.readable(coll)) return undefined;
    if (spec.where !== undefined && pinnedId(spec.where) !== undefined) return undefined;
    const mongo = spec.where === undefined ? {} : translateWhere(spec.where, now);
    const plan = this.plan(coll, mongo);
    if (!plan) return undefined;
    const sort = planSort(spec.orders, this.store.pathFlags(coll), plan.pinned);
    if (!sort) return undefined;
    const need = (spec.skip ?? 0) + Math.min(spec.limit || MAX_LIMIT, MAX_LIMIT);
    // mingo stays the final matcher even when the SQL condition is exact.
    const test = this.tester(mongo);
    const ordered = spec.orders.length > 0;
    // Closed outside the regex budget: a budget timeout interrupts the loop without unwinding it.
    const rows = this.store.selectDocs(sqlString(coll), plan.cond, plan.args, sort.order, sort.cols);
    let picked: { seq: number; doc: AnyObject }[];
    try {
      picked = this.budgeted(mongo, () => {
        const out: { seq: number; doc: AnyObject }[] = [];
        // The SQL sort-key tuple of the row where `need` matches were reached: rows after it
        // with an equal tuple still compete for the page (mingo orders them by later keys).
        let boundary: unknown[] | undefined;
        const tuple = (row: SelectedRow): unknown[] => {
          const t: unknown[] = [];
          for (let i = 0; i < sort.keys; i++) t.push(row[`r${i}`], row[`k${i}`]);
          return t;
        };
        for (let next = rows.next(); !next.done; next = rows.next()) {
          const row = next.value;
          if (boundary) {
            const t = tuple(row);
            if (t.some((v, i) => v !== boundary![i])) break;
          }
          const doc = toStored(row).doc;
          if (test && !test(doc)) continue;
          out.push({ seq: row.seq, doc });
          if (out.length >= need) {
            if (sort.complete) break;
            if (!boundary) boundary = tuple(row);
          }
        }
        return out;
      });
    } finally {
      rows.return?.();
    }
    if (ordered) picked.sort((a, b) => a.seq - b.seq);
    return this.sortPage(picked.map((p) => p.doc), spec);
  }

  private sortPage(docs: AnyObject[], spec: QuerySpec): AnyObject[] {
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
  }

  find(coll: string, spec: QuerySpec, now: number): AnyObject[] {
    return this.store.tx(() => {
      const pushed = this.findPushed(coll, spec, now);
      if (pushed) return pushed;
      return this.sortPage(this.matching(coll, spec.where, now).map((d) => d.doc), spec);
    });
  }

  /** A SQL COUNT when the pushed-down condition is exactly mingo's answer, else mingo counts the candidates. */
  count(coll: string, where: unknown, now: number): number {
    return this.store.tx(() => {
      if (this.readable(coll) && (where === undefined || pinnedId(where) === undefined)) {
        const mongo = where === undefined ? {} : translateWhere(where, now);
        const plan = this.plan(coll, mongo);
        if (plan?.exact) return this.store.countDocs(sqlString(coll), plan.cond, plan.args);
      }
      return this.matching(coll, where, now).length;
    });
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

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export function duplicateKey(coll: string, id: string): LocalCloudError {
  return new LocalCloudError(ErrCode.DB_REQUEST_FAILED, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`);
}
