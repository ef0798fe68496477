/**
 * Push dispatch bench against the fake WeChat server (WX_OPENAPI_BASE): throughput for a
 * 10 000-recipient campaign vs the bound min(rate cap, concurrency / latency), duplicates and
 * losses, and event → delivered latency p50/p95 while the campaign runs. Figures, not assertions.
 * The fake WeChat server runs in a process of its own (it is not the dispatcher's CPU on WeChat).
 */
import '../lib/local-sdk-hook';
import * as localCloud from '../../local-cloud';
import { allCollectionDeclarations } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { spawnFakeWechat } from '../lib/fake-wechat-process';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { getAll } from '../../cloudfunctions/push/repo';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** The dispatcher's default concurrency (20) and half of it, where latency, not the cap, binds. */
export async function run(): Promise<void> {
  const list = process.env.BENCH_PUSH_CONCURRENCY ? [Number(process.env.BENCH_PUSH_CONCURRENCY)] : [20, 10];
  for (const c of list) await runOnce(c);
}

async function runOnce(concurrency: number): Promise<void> {
  const N = Number(process.env.BENCH_PUSH_N ?? 10_000);
  const latencyMs = 20;
  const rate = 400;
  const bound = Math.min(rate, concurrency / (latencyMs / 1000));
  const fake = await spawnFakeWechat({ latencyMs, ratePerSec: rate + 50 });
  const saved = { ...process.env };
  Object.assign(process.env, {
    WX_OPENAPI_BASE: fake.base, PUSH_CONCURRENCY: String(concurrency), PUSH_RATE_PER_SEC: String(rate),
    PUSH_APPROVAL_THRESHOLD: String(N * 10), ADMIN_OPENIDS: 'bench-admin',
  });
  localCloud.resetLocalCloud();
  localCloud.configureLocalCloud({ dataDir: ':memory:' });
  localCloud.declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  const { main } = require('../../cloudfunctions/push') as typeof import('../../cloudfunctions/push');
  localCloud.registerFunction('push', main, { timeoutMs: 60_000 });
  const db = localCloud.sdk.database();
  const cat = loadCatalogue(process.env);
  const t = byKey(cat, 'emergencyAlert')!;
  const ev = byKey(cat, 'caseProgress')!;
  const now = new Date().toISOString();
  for (let i = 0; i < N; i += 500) {
    await db.collection('push_ledger').add({ data: Array.from({ length: Math.min(500, N - i) }, (_, k) => ({
      _id: `b-${i + k}:${t.templateId}`, openid: `b-${i + k}`, templateId: t.templateId, templateKey: t.key, kind: 'long', quota: 0, long: true, accepted: 1, used: 0, updatedAt: now,
    })) });
  }
  const EVENTS = 40;
  await db.collection('push_ledger').add({ data: Array.from({ length: EVENTS }, (_, k) => ({
    _id: `ev-${k}:${ev.templateId}`, openid: `ev-${k}`, templateId: ev.templateId, templateKey: ev.key, kind: 'once', quota: 1, long: false, accepted: 1, used: 0, updatedAt: now,
  })) });
  const created = (await localCloud.invokeFunction('push', { action: 'createCampaign', params: {
    templateId: t.templateId, data: { thing1: '台风橙色预警', thing2: '全市沿海区域', time3: now, thing4: '请远离海边，做好防范' }, page: 'pages/index/index',
    audience: { type: 'templateSubscribers', templateId: t.templateId },
  } }, { OPENID: 'bench-admin' })) as { ok: boolean; data: { id: string; recipients: number } };
  if (!created.ok) throw new Error(JSON.stringify(created));

  const started = Date.now();
  const fire = () => localCloud.invokeFunction('push', { Type: 'Timer', TriggerName: 'dispatch', Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' });
  const eventAt = new Map<string, number>();
  let stopEvents = false;
  const writer = (async () => {
    await new Promise((r) => setTimeout(r, 2000));
    for (let k = 0; k < EVENTS && !stopEvents; k++) {
      const openid = `ev-${k}`;
      eventAt.set(openid, Date.now());
      await db.collection('outbox').add({ data: {
        _id: `applicationStatus:bench${k}:1`, type: 'applicationStatus', openid, at: new Date().toISOString(), status: 'pending',
        page: 'packages/affairs/pages/application/index?id=x', applicationId: `bench${k}`, applicationNo: `SQ${k}`, matterId: 'm', matterName: '普通护照签发',
        applicationStatus: 'accepted', departmentName: '市公安局',
      } });
      // A kick, as the writer's function would do.
      void localCloud.invokeFunction('push', { action: 'kick' }, {});
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  let timers = 0;
  for (;;) {
    const r = (await fire()) as { ok: boolean; data: { sent: number } };
    timers += 1;
    const camp = (await localCloud.invokeFunction('push', { action: 'campaign', params: { id: created.data.id } }, { OPENID: 'bench-admin' })) as { data: { status: string; counts: Record<string, number> } };
    if (camp.data.status === 'done' || timers > 200) break;
    void r;
  }
  const elapsed = (Date.now() - started) / 1000;
  stopEvents = true;
  await writer;
  for (let i = 0; i < 3; i++) await fire();

  const messages = await fake.messages();
  const campaignMsgs = messages.filter((m) => m.templateId === t.templateId);
  const keys = campaignMsgs.map((m) => m.touser);
  const dups = keys.length - new Set(keys).size;
  const progress = (await localCloud.invokeFunction('push', { action: 'campaign', params: { id: created.data.id } }, { OPENID: 'bench-admin' })) as { data: { counts: Record<string, number>; failures: Record<string, number> } };
  const c = progress.data.counts;
  const lost = N - (c.sent + c.failed + c.skipped + c.unknown);
  const durations = (await getAll<{ durationMs: number }>('push_attempts', { campaignId: created.data.id })).map((a) => a.durationMs);
  const lat: number[] = [];
  for (const m of messages.filter((x) => x.templateId === ev.templateId)) {
    const at = eventAt.get(m.touser);
    if (at) lat.push(m.at - at);
  }
  // Send window: first to last campaign message the fake server accepted.
  const window = campaignMsgs.length > 1 ? (campaignMsgs[campaignMsgs.length - 1].at - campaignMsgs[0].at) / 1000 : elapsed;
  const throughput = campaignMsgs.length / window;
  console.log(`\n推送 push（假微信服务器：延迟 ${latencyMs} ms，限速 ${rate}/s，并发 ${concurrency}；上界 ${bound}/s）`);
  console.log(`  ${N} 人群发：发送窗口 ${window.toFixed(1)} s（含建档与收尾 ${elapsed.toFixed(1)} s），${throughput.toFixed(0)} 条/s = 上界的 ${(throughput / bound).toFixed(2)}；定时触发 ${timers} 次`);
  console.log(`  单次发送请求（发出 → 收到应答）p50 ${pct(durations, 50)} ms，p95 ${pct(durations, 95)} ms（假服务器延迟 ${latencyMs} ms）`);
  console.log(`  结果：sent ${c.sent} failed ${c.failed} skipped ${c.skipped} unknown ${c.unknown}；重复 ${dups}，丢失 ${lost}；失败原因 ${JSON.stringify(progress.data.failures)}`);
  console.log(`  群发进行中的事件推送（${lat.length}/${eventAt.size} 送达）：事件 → 送达 p50 ${pct(lat, 50)} ms，p95 ${pct(lat, 95)} ms`);
  await fake.close();
  localCloud.resetLocalCloud();
  process.env = saved;
}

if (require.main === module) run().catch((e) => { console.error(e); process.exit(1); });
