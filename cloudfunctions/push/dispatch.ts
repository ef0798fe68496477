/**
 * The resumable dispatcher, driven by the `dispatch` timer (every minute) and by kicks.
 * Works in bounded batches while `remainingMs()` allows, never a fixed duration.
 *
 * Conditions on `_id` use the plain string: these ids are generated here, never taken from a
 * client, and a plain `_id` lets the database answer from its primary key.
 *
 * Exactly once per (campaign, person) and per (event, recipient): each message is a
 * push_deliveries document with a deterministic `_id`, created only if absent (ingest.ts,
 * campaign-run.ts), and moved queued → inflight → outcome by compare-and-set (deliver.ts, with
 * the pure decisions in core/push/delivery.ts). A dispatcher that dies leaves a lease that
 * expires: `inflight` (the request may have left) becomes `unknown` — never blindly repeated —
 * except on the OA template channel within 10 minutes, where WeChat de-duplicates by
 * client_msg_id and a resend is safe.
 *
 * Per message that is two writes on the long-term path (inflight, outcome); what a batch needs
 * to know (campaign status, opt-outs, ledger) is read once per batch, and the attempt log is one
 * insert per batch.
 */
import { randomBytes } from 'node:crypto';
import { loadCatalogue } from '../../core/push/catalogue';
import type { Delivery } from '../../core/push/delivery';
import type { DispatchReport } from '../../core/push/api-types';
import { AttemptLog } from './attempt-log';
import { expandCampaigns, finishCampaigns, startDueCampaigns } from './campaign-run';
import { batchFacts, pickBatch, processOne, recoverExpired, type BatchFacts } from './deliver';
import { dispatchConfig } from './dispatch-config';
import { ingestOutbox } from './ingest';
import { heartbeat, RateLimiter, signOff } from './rate';
import { SendPool } from './send-pool';
import { envNumber } from './repo';

const emptyReport = (): DispatchReport => ({ ingested: 0, expanded: 0, sent: 0, failed: 0, skipped: 0, retried: 0, unknown: 0, recovered: 0 });

export interface DispatchOptions {
  remainingMs: () => number;
  /** 'events': only outbox events and event deliveries (a kick); 'all': also campaigns (the timer). */
  mode: 'all' | 'events';
}

/** Kicks in this instance coalesce: while one runs, another kick adds nothing but load. */
let kickRunning = false;

export async function runDispatch(opts: DispatchOptions): Promise<DispatchReport> {
  if (opts.mode === 'events') {
    if (kickRunning) return emptyReport();
    kickRunning = true;
    try {
      return await runLoop(opts);
    } finally {
      kickRunning = false;
    }
  }
  return runLoop(opts);
}

interface PoolItem { _id: string; d: Delivery; facts: BatchFacts }

async function runLoop(opts: DispatchOptions): Promise<DispatchReport> {
  const cfg = dispatchConfig();
  const cat = loadCatalogue(process.env);
  const owner = `d-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const report = emptyReport();
  const limiter = new RateLimiter(cfg.ratePerSec);
  const log = new AttemptLog(owner);
  const ctx = { owner, cat, cfg, limiter, report, log, remainingMs: opts.remainingMs };
  // Stop while a whole send (request + bookkeeping) still fits in the budget.
  const reserve = envNumber('PUSH_RESERVE_MS', 1500);
  const inTime = () => opts.remainingMs() > reserve;
  const pool = new SendPool<PoolItem>(cfg.concurrency, (it) => processOne(it.d, it.facts, ctx), inTime);
  let idle = 0;
  let lastRecovery = 0;
  let lastBeat = 0;
  try {
    while (inTime()) {
      // Refill only when the workers are about to run dry: the queue stays short, so events and
      // emergencies written meanwhile are picked (by priority) within a few sends.
      await pool.low();
      if (!inTime()) break;
      let work = 0;
      const t0 = Date.now();
      if (opts.mode === 'all' && t0 - lastBeat > 1000) {
        lastBeat = t0;
        limiter.setRate(cfg.ratePerSec / (await heartbeat(owner)));
      }
      // Expired leases are rare (a dead dispatcher): look at most every 5 s.
      if (t0 - lastRecovery > 5000) {
        lastRecovery = t0;
        report.recovered += await recoverExpired(cat, log);
      }
      work += await ingestOutbox(owner, cat, cfg, report, opts.remainingMs, reserve);
      if (opts.mode === 'all') {
        await startDueCampaigns();
        work += await expandCampaigns(opts.remainingMs, reserve, report);
      }
      const picked = (await pickBatch(cfg, opts.mode)).filter((d) => !pool.has(d._id));
      if (picked.length) {
        const facts = await batchFacts(picked);
        work += pool.push(picked.map((d) => ({ _id: d._id, d, facts })));
      }
      if (process.env.PUSH_DEBUG) console.log(`[dispatch ${opts.mode}] housekeeping+pick ${Date.now() - t0} ms, picked ${picked.length}, sent so far ${report.sent}`);
      await log.flush();
      if (opts.mode === 'all') await finishCampaigns();
      if (work) {
        idle = 0;
        continue;
      }
      if (!pool.idle) {
        // Nothing new, sends in flight: wait for them (or a short while) before looking again.
        await Promise.race([pool.whenIdle(), new Promise((r) => setTimeout(r, 200))]);
        continue;
      }
      // Nothing due now: wait briefly for retries coming due or new events, but never idle long.
      idle += 1;
      if (idle > (opts.mode === 'events' ? 1 : 3)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    try {
      await pool.close();
    } finally {
      await log.flush();
      if (opts.mode === 'all') await signOff(owner);
    }
  }
  if (opts.mode === 'all') await finishCampaigns();
  return report;
}
