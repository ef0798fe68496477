/**
 * SQL pushdown (db/pushdown.ts) is only a pre-filter and sort order in front of mingo: for random
 * documents (arrays, nested objects, nulls, missing fields, Dates, numbers vs strings, booleans,
 * strings outside the BMP) and a battery of queries, the pushdown path must return exactly what
 * the full-scan path (LOCAL_CLOUD_PUSHDOWN=0) returns, in the same order, and the same counts.
 */
import { configureLocalCloud, declareCollections, getStore, resetLocalCloud } from '../../local-cloud';
import { Store } from '../../local-cloud/store/store';
import { cloud } from './helpers';

const _ = cloud.database().command;
const db = () => cloud.database();

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const D0 = Date.UTC(2026, 0, 1);
const STRS = ['pending', 'done', 'claimed', 'Pending', '', 'a', 'b', 'ab', '办理中', '已办结', '{"x":1}', '5', 'true', '\uffff', '\u{1F600}', 'z\u{1F600}', 'z\uffff'];

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** A scalar of a random BSON type (or undefined = missing). */
type Mode = 'clean' | 'mixed' | 'messy';
const LOW_STRS = STRS.filter((x) => ![...x].some((c) => c.charCodeAt(0) >= 0xd800));

function scalar(r: () => number, mode: Mode): unknown {
  const t = r();
  if (t < 0.1) return undefined;
  if (t < 0.18) return null;
  if (t < 0.4) return pick(r, mode === 'clean' ? LOW_STRS : STRS);
  if (t < 0.6) return pick(r, [0, 1, -1, 2, 5, 5.5, 10, 1e6, -0.25, 3]);
  if (t < 0.7) return r() < 0.5;
  if (t < 0.9) return new Date(D0 + Math.floor(r() * 10) * 3600_000);
  return mode === 'clean' ? pick(r, [7, 'b']) : { x: pick(r, [1, 2]) };
}

function makeDoc(r: () => number, i: number, mode: Mode): Record<string, unknown> {
  const d: Record<string, unknown> = { i };
  const put = (k: string, v: unknown) => {
    if (v !== undefined) d[k] = v;
  };
  const maybeArray = (v: () => unknown) => (mode === 'messy' && r() < 0.25 ? [v(), v()].filter((x) => x !== undefined) : v());
  put('status', maybeArray(() => (r() < 0.7 ? pick(r, STRS.slice(0, 4)) : scalar(r, mode))));
  put('n', maybeArray(() => scalar(r, mode)));
  put('at', maybeArray(() => (r() < 0.6 ? new Date(D0 + Math.floor(r() * 10) * 3600_000) : scalar(r, mode))));
  put('s', maybeArray(() => pick(r, mode === 'clean' ? LOW_STRS : STRS)));
  put('flag', r() < 0.8 ? r() < 0.5 : scalar(r, mode));
  const code = () => (r() < 0.8 ? pick(r, ['D01', 'D02', 'D03']) : scalar(r, mode));
  const dep = r();
  if (dep < 0.6) d.dept = { code: code(), name: '部门' };
  else if (dep < 0.7) d.dept = mode === 'messy' ? [{ code: code() }, { code: code() }] : { code: code() };
  else if (dep < 0.8) d.dept = pick(r, ['D01', null, 5]);
  return d;
}

