/** Transactions and single-document atomicity. */
import { getStore } from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const db = () => cloud.database();
const _ = cloud.database().command;

async function value(coll: string, id: string): Promise<Record<string, unknown> | null> {
  return (await cloud.database({ throwOnNotFound: false }).collection(coll).doc(id).get()).data;
}

beforeEach(async () => {
  await db().collection('acc').add({ data: { _id: 'a', amount: 100 } });
  await db().collection('acc').add({ data: { _id: 'b', amount: 0 } });
});

describe('runTransaction', () => {
  test('commits all writes and resolves with the callback value', async () => {
    const r = await db().runTransaction(async (t) => {
      const a = (await t.collection('acc').doc('a').get()).data as { amount: number };
      await t.collection('acc').doc('a').update({ data: { amount: _.inc(-30) } });
      await t.collection('acc').doc('b').update({ data: { amount: _.inc(30) } });
      await t.collection('log').add({ data: { _id: 'l1', moved: 30 } });
      return a.amount - 30;
    });
    expect(r).toBe(70);
    expect(await value('acc', 'a')).toMatchObject({ amount: 70 });
    expect(await value('acc', 'b')).toMatchObject({ amount: 30 });
    expect(await value('log', 'l1')).toMatchObject({ moved: 30 });
  });

  test('writes are invisible outside until commit, visible inside (read your writes)', async () => {
    let outsideDuring: unknown;
    await db().runTransaction(async (t) => {
      await t.collection('acc').doc('a').update({ data: { amount: 1 } });
      expect((await t.collection('acc').doc('a').get()).data).toEqual({ _id: 'a', amount: 1 });
      await t.collection('acc').doc('c').set({ data: { amount: 5 } });
      expect((await t.collection('acc').doc('c').get()).data).toEqual({ _id: 'c', amount: 5 });
      await t.collection('acc').doc('b').remove();
      await expect(t.collection('acc').doc('b').get()).rejects.toThrow('does not exist');
      outsideDuring = await value('acc', 'a');
    });
    expect(outsideDuring).toEqual({ _id: 'a', amount: 100 });
    expect(await value('acc', 'a')).toEqual({ _id: 'a', amount: 1 });
    expect(await value('acc', 'b')).toBeNull();
    expect(await value('acc', 'c')).toEqual({ _id: 'c', amount: 5 });
  });

  test('rollback(reason) rejects with exactly that reason and writes nothing', async () => {
    const reason = await rejection(
      db().runTransaction(async (t) => {
        await t.collection('acc').doc('a').update({ data: { amount: _.inc(-100) } });
        await t.collection('acc').doc('b').set({ data: { amount: 100 } });
        await t.rollback(-100);
      }),
    );
    expect(reason).toBe(-100);
    expect(await value('acc', 'a')).toMatchObject({ amount: 100 });
    expect(await value('acc', 'b')).toMatchObject({ amount: 0 });
  });

  test('an error thrown by the callback rejects with that error and writes nothing', async () => {
    const boom = new Error('insufficient funds');
    const e = await rejection(
      db().runTransaction(async (t) => {
        await t.collection('acc').doc('b').update({ data: { amount: 1 } });
        throw boom;
      }),
    );
    expect(e).toBe(boom);
    expect(await value('acc', 'b')).toMatchObject({ amount: 0 });
  });

  test('where() is not available inside a transaction', async () => {
    await expect(db().runTransaction(async (t) => (t.collection('acc') as unknown as { where(): unknown }).where())).rejects.toThrow('single-document');
  });

  test('concurrent conflicting transactions do not both commit: the loser is re-run', async () => {
    let runs = 0;
    const transfer = () =>
      db().runTransaction(async (t) => {
        runs++;
        const a = (await t.collection('acc').doc('a').get()).data as { amount: number };
        await t.collection('acc').doc('a').update({ data: { amount: a.amount - 10 } });
        return a.amount - 10;
      });
    const results = await Promise.all([transfer(), transfer()]);
    expect(results.sort()).toEqual([80, 90]);
    expect(await value('acc', 'a')).toMatchObject({ amount: 80 }); // not 90: no lost update
    expect(runs).toBeGreaterThanOrEqual(3);
  });

  test('a conflict with a plain write is detected; exhausting retries rejects and writes nothing', async () => {
    const e = await rejection(
      db().runTransaction(async (t) => {
        await t.collection('acc').doc('b').update({ data: { amount: 555 } });
        await t.collection('acc').doc('a').get();
        // Someone else changes `a` after we read it.
        await db().collection('acc').doc('a').update({ data: { amount: _.inc(1) } });
        await t.collection('acc').doc('a').update({ data: { amount: 0 } });
      }, 1),
    );
    // As on WeChat: the server's TCB reply, passed through by both SDKs (no errCode, not an Error).
    expect(e).toEqual({ requestId: expect.any(String), code: 'DATABASE_TRANSACTION_CONFLICT', message: expect.stringContaining('[ResourceUnavailable.TransactionConflict]') });
    expect(await value('acc', 'a')).toMatchObject({ amount: 101 });
    expect(await value('acc', 'b')).toMatchObject({ amount: 0 }); // all-or-nothing
  });

  test('transaction doc.get of a missing document rejects like outside', async () => {
    const e = await rejection(db().runTransaction(async (t) => t.collection('acc').doc('zzz').get()));
    expect((e as { errMsg: string }).errMsg).toBe('document.get:fail document with _id zzz does not exist');
  });
});

