/**
 * Collections exist only when a function declares them (collections.json) or code creates them:
 * anything else answers -502005 exactly like WeChat, for reads, writes and transactions alike.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  configureLocalCloud, declareCollections, invokeFunction, isDeclaredCollection, listDeclaredCollections, registerFunction, resetLocalCloud,
} from '../../local-cloud';
import {
  declaredCollectionNames, mergeCollectionDeclarations, readCollectionDeclarations, readFunctionCollections,
} from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { cloud, rejection } from './helpers';

const NOT_EXISTS = /^collection\.(get|count|add|update|remove):fail -502005 database collection not exists\. \[ResourceNotFound\] Db or Table not exist\./;

beforeEach(() => {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
});
afterAll(() => resetLocalCloud());

describe('undeclared collections answer -502005', () => {
  it('for every read and write, with the SDK error shape', async () => {
    const db = cloud.database();
    const c = db.collection('nope');
    for (const p of [c.get(), c.count(), c.add({ data: { a: 1 } }), c.where({ a: 1 }).update({ data: { b: 1 } }), c.where({ a: 1 }).remove()]) {
      const e = await rejection(p);
      expect(e).toBeInstanceOf(Error);
      expect(e.errCode).toBe(-502005);
      expect(e.errMsg).toMatch(NOT_EXISTS);
      expect(e.message).toBe(e.errMsg);
    }
    for (const p of [c.doc('x').get(), c.doc('x').set({ data: { a: 1 } }), c.doc('x').update({ data: { a: 1 } }), c.doc('x').remove()]) {
      expect((await rejection(p)).errCode).toBe(-502005);
    }
  });

  it('inside transactions too', async () => {
    const db = cloud.database();
    const e = await rejection(db.runTransaction(async (t) => t.collection('nope').doc('x').get()));
    expect(e.errCode).toBe(-502005);
  });

  it('a function may only use what some registered function declares', async () => {
    registerFunction('writer', async (event: { coll: string }) => {
      const r = await cloud.database().collection(event.coll).add({ data: { at: 1 } });
      return r._id;
    }, { collections: ['mine'] });
    expect(typeof (await invokeFunction('writer', { coll: 'mine' }))).toBe('string');
    await expect(invokeFunction('writer', { coll: 'theirs' })).rejects.toMatchObject({ errCode: -502005 });
    expect(isDeclaredCollection('mine')).toBe(true);
    expect(isDeclaredCollection('theirs')).toBe(false);
  });

  it('declareCollections makes them exist (empty) until resetLocalCloud', async () => {
    declareCollections(['a1', 'b1']);
    expect(listDeclaredCollections()).toEqual(['a1', 'b1']);
    expect(await cloud.database().collection('a1').get()).toEqual({ data: [], errMsg: 'collection.get:ok' });
    await cloud.database().collection('b1').add({ data: { _id: 'k' } });
    // A declared collection already exists, so creating it again fails as on WeChat.
    await expect(cloud.database().createCollection('a1')).rejects.toMatchObject({ errCode: -502001 });
    resetLocalCloud();
    configureLocalCloud({ dataDir: ':memory:' });
    expect(listDeclaredCollections()).toEqual([]);
    expect((await rejection(cloud.database().collection('a1').get())).errCode).toBe(-502005);
  });
});

describe('collections.json', () => {
  it('every real function declares its collections, and the harness set is exactly theirs', () => {
    const all = readCollectionDeclarations(FUNCTIONS_DIR);
    expect(all.map((f) => f.functionName)).toEqual(expect.arrayContaining(['account', 'matters']));
    for (const f of all) expect(fs.existsSync(path.join(FUNCTIONS_DIR, f.functionName, 'collections.json'))).toBe(true);
    const names = declaredCollectionNames(FUNCTIONS_DIR);
    expect(names).toEqual(expect.arrayContaining(['staff', 'matter_versions', 'meta', 'import_logs']));
    expect(names).not.toContain('shared');
  });

  it('refuses a malformed file with a Chinese message, and merges a collection declared twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colls-'));
    try {
      for (const fn of ['a', 'b', 'bad']) {
        fs.mkdirSync(path.join(dir, fn));
        fs.writeFileSync(path.join(dir, fn, 'config.json'), '{}');
      }
      const outbox = (idx: string) => ({ name: 'outbox', description: '待发送事件', indexes: [{ name: idx, keys: { status: 1, at: 1 }, unique: false }] });
      fs.writeFileSync(path.join(dir, 'a', 'collections.json'), JSON.stringify({ collections: [outbox('status_at')] }));
      fs.writeFileSync(path.join(dir, 'b', 'collections.json'), JSON.stringify({ collections: [outbox('status_at'), { name: 'b_only', description: '乙', indexes: [] }] }));
      fs.writeFileSync(path.join(dir, 'bad', 'collections.json'), JSON.stringify({ collections: [{ name: '$x', indexes: [] }] }));
      expect(() => readFunctionCollections(path.join(dir, 'bad'))).toThrow(/集合声明 .* 不合法：collections\.0\.name: 集合名称只能包含/);
      fs.rmSync(path.join(dir, 'bad'), { recursive: true });
      const merged = mergeCollectionDeclarations(readCollectionDeclarations(dir));
      expect(merged.map((m) => [m.name, m.declaredBy, m.indexes.length])).toEqual([['b_only', ['b'], 0], ['outbox', ['a', 'b'], 1]]);
      expect(declaredCollectionNames(dir)).toEqual(['b_only', 'outbox']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