function queries(now: Date): { where?: Record<string, unknown>; orders?: [string, 'asc' | 'desc'][]; skip?: number; limit?: number }[] {
  const t = (h: number) => new Date(D0 + h * 3600_000);
  const wheres: (Record<string, unknown> | undefined)[] = [
    undefined,
    {},
    { status: 'pending' },
    { status: _.eq('done') },
    { status: _.in(['pending', 'claimed']) },
    { status: _.in(['pending', 5, true, t(3)]) },
    { status: _.in([]) },
    { n: 5 },
    { n: _.eq(1) },
    { n: _.eq(true) },
    { n: _.eq(0) },
    { n: _.gt(2) },
    { n: _.gte(0).and(_.lt(6)) },
    { n: _.lte('5') },
    { n: _.in([1, '5', false, null]) },
    { n: null },
    { at: t(3) },
    { at: _.lte(t(4)) },
    { at: _.gt(t(2)), status: 'pending' },
    { at: _.lt(now) },
    { s: _.gt('a') },
    { s: _.lt('b') },
    { s: _.gte('z') },
    { s: _.gt('\uffff') },
    { s: '\u{1F600}' },
    { s: '{"x":1}' },
    { flag: true },
    { flag: _.eq(false), status: _.neq('done') },
    { dept: { code: 'D01' } },
    { 'dept.code': _.in(['D02', 'D03']) },
    { dept: 'D01' },
    { 'dept.code': 'D01', status: _.in(['pending', 'done']), at: _.gte(t(1)) },
    { n: _.exists(false) },
    { status: _.or([_.eq('pending'), _.eq('done')]) },
    { s: db().RegExp({ regexp: '^a', options: '' }) },
    _.or([{ status: 'pending' }, { n: _.gt(3) }]) as unknown as Record<string, unknown>,
    { _id: 'd0003' },
    { _id: _.eq('d0007') },
    { _id: _.in(['d0001', 'd0005', 'no-such-id', 'd0001']) },
    { _id: _.in(['d0002', 'd0009']), status: 'pending' },
    { _id: _.in([1, 'd0004']) },
    { _id: _.gt('d0010') },
  ];
  const orders: [string, 'asc' | 'desc'][][] = [[], [['at', 'asc']], [['n', 'desc']], [['status', 'asc'], ['at', 'desc']], [['s', 'asc']], [['dept.code', 'desc'], ['i', 'asc']], [['flag', 'asc'], ['n', 'desc']], [['flag', 'desc'], ['s', 'asc'], ['i', 'desc']], [['n', 'asc'], ['flag', 'desc'], ['at', 'asc']]];
  const out: ReturnType<typeof queries> = [];
  for (const where of wheres) for (const o of orders) for (const [skip, limit] of [[0, 5], [3, 100]]) out.push({ where, orders: o, skip, limit });
  return out;
}

async function runAll(coll: string, now: Date): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const q of queries(now)) {
    let query = q.where === undefined ? db().collection(coll) : db().collection(coll).where(q.where);
    for (const [f, d] of q.orders ?? []) query = query.orderBy(f, d);
    if (q.skip) query = query.skip(q.skip);
    if (q.limit) query = query.limit(q.limit);
    const { data } = await query.get();
    // count() does not depend on orderBy/skip/limit: once per condition.
    const c = q.where === undefined ? db().collection(coll) : db().collection(coll).where(q.where);
    const total = q.orders?.length || q.skip ? undefined : (await c.count()).total;
    results.push({ q: JSON.stringify(q), ids: data.map((d) => d.i), total });
  }
  return results;
}

async function differential(coll: string): Promise<unknown[]> {
  const now = new Date(D0 + 5 * 3600_000);
  const prev = process.env.LOCAL_CLOUD_PUSHDOWN;
  try {
    process.env.LOCAL_CLOUD_PUSHDOWN = '0';
    const full = await runAll(coll, now);
    delete process.env.LOCAL_CLOUD_PUSHDOWN;
    const pushed = await runAll(coll, now);
    expect(pushed).toEqual(full);
    return pushed;
  } finally {
    if (prev === undefined) delete process.env.LOCAL_CLOUD_PUSHDOWN;
    else process.env.LOCAL_CLOUD_PUSHDOWN = prev;
  }
}

const INDEXES = [
  { name: 'status_at', keys: { status: 1, at: 1 } },
  { name: 'dept', keys: { 'dept.code': 1 } },
  { name: 'n', keys: { n: -1 } },
  { name: 'flag_at', keys: { flag: -1, at: 1 } },
];

beforeEach(() => {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  declareCollections([{ name: 'clean', indexes: INDEXES }, { name: 'messy', indexes: INDEXES }]);
  delete process.env.LOCAL_CLOUD_PUSHDOWN;
});
afterAll(() => resetLocalCloud());

async function fill(coll: string, count: number, seed: number, mode: Mode): Promise<void> {
  const r = rng(seed);
  // Known ids, so that the battery can look documents up by _id (the indexed id column).
  const docs = Array.from({ length: count }, (_x, i) => ({ _id: `d${String(i).padStart(4, '0')}`, ...makeDoc(r, i, mode) }));
  await db().collection(coll).add({ data: docs });
}

