/**
 * As strict as WeChat where the emulator used to be looser: undefined-only where(), the
 * documented `each` forms of _.push / _.addToSet, the 16 MB record limit and a time budget
 * for regular expressions.
 */
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const db = () => cloud.database();

describe('where() with undefined values', () => {
  beforeEach(async () => {
    await db().collection('d').add({ data: { _id: 'a', k: 1 } });
    await db().collection('d').add({ data: { _id: 'b', k: 2 } });
  });

  it('throws like the real SDK instead of matching (and updating / removing) everything', async () => {
    const c = db().collection('d');
    expect(() => c.where({ k: undefined })).toThrow('查询参数对象值不能均为undefined');
    expect(() => c.where({ k: undefined, j: undefined })).toThrow('查询参数对象值不能均为undefined');
    expect(() => c.where([] as unknown as object)).toThrow('查询参数必须为对象');
    const owner: { openid?: string } = {};
    expect(() => c.where({ _openid: owner.openid }).remove()).toThrow();
    expect((await c.count()).total).toBe(2);
  });

  it('a nested object of only undefined values is refused too (it would match everything)', async () => {
    const e = await rejection(db().collection('d').where({ k: { inner: undefined } }).update({ data: { x: 1 } }));
    expect(e.errCode).toBe(-501007);
    expect((await db().collection('d').where({ x: 1 }).count()).total).toBe(0);
  });

  it('still drops an undefined value next to a defined one, and accepts {}', async () => {
    expect((await db().collection('d').where({ k: 1, other: undefined }).get()).data.map((d) => d._id)).toEqual(['a']);
    expect((await db().collection('d').where({}).count()).total).toBe(2);
  });
});

describe('_.push / _.addToSet each forms (WeChat docs)', () => {
  const start = async (xs: unknown) => db().collection('d').add({ data: { _id: 'p', xs } });
  const update = (data: Record<string, unknown>) => db().collection('d').doc('p').update({ data });
  const xs = async () => (await db().collection('d').doc('p').get()).data?.xs;
  const _ = () => db().command;

  it('示例 1: tail append with the old array signature', async () => {
    await start(['a']);
    await update({ xs: _().push(['mini-program', 'cloud']) });
    expect(await xs()).toEqual(['a', 'mini-program', 'cloud']);
  });

  it('示例 2: position 1 inserts at the second place; ≥ length appends', async () => {
    await start(['a', 'b']);
    await update({ xs: _().push({ each: ['mini-program', 'cloud'], position: 1 }) });
    expect(await xs()).toEqual(['a', 'mini-program', 'cloud', 'b']);
    await update({ xs: _().push({ each: ['z'], position: 99 }) });
    expect((await xs()).slice(-1)).toEqual(['z']);
  });

  it('negative position counts from the end (-1 = before the last); beyond the head prepends', async () => {
    await start([1, 2, 3]);
    await update({ xs: _().push({ each: [9], position: -1 }) });
    expect(await xs()).toEqual([1, 2, 9, 3]);
    await update({ xs: _().push({ each: [0], position: -10 }) });
    expect(await xs()).toEqual([0, 1, 2, 9, 3]);
  });

  it('示例 3: sort after insert, and sort only (each: [])', async () => {
    await start(['b', 'c']);
    await update({ xs: _().push({ each: ['mini-program', 'cloud'], sort: 1 }) });
    expect(await xs()).toEqual(['b', 'c', 'cloud', 'mini-program']);
    await update({ xs: _().push({ each: [], sort: -1 }) });
    expect(await xs()).toEqual(['mini-program', 'cloud', 'c', 'b']);
  });

  it('示例: sort object elements by a field', async () => {
    await start([{ score: 5 }, { score: 9 }]);
    await update({ xs: _().push({ each: [{ score: 7 }], sort: { score: -1 } }) });
    expect(await xs()).toEqual([{ score: 9 }, { score: 7 }, { score: 5 }]);
  });

  it('slice: 0 empties, positive keeps the first n, negative the last n (after position and sort)', async () => {
    await start([3, 1, 2]);
    await update({ xs: _().push({ each: [5, 4], sort: 1, slice: 3 }) });
    expect(await xs()).toEqual([1, 2, 3]);
    await update({ xs: _().push({ each: [8], slice: -2 }) });
    expect(await xs()).toEqual([3, 8]);
    await update({ xs: _().push({ each: [], slice: 0 }) });
    expect(await xs()).toEqual([]);
  });

  it('refuses malformed modifiers like the server', async () => {
    await start([1]);
    for (const bad of [{ each: 'x' }, { each: [1], position: 1.5 }, { each: [1], slice: '2' }, { each: [1], sort: 2 }, { each: [1], sort: { s: 'asc' } }]) {
      await expect(update({ xs: _().push(bad) })).rejects.toMatchObject({ errCode: expect.any(Number) });
    }
    expect(await xs()).toEqual([1]);
  });

  it('_.addToSet({ each }) adds each missing value once; a plain array is one element', async () => {
    await start(['a']);
    await update({ xs: _().addToSet({ each: ['a', 'b', 'b', 'c'] }) });
    expect(await xs()).toEqual(['a', 'b', 'c']);
    await update({ xs: _().addToSet(['a', 'b']) });
    expect(await xs()).toEqual(['a', 'b', 'c', ['a', 'b']]);
  });

  it('the each forms work inside transactions too', async () => {
    await start([2]);
    await db().runTransaction(async (t) => {
      await t.collection('d').doc('p').update({ data: { xs: _().push({ each: [1, 3], sort: 1 }) } });
    });
    expect(await xs()).toEqual([1, 2, 3]);
  });
});

