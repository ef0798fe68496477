/**
 * A separate dispatcher process for crash runs (tests and bench): opens the file-backed local
 * cloud in DATA_DIR, loads the push function from source and fires its `dispatch` timer in a loop
 * until no work is left (or forever with --forever). The parent kill -9s it mid-dispatch.
 */
import Module = require('module');
import * as path from 'node:path';

const sdkPath = path.resolve(__dirname, '../../local-cloud/sdk/index.ts');
const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
const orig = M._resolveFilename;
M._resolveFilename = function (req: string, ...rest: unknown[]) {
  return req === 'wx-server-sdk' ? sdkPath : orig.call(this, req, ...rest);
};

async function main() {
  const lc = require('../../local-cloud') as typeof import('../../local-cloud');
  lc.configureLocalCloud({ dataDir: process.env.DATA_DIR ?? '.data' });
  const fc = require('../../local-cloud/runtime/function-config') as typeof import('../../local-cloud/runtime/function-config');
  const { FUNCTIONS_DIR } = require('../../local-cloud/runtime/paths') as typeof import('../../local-cloud/runtime/paths');
  lc.declareCollections(fc.allCollectionDeclarations(FUNCTIONS_DIR));
  const { main: push } = require('../../cloudfunctions/push') as typeof import('../../cloudfunctions/push');
  lc.registerFunction('push', push, { timeoutMs: fc.timeoutMsOf(fc.readFunctionConfig(path.join(FUNCTIONS_DIR, 'push'))) });
  const forever = process.argv.includes('--forever');
  for (;;) {
    const r = (await lc.invokeFunction('push', { Type: 'Timer', TriggerName: 'dispatch', Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' })) as { ok: boolean; data?: { sent: number; ingested: number; expanded: number; retried: number; skipped: number; failed: number } };
    process.stdout.write(`${JSON.stringify(r)}\n`);
    const d = r.data;
    if (!forever && d && !d.sent && !d.ingested && !d.expanded && !d.retried && !d.skipped && !d.failed) {
      const sdk = lc.sdk;
      const _ = sdk.database().command;
      const open = await sdk.database().collection('push_deliveries').where({ status: _.in(['queued', 'claimed', 'inflight']) }).count();
      const pending = await sdk.database().collection('outbox').where({ status: _.in(['pending', 'claimed']) }).count();
      const sending = await sdk.database().collection('push_campaigns').where({ status: _.in(['scheduled', 'sending']), sendAtMs: _.lte(Date.now()) }).count();
      if (!open.total && !pending.total && !sending.total) break;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
