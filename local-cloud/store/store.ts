/**
 * Durable storage for the local cloud: one SQLite file (WAL) holding collections, documents,
 * stored files and the openapi sink. better-sqlite3 is synchronous, so every operation below
 * runs to completion without interleaving inside this process; `tx()` additionally takes
 * SQLite's write lock up front (BEGIN IMMEDIATE) so other processes sharing DATA_DIR (gateway,
 * timers) cannot interleave either.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { randomBytes } from 'crypto';
import { decodeDoc, encodeDoc } from './codec';
import { docPathFlags, type PathFlag } from './pathflags';
import type { AnyObject } from '../util';
import { ErrCode, LocalCloudError } from '../errors';

/** WeChat's database keeps each record as one BSON document: at most 16 MB (16 777 216 bytes). */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** Encoded body of a document, refused (-502001, as the server's BSON limit) when over MAX_DOC_BYTES. */
function encodeChecked(coll: string, id: string, doc: AnyObject): string {
  const body = encodeDoc(doc);
  // Our stored JSON is within a few percent of the BSON size for typical records.
  const bytes = body.length > MAX_DOC_BYTES / 4 ? Buffer.byteLength(body) : body.length;
  if (bytes > MAX_DOC_BYTES) {
    throw new LocalCloudError(
      ErrCode.DB_REQUEST_FAILED,
      `document too large: record ${id} in ${coll} is ${bytes} bytes, over the ${MAX_DOC_BYTES}-byte (16 MB) limit of a single record`,
    );
  }
  return body;
}

export interface StoredDoc {
  id: string;
  /** Global write sequence number of the last write; the optimistic-concurrency token. */
  rev: number;
  doc: AnyObject;
}

export interface StoredFile {
  path: string;
  content: Buffer;
  contentType: string;
  size: number;
  updatedAt: Date;
  /** openid of the mini-program user who uploaded it (client uploads); absent for function uploads. */
  owner?: string;
}

export interface SinkRow {
  seq: number;
  api: string;
  touser: string;
  payload: AnyObject;
  at: Date;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS _meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS _docs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  coll TEXT NOT NULL,
  id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (coll, id)
);
CREATE TABLE IF NOT EXISTS _files (
  path TEXT PRIMARY KEY,
  content BLOB NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  owner TEXT
);
CREATE TABLE IF NOT EXISTS _openapi_sink (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  api TEXT NOT NULL,
  touser TEXT NOT NULL,
  payload TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS _pathflags (
  coll TEXT NOT NULL,
  path TEXT NOT NULL,
  flag TEXT NOT NULL,
  PRIMARY KEY (coll, path, flag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS _secrets (k TEXT PRIMARY KEY, v BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS _openapi_sink_touser ON _openapi_sink (touser);
INSERT OR IGNORE INTO _meta (k, v) VALUES ('rev', 0), ('schema', 1);
`;

interface DocRow {
  id: string;
  rev: number;
  body: string;
}

/** A row of selectDocs(): the document plus the sort key columns SQL ordered it by. */
export interface SelectedRow extends DocRow {
  seq: number;
  /** Sort-key columns r0, k0, r1, k1 … (SortPlan.cols). */
  [sortKey: `r${number}` | `k${number}`]: unknown;
}

export class Store {
  readonly db: Database.Database;

  /** @param dataDir directory for db.sqlite, or ':memory:' for a throwaway database. */
  constructor(readonly dataDir: string) {
    if (dataDir === ':memory:') {
      this.db = new Database(':memory:');
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(join(dataDir, 'db.sqlite'));
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // Databases created before uploads recorded their owner.
    const cols = this.db.prepare('PRAGMA table_info(_files)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'owner')) this.db.exec('ALTER TABLE _files ADD COLUMN owner TEXT');
    // Databases written before path flags existed: derive them once from the stored documents.
    if (this.db.prepare(`SELECT 1 FROM _meta WHERE k = 'pathflags'`).get() === undefined) {
      this.tx(() => {
        if (this.db.prepare(`SELECT 1 FROM _meta WHERE k = 'pathflags'`).get() !== undefined) return;
        for (const row of this.db.prepare('SELECT coll, body FROM _docs').iterate() as IterableIterator<{ coll: string; body: string }>) {
          for (const [path, flag] of docPathFlags(decodeDoc<AnyObject>(row.body))) this.pending.push([row.coll, path, flag]);
        }
        this.flushFlags();
        this.db.prepare(`INSERT OR IGNORE INTO _meta (k, v) VALUES ('pathflags', 1)`).run();
      });
    }
  }

  private readonly stmts = new Map<string, Database.Statement>();
  private pending: [string, string, PathFlag][] = [];
  private readonly ensuredIndexes = new Set<string>();

  /** A cached prepared statement. */
  stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      // Query shapes vary (e.g. `_.in` list lengths): keep the cache bounded.
      if (this.stmts.size >= 500) this.stmts.clear();
      this.stmts.set(sql, (s = this.db.prepare(sql)));
    }
    return s;
  }

  /**
   * Path flags per collection as committed (plus this connection's own writes). Another
   * connection's commit changes PRAGMA data_version, which drops the cache; a rolled-back
   * transaction drops it too (see tx()), so a flag is never believed stored when it is not.
   */
  private readonly flagCache = new Map<string, Map<string, Set<PathFlag>>>();
  private flagVersion: unknown = undefined;

  private validFlagCache(): void {
    const v = this.stmt('PRAGMA data_version').pluck().get();
    if (v !== this.flagVersion) {
      this.flagCache.clear();
      this.flagVersion = v;
    }
  }

  private recordFlags(coll: string, doc: AnyObject): void {
    const known = this.pathFlags(coll);
    for (const [path, flag] of docPathFlags(doc)) {
      if (known.get(path)?.has(flag)) continue;
      this.pending.push([coll, path, flag]);
      let set = known.get(path);
      if (!set) known.set(path, (set = new Set()));
      set.add(flag);
    }
    if (this.pending.length) this.flushFlags();
  }

  private flushFlags(): void {
    const ins = this.stmt('INSERT OR IGNORE INTO _pathflags (coll, path, flag) VALUES (?, ?, ?)');
    for (const [c, p, f] of this.pending) ins.run(c, p, f);
    this.pending = [];
  }

  /** Flags ever recorded for the collection's paths (see pathflags.ts). Callers must not modify it. */
  pathFlags(coll: string): Map<string, Set<PathFlag>> {
    this.validFlagCache();
    const cached = this.flagCache.get(coll);
    if (cached) return cached;
    const out = new Map<string, Set<PathFlag>>();
    for (const r of this.stmt('SELECT path, flag FROM _pathflags WHERE coll = ?').all(coll) as { path: string; flag: PathFlag }[]) {
      let s = out.get(r.path);
      if (!s) out.set(r.path, (s = new Set()));
      s.add(r.flag);
    }
    this.flagCache.set(coll, out);
    return out;
  }

  /**
   * Documents of `coll` satisfying an SQL condition over `body` (built by db/pushdown.ts; the
   * collection name is inlined as a literal so partial expression indexes apply).
   */
  selectDocs(collLiteral: string, cond: string, args: unknown[], order: string, extraCols = ''): IterableIterator<SelectedRow> {
    const sql = `SELECT seq, id, rev, body${extraCols} FROM _docs WHERE coll = ${collLiteral}${cond ? ` AND ${cond}` : ''} ORDER BY ${order}`;
    return this.stmt(sql).iterate(...args) as IterableIterator<SelectedRow>;
  }

  /** selectDocs() materialised. */
  selectAll(collLiteral: string, cond: string, args: unknown[], order: string): SelectedRow[] {
    const sql = `SELECT seq, id, rev, body FROM _docs WHERE coll = ${collLiteral}${cond ? ` AND ${cond}` : ''} ORDER BY ${order}`;
    return this.stmt(sql).all(...args) as SelectedRow[];
  }

  countDocs(collLiteral: string, cond: string, args: unknown[]): number {
    const sql = `SELECT COUNT(*) AS n FROM _docs WHERE coll = ${collLiteral}${cond ? ` AND ${cond}` : ''}`;
    return (this.stmt(sql).get(...args) as { n: number }).n;
  }

  /** CREATE INDEX IF NOT EXISTS, once per store and name. */
  ensureIndex(name: string, collLiteral: string, exprs: string[]): void {
    if (this.ensuredIndexes.has(name)) return;
    this.db.exec(`CREATE INDEX IF NOT EXISTS "${name.replace(/"/g, '""')}" ON _docs (${exprs.join(', ')}) WHERE coll = ${collLiteral}`);
    this.ensuredIndexes.add(name);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs fn atomically under SQLite's write lock. Nested calls become savepoints. */
  tx<T>(fn: () => T): T {
    // Cached BEGIN/SAVEPOINT statements: db.transaction(fn) would build a wrapper per call.
    const nested = this.db.inTransaction;
    this.stmt(nested ? 'SAVEPOINT lc_tx' : 'BEGIN IMMEDIATE').run();
    try {
      const out = fn();
      if (out && typeof (out as { then?: unknown }).then === 'function') throw new TypeError('Store.tx: the function must be synchronous');
      this.stmt(nested ? 'RELEASE lc_tx' : 'COMMIT').run();
      return out;
    } catch (e) {
      if (nested) {
        this.stmt('ROLLBACK TO lc_tx').run();
        this.stmt('RELEASE lc_tx').run();
      } else if (this.db.inTransaction) {
        this.stmt('ROLLBACK').run();
      }
      // Flags cached during the rolled-back part were never stored.
      this.flagCache.clear();
      throw e;
    }
  }

  nextRev(): number {
    const row = this.stmt(`UPDATE _meta SET v = v + 1 WHERE k = 'rev' RETURNING v`).get() as { v: number };
    return row.v;
  }

  // --- collections -------------------------------------------------------------------------

  hasCollection(name: string): boolean {
    return this.stmt('SELECT 1 FROM _collections WHERE name = ?').get(name) !== undefined;
  }

  /** @returns false when it already existed. */
  createCollection(name: string): boolean {
    const r = this.stmt('INSERT OR IGNORE INTO _collections (name, created_at) VALUES (?, ?)').run(name, Date.now());
    return r.changes === 1;
  }

  listCollections(): string[] {
    return (this.stmt('SELECT name FROM _collections ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  }

  // --- documents ---------------------------------------------------------------------------

  /** All documents of a collection in insertion order (WeChat's natural order without orderBy). */
  listDocs(coll: string): StoredDoc[] {
    const rows = this.stmt('SELECT id, rev, body FROM _docs WHERE coll = ? ORDER BY seq').all(coll) as DocRow[];
    return rows.map(toStored);
  }

  getDoc(coll: string, id: string): StoredDoc | undefined {
    const row = this.stmt('SELECT id, rev, body FROM _docs WHERE coll = ? AND id = ?').get(coll, id) as DocRow | undefined;
    return row ? toStored(row) : undefined;
  }

  getRev(coll: string, id: string): number | null {
    const row = this.stmt('SELECT rev FROM _docs WHERE coll = ? AND id = ?').get(coll, id) as { rev: number } | undefined;
    return row ? row.rev : null;
  }

  insertDoc(coll: string, id: string, doc: AnyObject): void {
    this.createCollection(coll);
    const body = encodeChecked(coll, id, doc);
    this.stmt('INSERT INTO _docs (coll, id, rev, body) VALUES (?, ?, ?, ?)').run(coll, id, this.nextRev(), body);
    this.recordFlags(coll, doc);
  }

  /** Replaces in place so the document keeps its position in natural order. */
  replaceDoc(coll: string, id: string, doc: AnyObject): void {
    const body = encodeChecked(coll, id, doc);
    this.stmt('UPDATE _docs SET rev = ?, body = ? WHERE coll = ? AND id = ?').run(this.nextRev(), body, coll, id);
    this.recordFlags(coll, doc);
  }

  deleteDoc(coll: string, id: string): boolean {
    return this.stmt('DELETE FROM _docs WHERE coll = ? AND id = ?').run(coll, id).changes === 1;
  }

  // --- files -------------------------------------------------------------------------------

  putFile(path: string, content: Buffer, contentType: string, owner?: string): void {
    this
      .stmt('INSERT OR REPLACE INTO _files (path, content, content_type, size, updated_at, owner) VALUES (?, ?, ?, ?, ?, ?)')
      .run(path, content, contentType, content.length, Date.now(), owner ?? null);
  }

  getFile(path: string): StoredFile | undefined {
    const row = this.stmt('SELECT path, content, content_type, size, updated_at, owner FROM _files WHERE path = ?').get(path) as
      | { path: string; content: Buffer; content_type: string; size: number; updated_at: number; owner: string | null }
      | undefined;
    if (!row) return undefined;
    const file: StoredFile = { path: row.path, content: row.content, contentType: row.content_type, size: row.size, updatedAt: new Date(row.updated_at) };
    if (row.owner) file.owner = row.owner;
    return file;
  }

  hasFile(path: string): boolean {
    return this.stmt('SELECT 1 FROM _files WHERE path = ?').get(path) !== undefined;
  }

  deleteFile(path: string): boolean {
    return this.stmt('DELETE FROM _files WHERE path = ?').run(path).changes === 1;
  }

  /**
   * A random secret kept with the data (e.g. the key that signs temp file URLs): made once, the
   * same for every process sharing this DATA_DIR and across restarts.
   */
  secret(name: string): Buffer {
    this.stmt('INSERT OR IGNORE INTO _secrets (k, v) VALUES (?, ?)').run(name, randomBytes(32));
    return this.stmt('SELECT v FROM _secrets WHERE k = ?').pluck().get(name) as Buffer;
  }

  // --- openapi sink ------------------------------------------------------------------------

  addSink(api: string, touser: string, payload: AnyObject): void {
    this.stmt('INSERT INTO _openapi_sink (api, touser, payload, at) VALUES (?, ?, ?, ?)').run(api, touser, encodeDoc(payload), Date.now());
  }

  listSink(filter: { touser?: string; api?: string } = {}): SinkRow[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.touser !== undefined) {
      where.push('touser = ?');
      args.push(filter.touser);
    }
    if (filter.api !== undefined) {
      where.push('api = ?');
      args.push(filter.api);
    }
    const sql = `SELECT seq, api, touser, payload, at FROM _openapi_sink ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    const rows = this.stmt(sql).all(...args) as { seq: number; api: string; touser: string; payload: string; at: number }[];
    return rows.map((r) => ({ seq: r.seq, api: r.api, touser: r.touser, payload: decodeDoc<AnyObject>(r.payload), at: new Date(r.at) }));
  }

  clearSink(): void {
    this.stmt('DELETE FROM _openapi_sink').run();
  }
}

export function toStored(row: DocRow): StoredDoc {
  return { id: row.id, rev: row.rev, doc: decodeDoc<AnyObject>(row.body) };
}
