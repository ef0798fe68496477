/**
 * The object `cloud.database()` returns, with the same builder API and result shapes as
 * wx-server-sdk (`{ data, errMsg }`, `{ stats: { updated } }`, ...). Builders are immutable
 * and only record the request; validation and execution happen when the promise-returning
 * method runs, so every failure surfaces as a rejected promise with errCode/errMsg.
 *
 * The store is looked up on every operation: function modules typically keep
 * `const db = cloud.database()` at module level, and that object must keep working after a
 * test calls resetLocalCloud()/configureLocalCloud().
 */
import { getLocalCloudConfig, getStore, isDeclaredCollection } from '../context';
import { ErrCode, LocalCloudError, wrapApi } from '../errors';
import { isPlainObject, nextTick, newRequestId } from '../util';
import { Command, DbRegExp, ServerDate } from './commands';
import { docNotFoundMessage, Engine, type QuerySpec } from './engine';
import { LocalTransaction, runTransaction } from './transaction';

/** Documents are schemaless; like the real SDK's typings, results are loosely typed. */
export type DocData = Record<string, any>;

export interface DatabaseOptions {
  env?: string | symbol;
  /** wx-server-sdk option: when false, doc(id).get() of a missing doc resolves `{ data: null }`. Default true. */
  throwOnNotFound?: boolean;
}

/** The real SDK's messages (@cloudbase/database ErrorCode.QueryParamTypeError / QueryParamValueError). */
export const QUERY_PARAM_TYPE_ERROR = '查询参数必须为对象';
export const QUERY_PARAM_VALUE_ERROR = '查询参数对象值不能均为undefined';

function engine(): Engine {
  return new Engine(getStore(), getLocalCloudConfig().strictCollections, isDeclaredCollection);
}

function invalid(detail: string): LocalCloudError {
  return new LocalCloudError(ErrCode.INVALID_PARAM, detail);
}

function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !name || name.startsWith('$') || name.includes('\u0000')) {
    throw invalid(`invalid collection name ${JSON.stringify(name)}`);
  }
  return name;
}

function checkDocId(id: unknown): string {
  if ((typeof id !== 'string' || id === '') && typeof id !== 'number') throw invalid('doc() needs a non-empty string id');
  return String(id);
}

function checkSpec(spec: QuerySpec): void {
  for (const [field, dir] of spec.orders) {
    if (typeof field !== 'string' || !field) throw invalid('orderBy() field must be a non-empty string');
    if (dir !== 'asc' && dir !== 'desc') throw invalid(`orderBy() direction must be "asc" or "desc", got ${JSON.stringify(dir)}`);
  }
  if (spec.skip !== undefined && (!Number.isInteger(spec.skip) || spec.skip < 0)) throw invalid('skip() needs a non-negative integer');
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit < 0)) throw invalid('limit() needs a non-negative integer');
  if (spec.projection !== undefined && !isPlainObject(spec.projection)) throw invalid('field() needs an object');
}

function checkData(data: unknown): void {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw invalid('options.data must be a non-empty object');
}

export class Query {
  constructor(
    readonly collectionName: string,
    protected readonly spec: QuerySpec = { orders: [] },
  ) {}

  protected with(patch: Partial<QuerySpec>): Query {
    return new Query(this.collectionName, { ...this.spec, ...patch });
  }

  /**
   * A second where() replaces the first, as in the real SDK. Like @cloudbase/database, throws
   * synchronously for a non-object and for an object whose values are all `undefined` — which
   * would otherwise match (and update / remove) the whole collection.
   */
  where(condition: unknown): Query {
    if (Object.prototype.toString.call(condition).slice(8, -1) !== 'Object') throw new Error(QUERY_PARAM_TYPE_ERROR);
    const keys = Object.keys(condition as object);
    if (keys.length && !keys.some((k) => (condition as Record<string, unknown>)[k] !== undefined)) {
      throw new Error(QUERY_PARAM_VALUE_ERROR);
    }
    return this.with({ where: condition });
  }
  orderBy(fieldPath: string, order: 'asc' | 'desc'): Query {
    return this.with({ orders: [...this.spec.orders, [fieldPath, order]] });
  }
  skip(offset: number): Query {
    return this.with({ skip: offset });
  }
  limit(max: number): Query {
    return this.with({ limit: max });
  }
  field(projection: Record<string, boolean | number>): Query {
    return this.with({ projection });
  }

