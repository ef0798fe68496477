/** Data survives closing and re-opening the same DATA_DIR. */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { configureLocalCloud, declareCollections, getOpenapiSink, getStore, grantSubscription, resetLocalCloud } from '../../local-cloud';
import { cloud } from './helpers';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-cloud-'));
  resetLocalCloud();
  configureLocalCloud({ dataDir: dir });
  declareCollections(['apps', 'c', 'stock']);
});
afterEach(() => {
  resetLocalCloud();
  rmSync(dir, { recursive: true, force: true });
});

test('documents, types, files and the openapi sink persist across a re-open', async () => {
  const db = cloud.database();
  const at = new Date('2025-03-04T05:06:07.089Z');
  await db.collection('apps').add({ data: { _id: 'a1', at, n: 1, nested: { list: [at] } } });
  await db.collection('apps').doc('a1').update({ data: { n: db.command.inc(1) } });
  await db.createCollection('empty');
  await cloud.uploadFile({ cloudPath: 'x/y.txt', fileContent: Buffer.from('hello') });
  grantSubscription('o1', 't', 'accept'); // the sink enforces WeChat's one-time quota
  await cloud.openapi.subscribeMessage.send({ touser: 'o1', templateId: 't', data: { thing1: { value: 'ok' } } });

  expect(existsSync(join(dir, 'db.sqlite'))).toBe(true);
  expect(getStore().db.pragma('journal_mode', { simple: true })).toBe('wal');

  resetLocalCloud(); // closes the database
  configureLocalCloud({ dataDir: dir });

  const reopened = cloud.database();
  const { data } = await reopened.collection('apps').doc('a1').get();
  expect(data).toEqual({ _id: 'a1', at, n: 2, nested: { list: [at] } });
  expect(data?.at).toBeInstanceOf(Date);
  expect(getStore().listCollections()).toEqual(['apps', 'empty']);
  expect((await cloud.downloadFile({ fileID: 'cloud://local-env.local/x/y.txt' })).fileContent.toString()).toBe('hello');
  expect(getOpenapiSink({ touser: 'o1' })).toHaveLength(1);
});

test('switching dataDir opens a different database', async () => {
  await cloud.database().collection('c').add({ data: { _id: 'only-here' } });
  configureLocalCloud({ dataDir: ':memory:' });
  expect((await cloud.database().collection('c').count()).total).toBe(0);
  configureLocalCloud({ dataDir: dir });
  expect((await cloud.database().collection('c').count()).total).toBe(1);
});

test('processes sharing one DATA_DIR do not oversell (SQLite write lock, not just the event loop)', async () => {
  await cloud.database().collection('stock').add({ data: { _id: 'slot', left: 10 } });
  resetLocalCloud(); // let the children own the file
  const tsx = join(__dirname, '../../node_modules/.bin/tsx');
  const worker = join(__dirname, 'fixtures/decrement-worker.ts');
  const run = () =>
    new Promise<number>((resolve, reject) =>
      execFile(tsx, [worker, dir], { timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(Number(stdout)))),
    );
  const counts = await Promise.all([run(), run(), run()]);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
  configureLocalCloud({ dataDir: dir });
  expect((await cloud.database().collection('stock').doc('slot').get()).data?.left).toBe(0);
}, 60_000);
