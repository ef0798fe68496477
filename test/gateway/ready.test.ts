/**
 * The gateway serves nobody until `prepare` (the preview's seed) has finished: a request that
 * arrives meanwhile waits and is answered afterwards, never in the middle of it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { postJson, type Reply } from './http-client';

const FUNCTIONS_DIR = path.join(__dirname, 'fixtures', 'cloudfunctions');
let gw: Gateway | undefined;
let root: string;

afterAll(async () => {
  await gw?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('answers a request that arrived during prepare only once prepare is done', async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-ready-'));
  const order: string[] = [];
  let early: Promise<Reply> | undefined;
  gw = await startGateway({
    port: 0, dataDir: path.join(root, 'data'), functionsDir: FUNCTIONS_DIR, localMode: true, log: () => undefined,
    prepare: async ({ url }) => {
      early = postJson(url, 'echo', { hello: 1 }, { 'x-local-openid': 'local-citizen' }).then((r) => { order.push('answered'); return r; });
      // Round trips through the event loop while the request is in flight: it must still wait.
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      order.push('prepared');
    },
  });
  const reply = await early!;
  expect(reply.status).toBe(200);
  expect(order).toEqual(['prepared', 'answered']);
});