  get(): Promise<{ data: DocData[]; errMsg: string }> {
    return wrapApi('collection.get', async () => {
      checkCollectionName(this.collectionName);
      checkSpec(this.spec);
      await nextTick();
      return { data: engine().find(this.collectionName, this.spec, Date.now()), errMsg: 'collection.get:ok' };
    });
  }

  count(): Promise<{ total: number; errMsg: string }> {
    return wrapApi('collection.count', async () => {
      checkCollectionName(this.collectionName);
      await nextTick();
      return { total: engine().count(this.collectionName, this.spec.where, Date.now()), errMsg: 'collection.count:ok' };
    });
  }

  /** Updates every matching document (server side has no 100 cap here); `multi: false` updates at most one. */
  update(options: { data: unknown; multi?: boolean }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return wrapApi('collection.update', async () => {
      checkCollectionName(this.collectionName);
      checkData(options?.data);
      await nextTick();
      const updated = engine().updateWhere(this.collectionName, this.spec.where, options.data, Date.now(), options.multi !== false);
      return { stats: { updated }, errMsg: 'collection.update:ok' };
    });
  }

  remove(options: { multi?: boolean } = {}): Promise<{ stats: { removed: number }; errMsg: string }> {
    return wrapApi('collection.remove', async () => {
      checkCollectionName(this.collectionName);
      await nextTick();
      const removed = engine().removeWhere(this.collectionName, this.spec.where, Date.now(), options.multi !== false);
      return { stats: { removed }, errMsg: 'collection.remove:ok' };
    });
  }
}

export class CollectionReference extends Query {
  constructor(
    collectionName: string,
    private readonly db: LocalDatabase,
  ) {
    super(collectionName);
  }

  doc(id: string | number): DocumentReference {
    return new DocumentReference(this.collectionName, id, this.db);
  }

  add(options: { data: unknown }): Promise<{ _id?: string; _ids?: string[]; errMsg: string }> {
    return wrapApi('collection.add', async () => {
      checkCollectionName(this.collectionName);
      const data = options?.data;
      await nextTick();
      const e = engine();
      if (Array.isArray(data)) {
        // Batch add: all or nothing, like a single insertMany.
        const ids = getStore().tx(() => data.map((d) => e.add(this.collectionName, d, Date.now())));
        return { _ids: ids, errMsg: 'collection.add:ok' };
      }
      if (!isPlainObject(data)) throw invalid('options.data must be an object');
      return { _id: e.add(this.collectionName, data, Date.now()), errMsg: 'collection.add:ok' };
    });
  }

  aggregate(): never {
    throw new Error('collection.aggregate is not supported by the local cloud');
  }

  watch(): never {
    throw new Error('collection.watch is not supported by the local cloud');
  }
}

export class DocumentReference {
  private projection?: Record<string, boolean | number>;

  constructor(
    private readonly collectionName: string,
    readonly _id: string | number,
    private readonly db: LocalDatabase,
  ) {}

  field(projection: Record<string, boolean | number>): DocumentReference {
    const d = new DocumentReference(this.collectionName, this._id, this.db);
    d.projection = projection;
    return d;
  }

