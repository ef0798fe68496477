/**
 * The catalogue import is all-or-nothing for readers: staged rows under a new version, one
 * conditional flip of the published pointer. Concurrent imports, a failure mid-write and stale
 * staged versions are covered here; a kill -9 of a writer process in import-kill.test.ts.
 */
import * as cloudModule from '../../cloudfunctions/shared/cloud';
import { STAGE_TTL_MS } from '../../cloudfunctions/matters/repo';
import { publishedMatter, publishedMatters } from '../../cloudfunctions/shared/catalogue';
import cloud = require('../../local-cloud/sdk');
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, call, expectOk, startCloud } from './harness';

const old = [
  makeMatter({ name: '居民身份证补领', themes: ['户籍'] }),
  makeMatter({ name: '居民身份证换领', themes: ['户籍'] }),
  makeMatter({ name: '新生儿出生登记', themes: ['户籍', '婚育'], lifeEvents: ['newborn'] }),
];

function importAs(openid: string, matters: unknown[]) {
  return call('matters', 'import', { format: 'json', content: JSON.stringify(matters) }, openid);
}

/** Everything a citizen can see of the catalogue. */
async function citizenView(ids: string[]) {
  const home = expectOk(await call('matters', 'home'));
  const list = expectOk(await call('matters', 'list', { by: 'theme', value: '户籍' }));
  const search = expectOk(await call('matters', 'search', { q: '身份证' }));
  const guides = await Promise.all(ids.map(async (id) => {
    const r = await call('matters', 'get', { id });
    return r.ok ? { name: r.data.name, summary: r.data.summary } : r.code;
  }));
  return { home, list, search, guides };
}

async function storedRows() {
  return (await cloud.database().collection('matter_versions').count()).total;
}

beforeEach(() => startCloud());
afterEach(() => jest.restoreAllMocks());

describe('concurrent imports', () => {
  it('two concurrent first imports: one publishes, the other gets CONFLICT, never a mix', async () => {
    const a = Array.from({ length: 30 }, (_, i) => makeMatter({ name: `甲目录事项${i}` }));
    const b = Array.from({ length: 30 }, (_, i) => makeMatter({ name: `乙目录事项${i}` }));
    const [ra, rb] = await Promise.all([importAs(ADMIN, a), importAs(ADMIN, b)]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('另一次导入') });
    const winner = ra.ok ? a : b;
    const home = expectOk(await call('matters', 'home'));
    expect(home.totals.matters).toBe(30);
    const meta = (await cloud.database().collection('meta').doc('catalogue').get()).data!;
    expect(meta.version).toBe(1);
    for (const m of winner) expect(expectOk(await call('matters', 'get', { id: m.implementationCode })).name).toBe(m.name);
    // The loser's staged rows are gone already.
    expect(await storedRows()).toBe(30);
  });

  it('three concurrent updates of a published catalogue: exactly one wins', async () => {
    expectOk(await importAs(ADMIN, old));
    const variants = [1, 2, 3].map((n) => old.map((m) => ({ ...m, summary: `第${n}版简介` })));
    const results = await Promise.all(variants.map((v) => importAs(ADMIN, v)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'CONFLICT')).toHaveLength(2);
    const summaries = new Set(await Promise.all(old.map(async (m) => expectOk(await call('matters', 'get', { id: m.implementationCode })).summary)));
    expect(summaries.size).toBe(1);
  });
});

describe('a failure mid-write', () => {
  it('leaves the old catalogue readable and unchanged, and the next import works', async () => {
    expectOk(await importAs(ADMIN, old));
    const ids = [...old, makeMatter({ name: 'x' })].map((m) => m.implementationCode);
    const before = await citizenView(ids);
    const rowsBefore = await storedRows();

    // Fail the 25th row write of the next import (past the first batch of 20).
    const realGetDb = cloudModule.getDb;
    let sets = 0;
    jest.spyOn(cloudModule, 'getDb').mockImplementation(() => {
      const db = realGetDb();
      return new Proxy(db, {
        get(target, prop, receiver) {
          if (prop !== 'collection') return Reflect.get(target, prop, receiver);
          return (name: string) => {
            const coll = target.collection(name);
            if (name !== 'matter_versions') return coll;
            return new Proxy(coll, {
              get(c, p, r) {
                if (p !== 'doc') return Reflect.get(c, p, r);
                return (id: string) => {
                  const ref = c.doc(id);
                  return { ...ref, get: ref.get.bind(ref), update: ref.update.bind(ref), remove: ref.remove.bind(ref),
                    set: (o: { data: Record<string, unknown> }) => (++sets === 25 ? Promise.reject(new Error('injected write failure')) : ref.set(o)) };
                };
              },
            });
          };
        },
      });
    });
    const bigger = [...old.map((m) => ({ ...m, name: `${m.name}（新）` })), ...Array.from({ length: 40 }, (_, i) => makeMatter({ name: `新增事项${i}` }))];
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = await importAs(ADMIN, bigger);
    expect(failed).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(sets).toBeGreaterThanOrEqual(25);
    jest.restoreAllMocks();

    expect(await citizenView(ids)).toEqual(before);
    expect(await storedRows()).toBe(rowsBefore); // the failed version's rows were removed
    expect(expectOk(await importAs(ADMIN, bigger))).toMatchObject({ applied: true, created: 40, updated: 3 });
    expect(expectOk(await call('matters', 'home')).totals.matters).toBe(43);
  });
});

