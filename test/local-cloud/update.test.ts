/** Update semantics, operator by operator, plus serverDate and Date round-trips. */
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const db = () => cloud.database();
const _ = cloud.database().command;
const doc = () => db().collection('u').doc('d1');

async function start(data: Record<string, unknown>): Promise<void> {
  await db().collection('u').add({ data: { _id: 'd1', ...data } });
}
async function current(): Promise<Record<string, unknown>> {
  return (await doc().get()).data as Record<string, unknown>;
}
async function update(data: Record<string, unknown>): Promise<number> {
  return (await doc().update({ data })).stats.updated;
}

describe('field updates', () => {
  test('plain nested object merges path by path (only sets a.b)', async () => {
    await start({ a: { b: 1, c: 2 }, x: 1 });
    expect(await update({ a: { b: 5 } })).toBe(1);
    expect(await current()).toEqual({ _id: 'd1', a: { b: 5, c: 2 }, x: 1 });
  });
  test('dot path key updates the nested field', async () => {
    await start({ a: { b: 1, c: 2 } });
    await update({ 'a.c': 3 });
    expect(await current()).toEqual({ _id: 'd1', a: { b: 1, c: 3 } });
  });
  test('creates intermediate objects for a new nested path', async () => {
    await start({});
    await update({ p: { q: { r: 1 } } });
    expect(await current()).toEqual({ _id: 'd1', p: { q: { r: 1 } } });
  });
  test('_.set replaces the whole field', async () => {
    await start({ a: { b: 1, c: 2 } });
    await update({ a: _.set({ b: 9 }) });
    expect(await current()).toEqual({ _id: 'd1', a: { b: 9 } });
  });
  test('arrays are set as a whole', async () => {
    await start({ tags: ['a', 'b', 'c'] });
    await update({ tags: ['z'] });
    expect((await current()).tags).toEqual(['z']);
  });
  test('numeric path segment updates an array element', async () => {
    await start({ list: [{ n: 1 }, { n: 2 }] });
    await update({ 'list.1.n': 20 });
    expect((await current()).list).toEqual([{ n: 1 }, { n: 20 }]);
  });
  test('_.remove deletes a field', async () => {
    await start({ a: 1, b: { c: 1, d: 2 } });
    await update({ a: _.remove(), 'b.c': _.remove() });
    expect(await current()).toEqual({ _id: 'd1', b: { d: 2 } });
  });
  test('_.inc adds, works on missing fields and negative amounts', async () => {
    await start({ n: 5 });
    await update({ n: _.inc(3), m: _.inc(-2) });
    expect(await current()).toMatchObject({ n: 8, m: -2 });
  });
  test('_.inc on a non-number rejects and leaves the doc unchanged', async () => {
    await start({ s: 'text' });
    const e = await rejection(update({ s: _.inc(1) }));
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/^document\.update:fail -502001 database request fail\. Cannot apply \$inc/);
    expect((await current()).s).toBe('text');
  });
  test('_.mul multiplies; missing field becomes 0', async () => {
    await start({ n: 4 });
    await update({ n: _.mul(2.5), m: _.mul(3) });
    expect(await current()).toMatchObject({ n: 10, m: 0 });
  });
  test('_.min / _.max only move in their direction', async () => {
    await start({ lo: 5, hi: 5 });
    await update({ lo: _.min(3), hi: _.max(3) });
    expect(await current()).toMatchObject({ lo: 3, hi: 5 });
  });
  test('_.rename moves a field', async () => {
    await start({ old: 1 });
    await update({ old: _.rename('fresh') });
    expect(await current()).toEqual({ _id: 'd1', fresh: 1 });
  });
  test('_id cannot be updated', async () => {
    await start({ a: 1 });
    const e = await rejection(update({ _id: 'other' }));
    expect(e.errCode).toBe(-501007);
    expect(e.errMsg).toContain('document.update:fail');
    expect((await current())._id).toBe('d1');
  });
  test('conflicting paths in one update reject', async () => {
    await start({ a: { b: 1 } });
    await expect(update({ a: _.set({}), 'a.b': 2 })).rejects.toMatchObject({ errCode: -502001 });
  });
  test('$-prefixed keys in update data are rejected (no operator injection)', async () => {
    await start({ n: 1 });
    await expect(update(JSON.parse('{"$set":{"n":100}}'))).rejects.toMatchObject({ errCode: -501007 });
    await expect(update({ profile: JSON.parse('{"$inc":{"n":1}}') })).rejects.toMatchObject({ errCode: -501007 });
    expect((await current()).n).toBe(1);
  });
  test('an update that changes nothing reports updated: 0 (MongoDB nModified)', async () => {
    await start({ a: 1 });
    expect(await update({ a: 1 })).toBe(0);
    expect(await update({ a: 2 })).toBe(1);
  });
  test('empty update data rejects', async () => {
    await start({ a: 1 });
    await expect(update({})).rejects.toMatchObject({ errCode: -501007 });
  });
});