describe('pushdown returns exactly what the full scan returns', () => {
  test('documents without arrays on the queried paths (filters and sorts pushed into SQL)', async () => {
    await fill('clean', 120, 7, 'clean');
    const listDocs = jest.spyOn(Store.prototype, 'listDocs');
    try {
      const res = await differential('clean');
      // The battery is not vacuous: many queries match something and many stop at their limit.
      expect(res.filter((x) => (x as { ids: unknown[] }).ids.length > 0).length).toBeGreaterThan(250);
      // With pushdown on, no query fell back to reading the whole collection through listDocs.
      const calls = listDocs.mock.calls.length;
      listDocs.mockClear();
      await db().collection('clean').where({ status: 'pending' }).orderBy('at', 'asc').limit(5).get();
      await db().collection('clean').where({ status: 'pending' }).count();
      expect(listDocs).not.toHaveBeenCalled();
      expect(calls).toBeGreaterThan(0); // the forced full-scan half did use it
    } finally {
      listDocs.mockRestore();
    }
  });

  test('no arrays, but embedded objects and strings outside the BMP on the same paths', async () => {
    await fill('clean', 120, 13, 'mixed');
    await differential('clean');
  });

  test('documents with arrays, arrays of objects and mixed types on the same paths', async () => {
    await fill('messy', 120, 11, 'messy');
    await differential('messy');
  });

  test('after updates that introduce arrays into a previously scalar field', async () => {
    await fill('clean', 80, 3, 'clean');
    await db().collection('clean').where({ i: _.lt(10) }).update({ data: { status: ['pending', 'x'], at: [new Date(D0)], dept: [{ code: 'D01' }] } });
    await differential('clean');
  });

  test('update and remove by a pushed-down filter touch the same documents', async () => {
    await fill('clean', 120, 5, 'clean');
    const page = async (skip: number) => (await db().collection('clean').orderBy('i', 'asc').skip(skip).limit(100).get()).data.map(({ _id, ...rest }) => rest);
    const snapshot = async () => [...(await page(0)), ...(await page(100))];
    const ops = async () => [
      (await db().collection('clean').where({ status: 'pending', n: _.gt(1) }).update({ data: { touched: 1 } })).stats.updated,
      (await db().collection('clean').where({ 'dept.code': 'D02' }).remove()).stats.removed,
    ];
    process.env.LOCAL_CLOUD_PUSHDOWN = '0';
    const a = await ops();
    const afterFull = await snapshot();
    resetLocalCloud();
    configureLocalCloud({ dataDir: ':memory:' });
    declareCollections([{ name: 'clean', indexes: INDEXES }]);
    await fill('clean', 120, 5, 'clean');
    delete process.env.LOCAL_CLOUD_PUSHDOWN;
    const b = await ops();
    expect(b).toEqual(a);
    expect(a[0]).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(afterFull);
  });
});