describe('record size limit (16 MB, BSON)', () => {
  const big = (mb: number) => 'x'.repeat(Math.ceil(mb * 1024 * 1024));

  it('refuses add / set / update past 16 MB and writes nothing', async () => {
    const c = db().collection('big');
    const e = await rejection(c.add({ data: { _id: 'huge', blob: big(16.5) } }));
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/document too large.*16 MB/);
    await expect(c.doc('huge2').set({ data: { blob: big(17) } })).rejects.toMatchObject({ errCode: -502001 });
    await c.add({ data: { _id: 'grow', blob: big(9) } });
    await expect(c.doc('grow').update({ data: { more: big(8) } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await c.doc('grow').get()).data?.more).toBeUndefined();
    expect((await c.count()).total).toBe(1);
  });

  it('counts UTF-8 bytes: 6 M Chinese characters (18 MB) are too large', async () => {
    await expect(db().collection('big').add({ data: { t: '政'.repeat(6 * 1024 * 1024) } })).rejects.toMatchObject({ errCode: -502001 });
  });
});

describe('regular expressions run with a time budget', () => {
  it('a catastrophic pattern fails fast with an SDK-style error instead of blocking the process', async () => {
    const c = db().collection('d');
    await c.add({ data: { name: `${'a'.repeat(40)}!` } });
    const started = Date.now();
    const e = await rejection(c.where({ name: db().RegExp({ regexp: '^(a+)+$' }) }).get());
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/^collection\.get:fail -502001 database request fail\. regular expression matching exceeded the 1000 ms time budget/);
    expect(Date.now() - started).toBeLessThan(5000);
    // Counting, updating and removing with it fail the same way, and write nothing.
    await expect(c.where({ name: /^(a+)+$/ }).count()).rejects.toMatchObject({ errCode: -502001 });
    await expect(c.where({ name: /^(a+)+$/ }).update({ data: { hit: true } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await c.where({ hit: true }).count()).total).toBe(0);
  });

  it('ordinary regexes still match', async () => {
    const c = db().collection('d');
    await c.add({ data: { name: '居民身份证补领' } });
    await c.add({ data: { name: '护照签发' } });
    expect((await c.where({ name: db().RegExp({ regexp: '身份证', options: 'i' }) }).get()).data).toHaveLength(1);
  });
});
