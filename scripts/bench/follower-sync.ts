/**
 * 服务号 follower sync at a city's scale: `BENCH_FOLLOWERS` (default 200 000) followers on the fake
 * WeChat server (its own process, GET /cgi-bin/user/get, 10 000 per page, `BENCH_FOLLOWER_LATENCY_MS`
 * per page request, default 100 ms), synced by `push.syncFollowers` with the function's 60 s
 * timeout: each call that runs out of time answers CONFLICT and the next resumes from the stored
 * cursor, as an admin pressing the button again would. Figures, not assertions.
 */
import '../lib/local-sdk-hook';
import * as localCloud from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { spawnFakeWechat } from '../lib/fake-wechat-process';

type Reply = { ok: true; data: { total: number; synced: number; unfollowed: number } } | { ok: false; code: string; message: string };

export async function run(): Promise<void> {
  const N = Number(process.env.BENCH_FOLLOWERS ?? 200_000);
  const latencyMs = Number(process.env.BENCH_FOLLOWER_LATENCY_MS ?? 100);
  const fake = await spawnFakeWechat({ followerCount: N, latencyMs });
  const saved = { ...process.env };
  Object.assign(process.env, { WX_OPENAPI_BASE: fake.base, WX_OA_APPID: 'wxbench-oa', WX_OA_SECRET: 'bench-secret', ADMIN_OPENIDS: 'bench-admin' });
  localCloud.resetLocalCloud();
  localCloud.configureLocalCloud({ dataDir: ':memory:' });
  localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  const { main } = require('../../cloudfunctions/push') as typeof import('../../cloudfunctions/push');
  localCloud.registerFunction('push', main, { timeoutMs: 60_000 });
  try {
    const started = Date.now();
    const calls: number[] = [];
    let r: Reply;
    do {
      const t = Date.now();
      r = (await localCloud.invokeFunction('push', { action: 'syncFollowers' }, { OPENID: 'bench-admin' })) as Reply;
      calls.push((Date.now() - t) / 1000);
      if (!r.ok && r.code !== 'CONFLICT') throw new Error(`${r.code} ${r.message}`);
    } while (!r.ok && calls.length < 100);
    const elapsed = (Date.now() - started) / 1000;
    const { total } = await localCloud.sdk.database().collection('oa_followers').where({ subscribed: true }).count();
    console.log(`\n服务号关注者同步（假微信服务器：${N} 人，每页 10 000，每次拉取延迟 ${latencyMs} ms；云函数超时 60 s）`);
    console.log(`  ${r.ok ? '完成' : '未完成'}：${elapsed.toFixed(1)} s，${(N / elapsed).toFixed(0)} 人/s；调用 ${calls.length} 次（每次 ${calls.map((c) => c.toFixed(1)).join(' / ')} s，超时前续跑）；库中已关注 ${total} 人`);
  } finally {
    await fake.close();
    localCloud.resetLocalCloud();
    process.env = saved;
  }
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