describe('array updates', () => {
  test('_.push a single value and several values', async () => {
    await start({ xs: [1] });
    await update({ xs: _.push(2) });
    await update({ xs: _.push([3, 4]) });
    expect((await current()).xs).toEqual([1, 2, 3, 4]);
  });
  test('_.push onto a missing field creates the array', async () => {
    await start({});
    await update({ xs: _.push('a') });
    expect((await current()).xs).toEqual(['a']);
  });
  test('_.push with position, sort and slice', async () => {
    await start({ xs: [10, 30] });
    await update({ xs: _.push({ each: [20], position: 1 }) });
    expect((await current()).xs).toEqual([10, 20, 30]);
    await update({ xs: _.push({ each: [5, 40], sort: -1, slice: 3 }) });
    expect((await current()).xs).toEqual([40, 30, 20]);
  });
  test('_.push with sort by a field of object elements', async () => {
    await start({ q: [{ s: 3 }, { s: 1 }] });
    await update({ q: _.push({ each: [{ s: 2 }], sort: { s: 1 } }) });
    expect((await current()).q).toEqual([{ s: 1 }, { s: 2 }, { s: 3 }]);
  });
  test('_.push on a non-array rejects', async () => {
    await start({ xs: 'nope' });
    await expect(update({ xs: _.push(1) })).rejects.toMatchObject({ errCode: -502001 });
  });
  test('_.pull removes equal values', async () => {
    await start({ xs: ['a', 'b', 'a', 'c'] });
    await update({ xs: _.pull('a') });
    expect((await current()).xs).toEqual(['b', 'c']);
  });
  test('_.pull with a query command', async () => {
    await start({ xs: [1, 5, 9, 3] });
    await update({ xs: _.pull(_.gte(5)) });
    expect((await current()).xs).toEqual([1, 3]);
  });
  test('_.pull with an object condition matches object elements partially', async () => {
    await start({ items: [{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }] });
    await update({ items: _.pull({ k: 'a', n: _.gt(2) }) });
    expect((await current()).items).toEqual([{ k: 'a', n: 1 }, { k: 'b', n: 2 }]);
  });
  test('_.pullAll removes every listed value', async () => {
    await start({ xs: [1, 2, 3, 2, 4] });
    await update({ xs: _.pullAll([2, 4]) });
    expect((await current()).xs).toEqual([1, 3]);
  });
  test('_.addToSet adds only missing values (single and each)', async () => {
    await start({ xs: ['a'] });
    await update({ xs: _.addToSet('a') });
    expect((await current()).xs).toEqual(['a']);
    await update({ xs: _.addToSet({ each: ['a', 'b', 'c', 'b'] }) });
    expect((await current()).xs).toEqual(['a', 'b', 'c']);
  });
  test('_.addToSet compares objects deeply', async () => {
    await start({ xs: [{ a: 1 }] });
    await update({ xs: _.addToSet({ a: 1 }) });
    await update({ xs: _.addToSet({ a: 2 }) });
    expect((await current()).xs).toEqual([{ a: 1 }, { a: 2 }]);
  });
  test('_.pop / _.shift / _.unshift', async () => {
    await start({ xs: [1, 2, 3] });
    await update({ xs: _.pop() });
    await update({ xs: _.shift() });
    expect((await current()).xs).toEqual([2]);
    await update({ xs: _.unshift([0, 1]) });
    expect((await current()).xs).toEqual([0, 1, 2]);
  });
});