describe('indexes and exact counts', () => {
  test('declared indexes become expression indexes that serve the pushed-down query', async () => {
    await fill('clean', 50, 1, 'clean');
    await db().collection('clean').where({ status: 'pending' }).orderBy('at', 'asc').limit(5).get();
    const sqlite = getStore().db;
    const names = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'lc_clean_%'`).all() as { name: string }[]).map((r) => r.name);
    expect(names.map((n) => n.replace(/_[0-9a-f]{8}$/, '')).sort()).toEqual(['lc_clean_dept', 'lc_clean_flag_at', 'lc_clean_n', 'lc_clean_status_at']);
    const { countDocs } = Store.prototype;
    const spy = jest.spyOn(Store.prototype, 'countDocs');
    let sql = '';
    const prepare = sqlite.prepare.bind(sqlite);
    const prep = jest.spyOn(sqlite, 'prepare').mockImplementation((s: string) => {
      if (s.includes('COUNT(*)')) sql = s;
      return prepare(s);
    });
    try {
      expect((await db().collection('clean').where({ status: 'pending', 'dept.code': 'D01' }).count()).total).toBeGreaterThan(0);
      expect(spy).toHaveBeenCalled(); // exact filter → SQL COUNT
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('pending', 'D01') as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/USING INDEX lc_clean_(status_at|dept)/);
    } finally {
      prep.mockRestore();
      spy.mockRestore();
      void countDocs;
    }
  });

  test('filters mingo must finish (regex, $or, array paths) never take the SQL count', async () => {
    await fill('messy', 60, 2, 'messy');
    const spy = jest.spyOn(Store.prototype, 'countDocs');
    try {
      await db().collection('messy').where({ status: 'pending' }).count(); // status holds arrays here
      await db().collection('messy').where({ s: db().RegExp({ regexp: 'a' }) }).count();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('path flags', () => {
  test('a database written before path flags existed rebuilds them on open', () => {
    const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'lc-flags-'));
    const s1 = new Store(dir);
    s1.createCollection('x');
    s1.insertDoc('x', 'a', { _id: 'a', tags: ['t'], o: { k: 1 } });
    s1.db.exec(`DELETE FROM _pathflags; DELETE FROM _meta WHERE k = 'pathflags'`);
    s1.close();
    const s2 = new Store(dir);
    const flags = s2.pathFlags('x');
    s2.close();
    expect(flags.get('tags')?.has('array')).toBe(true);
    expect(flags.get('o')?.has('object')).toBe(true);
  });
});

describe('multi-key orderBy', () => {
  test('a mixed-direction orderBy is served in index order and stops at the page, not the tie group', async () => {
    // 3000 documents with one shared first key: the first-key tie group is everything.
    const docs = Array.from({ length: 3000 }, (_x, i) => ({ i, flag: true, at: new Date(D0 + (i % 997) * 1000) }));
    for (let k = 0; k < docs.length; k += 500) await db().collection('clean').add({ data: docs.slice(k, k + 500) });
    const sqlite = getStore().db;
    let sql = '';
    const prepare = sqlite.prepare.bind(sqlite);
    const prep = jest.spyOn(sqlite, 'prepare').mockImplementation((s: string) => {
      if (s.startsWith('SELECT seq, id, rev, body, ')) sql = s;
      return prepare(s);
    });
    // Counts the rows the engine pulls from SQLite's cursor.
    let rowsRead = 0;
    const iterate = jest.spyOn(Object.getPrototypeOf(sqlite.prepare('SELECT 1')), 'iterate').mockImplementation(function (this: { all: (...a: unknown[]) => unknown[] }, ...args: unknown[]) {
      const rows = this.all(...args);
      let n = 0;
      return { next: () => (n < rows.length ? (rowsRead++, { value: rows[n++], done: false }) : { value: undefined, done: true }), return: () => ({ value: undefined, done: true }), [Symbol.iterator]() { return this; } } as never;
    });
    try {
      const { data } = await db().collection('clean').where({ flag: true }).orderBy('flag', 'desc').orderBy('at', 'asc').limit(10).get();
      expect(data.map((d) => d.i)).toEqual([0, 997, 1994, 2991, 1, 998, 1995, 2992, 2, 999]);
      expect(rowsRead).toBeLessThan(20);
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/USING INDEX lc_clean_flag_at/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } finally {
      iterate.mockRestore();
      prep.mockRestore();
    }
  });
});

describe('path flag cache', () => {
  test('a flag written by another connection is seen before the next query plan', () => {
    const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'lc-flags-'));
    const a = new Store(dir);
    const b = new Store(dir);
    try {
      a.createCollection('x');
      a.insertDoc('x', '1', { _id: '1', tags: 't' });
      expect(b.pathFlags('x').get('tags')?.has('array') ?? false).toBe(false);
      a.insertDoc('x', '2', { _id: '2', tags: ['t'] });
      expect(b.pathFlags('x').get('tags')?.has('array')).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  test('a flag from a rolled-back write is not believed stored', () => {
    const s = new Store(':memory:');
    s.createCollection('x');
    expect(() => s.tx(() => {
      s.insertDoc('x', '1', { _id: '1', tags: ['t'] });
      throw new Error('abort');
    })).toThrow('abort');
    expect(s.pathFlags('x').get('tags')?.has('array') ?? false).toBe(false);
    s.insertDoc('x', '2', { _id: '2', tags: ['u'] });
    const rows = s.db.prepare(`SELECT flag FROM _pathflags WHERE coll = 'x' AND path = 'tags'`).all();
    expect(rows).toEqual([{ flag: 'array' }]);
    s.close();
  });
});
