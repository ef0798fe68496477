/** The shared transaction runner (cloudfunctions/shared/transaction.ts) on the local cloud. */
import sdk = require('../../local-cloud/sdk');
import { startCloud } from './harness';
import { createOnce, isRetryable, transact, txGet } from '../../cloudfunctions/shared/transaction';
import { getById } from '../../cloudfunctions/push/repo';

beforeEach(() => startCloud());

const counter = async () => (await sdk.database().collection('push_state').doc('n').get()).data as { n: number };

test('30 parallel read-modify-writes of one document all commit, none lost', async () => {
  await sdk.database().collection('push_state').add({ data: { _id: 'n', n: 0 } });
  await Promise.all(Array.from({ length: 30 }, () => transact(async (t) => {
    const cur = await txGet<{ n: number }>(t, 'push_state', 'n');
    await t.collection('push_state').doc('n').set({ data: { n: (cur?.n ?? 0) + 1 } });
  })));
  expect((await counter()).n).toBe(30);
});

test('retries only what the errCode (or TCB code) says is a conflict, never by message text', async () => {
  expect(isRetryable({ errCode: -501001, errMsg: 'document.update:fail -501001 resource system error.' })).toBe(true);
  expect(isRetryable({ requestId: 'r', code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' })).toBe(true);
  expect(isRetryable(new Error('write conflict, try again: busy'))).toBe(false);
  expect(isRetryable({ errCode: -502005, errMsg: 'collection.get:fail -502005 database collection not exists. conflict' })).toBe(false);

  let runs = 0;
  await expect(transact(async () => {
    runs += 1;
    throw Object.assign(new Error('conflict'), { errCode: -502005 });
  })).rejects.toMatchObject({ errCode: -502005 });
  expect(runs).toBe(1);

  runs = 0;
  await expect(transact(async () => {
    runs += 1;
    if (runs < 3) throw { requestId: 'r', code: 'DATABASE_TRANSACTION_CONFLICT', message: 'lost' };
    return 'done';
  })).resolves.toBe('done');
  expect(runs).toBe(3);
});

test('a conflict that never clears ends as CONFLICT with a Chinese message, not a raw error', async () => {
  await expect(transact(async () => {
    throw { requestId: 'r', code: 'DATABASE_TRANSACTION_CONFLICT', message: 'lost' };
  }, { attempts: 3 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/稍后重试/) });
});

test('a missing document reads as null; a missing collection is an error, never "no record"', async () => {
  await expect(transact((t) => txGet(t, 'push_state', 'absent'))).resolves.toBeNull();
  await expect(transact((t) => txGet(t, 'no_such_collection', 'x'))).rejects.toMatchObject({ errCode: -502005 });
  await expect(getById('push_state', 'absent')).resolves.toBeNull();
  await expect(getById('no_such_collection', 'x')).rejects.toMatchObject({ errCode: -502005 });
});

test('createOnce: the first of 10 parallel creators wins, the rest learn it exists; a missing collection rejects', async () => {
  const won = await Promise.all(Array.from({ length: 10 }, (_, i) => createOnce('push_state', 'once', { by: i })));
  expect(won.filter(Boolean)).toHaveLength(1);
  await expect(createOnce('no_such_collection', 'x', { a: 1 })).rejects.toMatchObject({ errCode: -502005 });
});