describe('where().update() and remove()', () => {
  beforeEach(async () => {
    await db().collection('w').add({ data: [{ g: 1, n: 0 }, { g: 1, n: 0 }, { g: 2, n: 0 }] });
  });
  test('updates every match and reports the count', async () => {
    const r = await db().collection('w').where({ g: 1 }).update({ data: { n: _.inc(1) } });
    expect(r).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    expect((await db().collection('w').where({ n: 1 }).count()).total).toBe(2);
  });
  test('multi: false updates at most one', async () => {
    const r = await db().collection('w').where({ g: 1 }).update({ data: { n: 5 }, multi: false });
    expect(r.stats.updated).toBe(1);
  });
  test('remove returns the removed count', async () => {
    expect(await db().collection('w').where({ g: 1 }).remove()).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' });
    expect((await db().collection('w').count()).total).toBe(1);
  });
  test('where().update is not capped at 100 documents', async () => {
    await db().collection('big').add({ data: Array.from({ length: 150 }, () => ({ f: 0 })) });
    expect((await db().collection('big').where({ f: 0 }).update({ data: { f: 1 } })).stats.updated).toBe(150);
  });
});

describe('serverDate and Dates', () => {
  test('db.serverDate() becomes the write time as a Date', async () => {
    const before = Date.now();
    await db().collection('t').add({ data: { _id: 's', at: db().serverDate() } });
    const { data } = await db().collection('t').doc('s').get();
    expect(data?.at).toBeInstanceOf(Date);
    expect((data?.at as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((data?.at as Date).getTime()).toBeLessThanOrEqual(Date.now());
  });
  test('serverDate with an offset, in an update', async () => {
    await start({});
    const before = Date.now();
    await update({ due: db().serverDate({ offset: 60_000 }) });
    const due = (await current()).due as Date;
    expect(due).toBeInstanceOf(Date);
    expect(due.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(due.getTime()).toBeLessThan(before + 70_000);
  });
  test('Dates round-trip as Date objects, also nested and in arrays', async () => {
    const d = new Date('2024-05-06T07:08:09.123Z');
    await start({ d, nested: { d }, list: [d] });
    const got = await current();
    expect(got.d).toBeInstanceOf(Date);
    expect((got.d as Date).toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect((got.nested as { d: Date }).d).toBeInstanceOf(Date);
    expect((got.list as Date[])[0]).toBeInstanceOf(Date);
  });
  test('serverDate can be compared against in where()', async () => {
    await db().collection('t').add({ data: { _id: 'past', at: new Date(Date.now() - 10_000) } });
    await db().collection('t').add({ data: { _id: 'future', at: new Date(Date.now() + 3_600_000) } });
    const { data } = await db().collection('t').where({ at: _.lt(db().serverDate()) }).get();
    expect(data.map((x) => x._id)).toEqual(['past']);
  });
  test('Buffers round-trip', async () => {
    await start({ bin: Buffer.from([1, 2, 3]) });
    expect(Buffer.isBuffer((await current()).bin)).toBe(true);
    expect([...((await current()).bin as Buffer)]).toEqual([1, 2, 3]);
  });
  test('results are copies: mutating them does not change stored data', async () => {
    await start({ xs: [1] });
    const got = await current();
    (got.xs as number[]).push(2);
    expect((await current()).xs).toEqual([1]);
  });
});
