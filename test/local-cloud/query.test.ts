/** where() semantics, operator by operator, plus orderBy/skip/limit/field/count. */
import { cloud, ids, rejection, seed, useMemoryCloud } from './helpers';

useMemoryCloud();

const people = [
  { _id: 'p1', name: 'Alice', age: 30, tags: ['a', 'b'], addr: { city: 'Hangzhou', zip: '310000' }, scores: [{ k: 'x', v: 5 }, { k: 'y', v: 9 }] },
  { _id: 'p2', name: 'bob', age: 20, tags: ['b'], addr: { city: 'Ningbo', zip: '315000' }, scores: [{ k: 'x', v: 1 }] },
  { _id: 'p3', name: 'Carol', age: 40, tags: [], addr: { city: 'Hangzhou' }, nickname: null },
  { _id: 'p4', name: 'Dan', tags: ['c', 'a', 'd'], addr: { city: 'Wenzhou' } },
];

function coll() {
  return cloud.database().collection('people');
}
const _ = cloud.database().command;

beforeEach(() => seed('people', people));

describe('equality and paths', () => {
  test('plain field equality', async () => {
    expect(await ids(coll().where({ name: 'bob' }).get())).toEqual(['p2']);
  });
  test('nested plain object matches path by path, not as a whole document', async () => {
    expect(await ids(coll().where({ addr: { city: 'Hangzhou' } }).get())).toEqual(['p1', 'p3']);
  });
  test('dot path is equivalent to the nested object form', async () => {
    expect(await ids(coll().where({ 'addr.city': 'Hangzhou' }).get())).toEqual(['p1', 'p3']);
  });
  test('array field matches when any element equals', async () => {
    expect(await ids(coll().where({ tags: 'a' }).get())).toEqual(['p1', 'p4']);
  });
  test('array value matches the whole array exactly', async () => {
    expect(await ids(coll().where({ tags: ['b'] }).get())).toEqual(['p2']);
  });
  test('path into an array of objects matches any element', async () => {
    expect(await ids(coll().where({ 'scores.k': 'y' }).get())).toEqual(['p1']);
  });
  test('multiple fields are ANDed', async () => {
    expect(await ids(coll().where({ 'addr.city': 'Hangzhou', age: 40 }).get())).toEqual(['p3']);
  });
  test('empty condition matches everything', async () => {
    expect(await ids(coll().where({}).get())).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
  test('null matches null and missing fields (MongoDB semantics)', async () => {
    expect(await ids(coll().where({ nickname: null }).get())).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('comparison operators', () => {
  test('eq', async () => expect(await ids(coll().where({ age: _.eq(20) }).get())).toEqual(['p2']));
  test('neq also matches documents without the field', async () => expect(await ids(coll().where({ age: _.neq(20) }).get())).toEqual(['p1', 'p3', 'p4']));
  test('gt', async () => expect(await ids(coll().where({ age: _.gt(30) }).get())).toEqual(['p3']));
  test('gte', async () => expect(await ids(coll().where({ age: _.gte(30) }).get())).toEqual(['p1', 'p3']));
  test('lt', async () => expect(await ids(coll().where({ age: _.lt(30) }).get())).toEqual(['p2']));
  test('lte', async () => expect(await ids(coll().where({ age: _.lte(30) }).get())).toEqual(['p1', 'p2']));
  test('in', async () => expect(await ids(coll().where({ name: _.in(['Alice', 'Dan', 'Zed']) }).get())).toEqual(['p1', 'p4']));
  test('in on an array field matches any element', async () => expect(await ids(coll().where({ tags: _.in(['d']) }).get())).toEqual(['p4']));
  test('nin', async () => expect(await ids(coll().where({ name: _.nin(['Alice', 'Dan']) }).get())).toEqual(['p2', 'p3']));
  test('in needs an array', async () => {
    const e = await rejection(coll().where({ name: _.in('Alice' as unknown as string[]) }).get());
    expect(e.errMsg).toMatch(/^collection\.get:fail/);
  });
  test('comparison against a Date', async () => {
    const db = cloud.database();
    await db.collection('ev').add({ data: { _id: 'old', at: new Date('2020-01-01T00:00:00Z') } });
    await db.collection('ev').add({ data: { _id: 'new', at: new Date('2030-01-01T00:00:00Z') } });
    expect(await ids(db.collection('ev').where({ at: _.gt(new Date('2025-01-01T00:00:00Z')) }).get())).toEqual(['new']);
  });
});

describe('logical operators', () => {
  test('top-level _.or with an array of conditions', async () => {
    expect(await ids(coll().where(_.or([{ age: _.gt(35) }, { name: 'bob' }])).get())).toEqual(['p2', 'p3']);
  });
  test('field-level _.or of commands', async () => {
    expect(await ids(coll().where({ age: _.or([_.lt(25), _.gt(35)]) }).get())).toEqual(['p2', 'p3']);
  });
  test('chained .or() on a command', async () => {
    expect(await ids(coll().where({ age: _.lt(25).or(_.gt(35)) }).get())).toEqual(['p2', 'p3']);
  });
  test('chained .and() on a command', async () => {
    expect(await ids(coll().where({ age: _.gt(15).and(_.lt(35)) }).get())).toEqual(['p1', 'p2']);
  });
  test('field-level _.and', async () => {
    expect(await ids(coll().where({ age: _.and(_.gte(20), _.lte(30)) }).get())).toEqual(['p1', 'p2']);
  });
  test('top-level _.and combining conditions on different fields', async () => {
    expect(await ids(coll().where(_.and([{ 'addr.city': 'Hangzhou' }, { age: _.lt(35) }])).get())).toEqual(['p1']);
  });
  test('_.nor', async () => {
    expect(await ids(coll().where(_.nor([{ name: 'Alice' }, { name: 'bob' }])).get())).toEqual(['p3', 'p4']);
  });
  test('_.not', async () => {
    expect(await ids(coll().where({ age: _.not(_.gt(25)) }).get())).toEqual(['p2', 'p4']);
  });
});

describe('element and array operators', () => {
  test('exists(true)', async () => expect(await ids(coll().where({ age: _.exists(true) }).get())).toEqual(['p1', 'p2', 'p3']));
  test('exists(false)', async () => expect(await ids(coll().where({ age: _.exists(false) }).get())).toEqual(['p4']));
  test('exists on a nested path', async () => expect(await ids(coll().where({ 'addr.zip': _.exists(true) }).get())).toEqual(['p1', 'p2']));
  test('size', async () => {
    expect(await ids(coll().where({ tags: _.size(0) }).get())).toEqual(['p3']);
    expect(await ids(coll().where({ tags: _.size(3) }).get())).toEqual(['p4']);
  });
  test('elemMatch on an array of objects requires one element to match all criteria', async () => {
    expect(await ids(coll().where({ scores: _.elemMatch({ k: 'x', v: _.gt(3) }) }).get())).toEqual(['p1']);
    // Without elemMatch the criteria may be satisfied by different elements:
    expect(await ids(coll().where({ 'scores.k': 'x', 'scores.v': _.gt(8) }).get())).toEqual(['p1']);
    expect(await ids(coll().where({ scores: _.elemMatch({ k: 'x', v: _.gt(8) }) }).get())).toEqual([]);
  });
  test('elemMatch on an array of scalars', async () => {
    const db = cloud.database();
    await db.collection('n').add({ data: { _id: 'a', xs: [1, 20] } });
    await db.collection('n').add({ data: { _id: 'b', xs: [5, 6] } });
    expect(await ids(db.collection('n').where({ xs: _.elemMatch(_.gt(4).and(_.lt(7))) }).get())).toEqual(['b']);
  });
  test('all', async () => expect(await ids(coll().where({ tags: _.all(['a', 'd']) }).get())).toEqual(['p4']));
});

describe('regular expressions', () => {
  test('db.RegExp with options', async () => {
    const db = cloud.database();
    expect(await ids(coll().where({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }).get())).toEqual(['p1', 'p2']);
  });
  test('db.RegExp is case-sensitive without options', async () => {
    const db = cloud.database();
    expect(await ids(coll().where({ name: db.RegExp({ regexp: '^a' }) }).get())).toEqual([]);
  });
  test('native JS RegExp', async () => {
    expect(await ids(coll().where({ name: /o/ }).get())).toEqual(['p2', 'p3']);
  });
  test('RegExp on a nested path', async () => {
    expect(await ids(coll().where({ addr: { city: /^Hang/ } }).get())).toEqual(['p1', 'p3']);
  });
  test('unsupported regex options are rejected', async () => {
    const db = cloud.database();
    const e = await rejection(coll().where({ name: db.RegExp({ regexp: 'a', options: 'x' }) }).get());
    expect(e.errMsg).toContain('collection.get:fail');
  });
});

describe('operator injection is rejected', () => {
  test('a $-operator object from client data is not executed', async () => {
    const fromClient = JSON.parse('{"name":{"$ne":""}}');
    const e = await rejection(coll().where(fromClient).get());
    expect(e.errCode).toBe(-501007);
    expect(e.errMsg).toMatch(/^collection\.get:fail -501007 invalid parameters\./);
    expect(e.errMsg).toContain('$ne');
  });
  test('a top-level $or / $where key is rejected', async () => {
    await expect(coll().where(JSON.parse('{"$where":"true"}')).get()).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().where(JSON.parse('{"$or":[{"name":"bob"}]}')).get()).rejects.toMatchObject({ errCode: -501007 });
  });
  test('$ keys hidden inside a compared value are rejected', async () => {
    await expect(coll().where({ name: _.eq(JSON.parse('{"$gt":""}')) }).get()).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().where({ name: _.in([JSON.parse('{"$gt":""}')]) }).get()).rejects.toMatchObject({ errCode: -501007 });
  });
  test('injection through count/update/remove is rejected too and changes nothing', async () => {
    const bad = JSON.parse('{"age":{"$gt":0}}');
    await expect(coll().where(bad).count()).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().where(bad).update({ data: { hacked: true } })).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().where(bad).remove()).rejects.toMatchObject({ errCode: -501007 });
    expect((await coll().count()).total).toBe(4);
    expect((await coll().where({ hacked: true }).count()).total).toBe(0);
  });
  test('a positional $ path segment is rejected rather than guessed', async () => {
    await expect(coll().where({ 'tags.$': 'a' }).get()).rejects.toMatchObject({ errCode: -501007 });
  });
});

describe('orderBy / skip / limit / field / count', () => {
  test('orderBy asc puts missing fields first (MongoDB order)', async () => {
    expect(await ids(coll().orderBy('age', 'asc').get())).toEqual(['p4', 'p2', 'p1', 'p3']);
  });
  test('orderBy desc', async () => {
    expect(await ids(coll().orderBy('age', 'desc').get())).toEqual(['p3', 'p1', 'p2', 'p4']);
  });
  test('multiple orderBy calls sort by each in turn', async () => {
    expect(await ids(coll().orderBy('addr.city', 'asc').orderBy('name', 'desc').get())).toEqual(['p3', 'p1', 'p2', 'p4']);
  });
  test('skip and limit apply after orderBy regardless of call order', async () => {
    expect(await ids(coll().skip(1).limit(2).orderBy('age', 'desc').get())).toEqual(['p1', 'p2']);
  });
  test('field() projects; _id stays unless excluded', async () => {
    const { data } = await coll().where({ _id: 'p1' }).field({ name: true, 'addr.city': true }).get();
    expect(data).toEqual([{ _id: 'p1', name: 'Alice', addr: { city: 'Hangzhou' } }]);
    const { data: d2 } = await coll().where({ _id: 'p2' }).field({ _id: false, name: true }).get();
    expect(d2).toEqual([{ name: 'bob' }]);
  });
  test('sorting on a field excluded by field() still works', async () => {
    const { data } = await coll().orderBy('age', 'desc').field({ name: true }).limit(1).get();
    expect(data).toEqual([{ _id: 'p3', name: 'Carol' }]);
  });
  test('count with and without condition', async () => {
    expect(await coll().count()).toEqual({ total: 4, errMsg: 'collection.count:ok' });
    expect((await coll().where({ tags: 'a' }).count()).total).toBe(2);
  });
  test('get result shape', async () => {
    const r = await coll().where({ _id: 'p2' }).get();
    expect(r.errMsg).toBe('collection.get:ok');
    expect(r.data[0]).toEqual(people[1]);
  });
  test('invalid orderBy direction / skip / limit reject', async () => {
    await expect(coll().orderBy('age', 'up' as 'asc').get()).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().skip(-1).get()).rejects.toMatchObject({ errCode: -501007 });
    await expect(coll().limit(1.5).get()).rejects.toMatchObject({ errCode: -501007 });
  });
});

describe('the 100-record cap', () => {
  beforeEach(async () => {
    await cloud.database().collection('many').add({ data: Array.from({ length: 130 }, (_x, i) => ({ i })) });
  });
  test('get() without limit returns 100', async () => {
    expect((await cloud.database().collection('many').get()).data).toHaveLength(100);
  });
  test('limit above 100 is capped at 100', async () => {
    expect((await cloud.database().collection('many').limit(500).get()).data).toHaveLength(100);
  });
  test('skip pages past the cap; count is not capped', async () => {
    const db = cloud.database();
    const page2 = await db.collection('many').orderBy('i', 'asc').skip(100).limit(100).get();
    expect(page2.data.map((d) => d.i)).toEqual(Array.from({ length: 30 }, (_x, i) => 100 + i));
    expect((await db.collection('many').count()).total).toBe(130);
  });
  test('smaller limits are honoured', async () => {
    expect((await cloud.database().collection('many').limit(7).get()).data).toHaveLength(7);
  });
});
