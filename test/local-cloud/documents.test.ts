/** add / doc(id) operations, result shapes, SDK-shaped errors, collections. */
import { configureLocalCloud, declareCollections } from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const db = () => cloud.database();

describe('add', () => {
  test('generates a 32-hex _id and stores the data', async () => {
    const r = await db().collection('c').add({ data: { a: 1 } });
    expect(r.errMsg).toBe('collection.add:ok');
    expect(r._id).toMatch(/^[0-9a-f]{32}$/);
    expect((await db().collection('c').doc(r._id as string).get()).data).toEqual({ _id: r._id, a: 1 });
  });
  test('uses a given _id', async () => {
    expect((await db().collection('c').add({ data: { _id: 'mine', a: 1 } }))._id).toBe('mine');
  });
  test('a duplicate _id rejects', async () => {
    await db().collection('c').add({ data: { _id: 'dup' } });
    const e = await rejection(db().collection('c').add({ data: { _id: 'dup', a: 2 } }));
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toMatch(/^collection\.add:fail -502001 .*duplicate key/);
  });
  test('an array of documents is added all-or-nothing and returns _ids', async () => {
    const r = await db().collection('c').add({ data: [{ a: 1 }, { a: 2 }] });
    expect(r._ids).toHaveLength(2);
    await expect(db().collection('c').add({ data: [{ _id: 'x' }, { _id: 'x' }] })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db().collection('c').count()).total).toBe(2);
  });
  test('undefined fields are dropped and $ field names rejected', async () => {
    const { _id } = await db().collection('c').add({ data: { a: 1, b: undefined } });
    expect((await db().collection('c').doc(_id as string).get()).data).toEqual({ _id, a: 1 });
    await expect(db().collection('c').add({ data: JSON.parse('{"$where":"1"}') })).rejects.toMatchObject({ errCode: -501007 });
  });
  test('update commands in add data reject', async () => {
    await expect(db().collection('c').add({ data: { n: db().command.inc(1) } })).rejects.toMatchObject({ errMsg: expect.stringContaining('collection.add:fail') });
  });
  test('natural order is insertion order', async () => {
    for (const n of [3, 1, 2]) await db().collection('o').add({ data: { _id: `k${n}`, n } });
    expect((await db().collection('o').get()).data.map((d) => d._id)).toEqual(['k3', 'k1', 'k2']);
  });
});