  /** Missing document: rejects with errMsg `document.get:fail document with _id … does not exist` (or resolves `{ data: null }` with throwOnNotFound: false). */
  get(): Promise<{ data: DocData | null; errMsg: string }> {
    return wrapApi('document.get', async () => {
      checkCollectionName(this.collectionName);
      const id = checkDocId(this._id);
      if (this.projection !== undefined && !isPlainObject(this.projection)) throw invalid('field() needs an object');
      await nextTick();
      const data = engine().getById(this.collectionName, id, this.projection);
      if (!data) {
        // The real SDK throws this very string, which becomes errCode -1.
        if (this.db.throwOnNotFound) throw docNotFoundMessage(id);
        return { data: null, errMsg: 'document.get:ok' };
      }
      return { data, errMsg: 'document.get:ok' };
    });
  }

  /** Replaces the whole document (creating it when missing). */
  set(options: { data: unknown }): Promise<{ _id: string | number; stats: { updated: number; created: number }; errMsg: string }> {
    return wrapApi('document.set', async () => {
      checkCollectionName(this.collectionName);
      const id = checkDocId(this._id);
      checkData(options?.data);
      await nextTick();
      const stats = engine().setById(this.collectionName, id, options.data, Date.now());
      return { _id: this._id, stats, errMsg: 'document.set:ok' };
    });
  }

  /** Missing document: resolves with `stats.updated: 0`, like the real service. */
  update(options: { data: unknown }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return wrapApi('document.update', async () => {
      checkCollectionName(this.collectionName);
      const id = checkDocId(this._id);
      checkData(options?.data);
      await nextTick();
      return { stats: { updated: engine().updateById(this.collectionName, id, options.data, Date.now()) }, errMsg: 'document.update:ok' };
    });
  }

  remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    return wrapApi('document.remove', async () => {
      checkCollectionName(this.collectionName);
      const id = checkDocId(this._id);
      await nextTick();
      return { stats: { removed: engine().removeById(this.collectionName, id) }, errMsg: 'document.remove:ok' };
    });
  }
}

export class LocalDatabase {
  readonly command = Command;
  readonly config: DatabaseOptions;

  constructor(config: DatabaseOptions = {}, defaults: { throwOnNotFound?: boolean } = {}) {
    this.config = { ...config };
    this.throwOnNotFound = config.throwOnNotFound ?? defaults.throwOnNotFound ?? true;
  }

  readonly throwOnNotFound: boolean;

  /** `db.serverDate({ offset })`: resolved to the write time (+offset ms) when the write runs. */
  readonly serverDate = (opts: { offset?: number } = {}): ServerDate => new ServerDate(opts.offset ?? 0);

  /** `db.RegExp({ regexp, options })`; a plain function so both `db.RegExp(...)` and `new db.RegExp(...)` work. */
  readonly RegExp = function (opts: { regexp: string; options?: string }): DbRegExp {
    return new DbRegExp(opts.regexp, opts.options ?? '');
  } as unknown as { (opts: { regexp: string; options?: string }): DbRegExp; new (opts: { regexp: string; options?: string }): DbRegExp };

  collection(name: string): CollectionReference {
    return new CollectionReference(name, this);
  }

  /** Rejects (-502001) when the collection already exists, as the real service does. */
  createCollection(name: string): Promise<{ errMsg: string; requestId: string }> {
    return wrapApi('createCollection', async () => {
      checkCollectionName(name);
      await nextTick();
      if (isDeclaredCollection(name) || !getStore().createCollection(name)) {
        throw new LocalCloudError(ErrCode.DB_REQUEST_FAILED, `[ResourceInUse] Table exist. (collection "${name}" already exists)`);
      }
      return { errMsg: 'createCollection:ok', requestId: newRequestId() };
    });
  }

  runTransaction<T>(callback: (transaction: LocalTransaction) => Promise<T> | T, times = 3): Promise<T> {
    return runTransaction(getStore(), engine(), this.throwOnNotFound, callback, times);
  }

  async startTransaction(): Promise<LocalTransaction> {
    await nextTick();
    return new LocalTransaction(getStore(), engine(), this.throwOnNotFound);
  }
}