describe('startTransaction', () => {
  test('commit applies, rollback discards', async () => {
    const t1 = await db().startTransaction();
    await t1.collection('acc').doc('a').update({ data: { amount: 1 } });
    await t1.commit();
    expect(await value('acc', 'a')).toMatchObject({ amount: 1 });

    const t2 = await db().startTransaction();
    await t2.collection('acc').doc('a').update({ data: { amount: 2 } });
    await t2.rollback();
    expect(await value('acc', 'a')).toMatchObject({ amount: 1 });
    await expect(t2.collection('acc').doc('a').get()).rejects.toThrow('rolled back');
  });
  test('commit after a conflicting change rejects', async () => {
    const t = await db().startTransaction();
    await t.collection('acc').doc('a').update({ data: { amount: 7 } });
    await db().collection('acc').doc('a').update({ data: { amount: 8 } });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await value('acc', 'a')).toMatchObject({ amount: 8 });
  });
});

describe('single-document atomicity', () => {
  test('50 concurrent conditional decrements on left=10 leave 0 and exactly 10 succeed', async () => {
    await db().collection('stock').add({ data: { _id: 'slot', left: 10 } });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => db().collection('stock').where({ _id: 'slot', left: _.gt(0) }).update({ data: { left: _.inc(-1) } })),
    );
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(10);
    expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(40);
    expect(await value('stock', 'slot')).toMatchObject({ left: 0 });
  });

  test('the same holds when the condition does not pin _id (full scan)', async () => {
    await db().collection('stock').add({ data: { sku: 'q', left: 10 } });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => db().collection('stock').where({ sku: 'q', left: _.gt(0) }).update({ data: { left: _.inc(-1) } })),
    );
    expect(results.reduce((n, r) => n + r.stats.updated, 0)).toBe(10);
    expect((await db().collection('stock').where({ sku: 'q' }).get()).data[0].left).toBe(0);
  });

  test('control: a non-atomic read-then-write does oversell, as it would on WeChat', async () => {
    await db().collection('stock').add({ data: { _id: 'naive', left: 10 } });
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const { data } = await db().collection('stock').doc('naive').get();
        await db().collection('stock').doc('naive').update({ data: { left: (data?.left as number) - 1 } });
      }),
    );
    // Ten decrements ran, but the reads interleaved, so updates were lost.
    expect(((await value('stock', 'naive')) as { left: number }).left).toBeGreaterThan(0);
  });

  test('revisions increase on every write (optimistic-concurrency token)', async () => {
    const r1 = getStore().getRev('acc', 'a') as number;
    await db().collection('acc').doc('a').update({ data: { amount: 5 } });
    expect(getStore().getRev('acc', 'a')).toBeGreaterThan(r1);
  });
});