describe('cleanup of staged versions', () => {
  it('removes abandoned stages past the TTL and the superseded version at the next import, never the published one', async () => {
    const db = cloud.database();
    expectOk(await importAs(ADMIN, old));
    const firstVersion = (await db.collection('meta').doc('catalogue').get()).data!.published;
    expectOk(await importAs(ADMIN, old)); // supersedes firstVersion
    // A writer that died long ago, and one that may still be running.
    for (const [id, age] of [['vdead', STAGE_TTL_MS + 1000], ['vbusy', 1000]] as const) {
      await db.collection('catalogue_stages').add({ data: { _id: id, base: 'x', state: 'staging', startedAt: Date.now() - age } });
      await db.collection('matter_versions').add({ data: { ...old[0], _id: `${id}:${old[0].implementationCode}`, catalogueVersion: id } });
    }
    const countOf = async (v: string) => (await db.collection('matter_versions').where({ catalogueVersion: v }).count()).total;
    expect(await countOf(firstVersion)).toBe(3);

    expectOk(await importAs(ADMIN, [makeMatter({ name: '新事项' })]));
    const published = (await db.collection('meta').doc('catalogue').get()).data!.published;
    expect(await countOf(firstVersion)).toBe(0);
    expect(await countOf('vdead')).toBe(0);
    expect(await countOf('vbusy')).toBe(1);
    expect(await countOf(published)).toBe(4);
    expect(expectOk(await call('matters', 'home')).totals.matters).toBe(4);
  });
});

describe('shared reader for other functions', () => {
  it('reads only the published version: no staged or superseded copies', async () => {
    expectOk(await importAs(ADMIN, old));
    expectOk(await importAs(ADMIN, old.map((m) => ({ ...m, summary: '第二版' }))));
    // A staged copy of a third version that never got published.
    const db = cloud.database();
    await db.collection('catalogue_stages').add({ data: { _id: 'vstaged', base: 'x', state: 'staging', startedAt: Date.now() } });
    await db.collection('matter_versions').add({ data: { ...old[2], _id: `vstaged:${old[2].implementationCode}`, catalogueVersion: 'vstaged', summary: '暂存' } });
    expect((await db.collection('matter_versions').count()).total).toBe(7);

    const newborn = await publishedMatters({ lifeEvents: db.command.eq('newborn') });
    expect(newborn.map((m) => [m._id, m.summary])).toEqual([[old[2].implementationCode, '第二版']]);
    expect((await publishedMatters()).map((m) => m._id)).toEqual(old.map((m) => m.implementationCode).sort());
    expect(await publishedMatter(old[0].implementationCode)).toMatchObject({ _id: old[0].implementationCode, summary: '第二版' });
    expect(await publishedMatter('NO-SUCH')).toBeNull();
  });
});

describe('upgrade from an unversioned catalogue', () => {
  it('a meta record without `published` is adopted by the first versioned import', async () => {
    await cloud.database().collection('meta').add({ data: { _id: 'catalogue', version: 3, updatedAt: '2026-01-01T00:00:00.000Z' } });
    expect(expectOk(await call('matters', 'home')).totals.matters).toBe(0);
    expectOk(await importAs(ADMIN, old));
    const meta = (await cloud.database().collection('meta').doc('catalogue').get()).data!;
    expect(meta).toMatchObject({ version: 4, published: expect.stringMatching(/^v/) });
    expect(expectOk(await call('matters', 'home')).totals.matters).toBe(3);
  });
});