describe('doc(id)', () => {
  beforeEach(() => db().collection('d').add({ data: { _id: 'x', a: 1, b: { c: 2 } } }));

  test('get returns { data, errMsg }', async () => {
    expect(await db().collection('d').doc('x').get()).toEqual({ data: { _id: 'x', a: 1, b: { c: 2 } }, errMsg: 'document.get:ok' });
  });
  test('get of a missing document rejects like the real SDK', async () => {
    const e = await rejection(db().collection('d').doc('nope').get());
    expect(e).toBeInstanceOf(Error);
    expect(e.errCode).toBe(-1);
    expect(e.errMsg).toBe('document.get:fail document with _id nope does not exist');
    expect(e.message).toBe(e.errMsg);
  });
  test('throwOnNotFound: false resolves with data null', async () => {
    expect(await cloud.database({ throwOnNotFound: false }).collection('d').doc('nope').get()).toEqual({ data: null, errMsg: 'document.get:ok' });
  });
  test('doc().field() projects', async () => {
    expect((await db().collection('d').doc('x').field({ a: true }).get()).data).toEqual({ _id: 'x', a: 1 });
  });
  test('set replaces the whole document', async () => {
    const r = await db().collection('d').doc('x').set({ data: { z: 1 } });
    expect(r).toEqual({ _id: 'x', stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' });
    expect((await db().collection('d').doc('x').get()).data).toEqual({ _id: 'x', z: 1 });
  });
  test('set creates a missing document', async () => {
    expect((await db().collection('d').doc('new').set({ data: { z: 2 } })).stats).toEqual({ updated: 0, created: 1 });
    expect((await db().collection('d').doc('new').get()).data).toEqual({ _id: 'new', z: 2 });
  });
  test('set with _id in data or with commands rejects', async () => {
    await expect(db().collection('d').doc('x').set({ data: { _id: 'y', a: 1 } })).rejects.toMatchObject({ errCode: -501007 });
    await expect(db().collection('d').doc('x').set({ data: { a: db().command.inc(1) } })).rejects.toMatchObject({ errMsg: expect.stringContaining('update operator complicit') });
  });
  test('update merges; update of a missing document reports updated: 0', async () => {
    expect(await db().collection('d').doc('x').update({ data: { b: { d: 3 } } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect((await db().collection('d').doc('x').get()).data).toEqual({ _id: 'x', a: 1, b: { c: 2, d: 3 } });
    expect((await db().collection('d').doc('nope').update({ data: { a: 1 } })).stats.updated).toBe(0);
    await expect(db().collection('d').doc('nope').get()).rejects.toThrow('does not exist');
  });
  test('remove', async () => {
    expect(await db().collection('d').doc('x').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    expect((await db().collection('d').doc('x').remove()).stats.removed).toBe(0);
    expect((await db().collection('d').count()).total).toBe(0);
  });
  test('calls return promises that have not run yet (nothing is synchronous)', async () => {
    const p = db().collection('d').doc('x').update({ data: { a: 99 } });
    // The update has not been applied when update() returns, as with a network round trip.
    const direct = (await import('../../local-cloud')).getStore().getDoc('d', 'x');
    expect(direct?.doc.a).toBe(1);
    await p;
    expect((await db().collection('d').doc('x').get()).data?.a).toBe(99);
  });
});

describe('collections', () => {
  test('createCollection creates; creating it again rejects', async () => {
    expect((await db().createCollection('made')).errMsg).toBe('createCollection:ok');
    expect(await db().collection('made').get()).toEqual({ data: [], errMsg: 'collection.get:ok' });
    await expect(db().createCollection('made')).rejects.toMatchObject({ errCode: -502001 });
  });
  test('strictCollections: false brings back auto-creation (legacy, never in function tests)', async () => {
    configureLocalCloud({ dataDir: ':memory:', strictCollections: false });
    expect(await db().collection('ghost').get()).toEqual({ data: [], errMsg: 'collection.get:ok' });
    await db().collection('ghost').add({ data: { a: 1 } });
    expect((await db().collection('ghost').count()).total).toBe(1);
    configureLocalCloud({ dataDir: ':memory:' });
  });
  test('by default (as on WeChat) a collection nobody declared or created rejects with -502005', async () => {
    const e = await rejection(db().collection('ghost').get());
    expect(e.errCode).toBe(-502005);
    expect(e.errMsg).toMatch(/^collection\.get:fail -502005 database collection not exists\./);
    await expect(db().collection('ghost').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
    await db().createCollection('ghost');
    await db().collection('ghost').add({ data: { a: 1 } });
    expect((await db().collection('ghost').count()).total).toBe(1);
  });
  test('a module-level db object keeps working after the cloud is reset', async () => {
    const moduleLevelDb = db();
    await moduleLevelDb.collection('m').add({ data: { _id: 'a' } });
    const { resetLocalCloud } = await import('../../local-cloud');
    resetLocalCloud();
    // The reset also dropped the declarations (they belong to the registered functions).
    await expect(moduleLevelDb.collection('m').count()).rejects.toMatchObject({ errCode: -502005 });
    declareCollections(['m']);
    expect((await moduleLevelDb.collection('m').count()).total).toBe(0);
    await moduleLevelDb.collection('m').add({ data: { _id: 'a' } });
    expect((await moduleLevelDb.collection('m').count()).total).toBe(1);
  });
});
