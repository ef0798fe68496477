/**
 * The resumable dispatcher, driven by the `dispatch` timer (every minute) and by kicks.
 * Works in bounded batches while `remainingMs()` allows, never a fixed duration.
 *
 * Conditions on `_id` use the plain string: these ids are generated here, never taken from a
 * client, and a plain `_id` lets the database answer from its primary key.
 *
 * Exactly once per (campaign, person) and per (event, recipient):
 *   - each message is a push_deliveries document with a deterministic `_id`, created only if absent;
 *   - queued → inflight: a compare-and-set on (status queued, attempts as picked) — only one
 *     dispatcher wins; for a one-time template it is a transaction that also takes the ledger
 *     credit. Only after it commits does the request leave;
 *   - inflight → sent/failed/skipped/queued(retry): conditional on the owner.
 *   A dispatcher that dies leaves a lease that expires: `inflight` (the request may have left)
 *   becomes `unknown` — never blindly repeated — except on the OA template channel within 10
 *   minutes, where WeChat de-duplicates by client_msg_id and a resend is safe. (`claimed`, the
 *   request never left, is requeued: an older dispatcher's state, still recovered.)
 *
 * Per message that is two writes on the long-term path (inflight, outcome); what a batch needs
 * to know (campaign status, opt-outs, ledger) is read once per batch, and the attempt log is one
 * insert per batch.
 */
import { randomBytes } from 'node:crypto';
import type { OutboxEvent } from '../../core/events/outbox';
import { mapEvent, withTracking } from '../../core/push/events';
import { classify, nextRetryAt } from '../../core/push/errors';
import { renderData } from '../../core/push/fields';
import { byKey, type Catalogue, type Category, type TemplateKey } from '../../core/push/templates';
import { loadCatalogue } from '../../core/push/catalogue';
import type { DispatchReport } from '../../core/push/api-types';
import type { Recipient } from '../../core/push/audience';
import { clientMsgIdOf, send } from './channels';
import { SendPool } from './send-pool';
import { C, _, createIfAbsent, db, envNumber, getById } from './store';

export type DeliveryStatus = 'queued' | 'claimed' | 'inflight' | 'sent' | 'failed' | 'skipped' | 'unknown';

export interface Delivery {
  _id: string;
  source: 'campaign' | 'event';
  sourceId: string;
  campaignId?: string;
  openid: string;
  unionid?: string;
  channel: 'mp' | 'oa';
  templateKey: TemplateKey;
  templateId: string;
  category: Category;
  data: Record<string, { value: string }>;
  page: string;
  priority: number;
  status: DeliveryStatus;
  nextAt: number;
  deadline: number;
  attempts: number;
  owner?: string | null;
  leaseUntil?: number;
  reserved?: boolean;
  reason?: string;
  errcode?: number;
  clientMsgId: string;
  firstInflightAt?: number;
  sentAt?: string;
  createdAt: number;
  updatedAt: number;
}

export const PRIORITY = { campaign: 0, event: 50, emergency: 100 } as const;

export interface DispatchConfig {
  concurrency: number;
  ratePerSec: number;
  batch: number;
  leaseMs: number;
  sendTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  eventDeadlineMs: number;
}

export function dispatchConfig(): DispatchConfig {
  return {
    concurrency: envNumber('PUSH_CONCURRENCY', 20),
    ratePerSec: envNumber('PUSH_RATE_PER_SEC', 200),
    batch: envNumber('PUSH_BATCH', 200),
    leaseMs: envNumber('PUSH_LEASE_MS', 30_000),
    sendTimeoutMs: envNumber('PUSH_SEND_TIMEOUT_MS', 5_000),
    backoffBaseMs: envNumber('PUSH_BACKOFF_BASE_MS', 2_000),
    backoffCapMs: envNumber('PUSH_BACKOFF_CAP_MS', 5 * 60_000),
    eventDeadlineMs: envNumber('PUSH_EVENT_DEADLINE_MS', 24 * 3600_000),
  };
}

/**
 * Token bucket shared by one invocation's workers. The bucket holds at most 50 ms of tokens: a
 * full second's worth would allow a burst of twice the rate within one second after a pause,
 * which is what WeChat's frequency limit (45011) counts.
 */
class RateLimiter {
  private tokens = 1;
  private last = Date.now();
  private burst: number;
  constructor(private rate: number) { this.burst = Math.max(1, rate / 20); }
  /** This instance's share of the configured rate when several dispatchers run at once. */
  setRate(rate: number): void {
    this.rate = rate;
    this.burst = Math.max(1, rate / 20);
  }
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000))));
    }
  }
}

/**
 * Timer firings overlap on WeChat (each may run up to its timeout), and each instance has its own
 * token bucket: the configured rate is the total, so every timer dispatcher announces itself in
 * push_state (expiring after 10 s, so a dead one stops counting) and takes rate / active.
 * Kicks (events mode) do not count: they only send event messages, a trickle next to a campaign.
 */
const HEARTBEAT_MS = 10_000;

async function heartbeat(owner: string): Promise<number> {
  const now = Date.now();
  await db().collection(C.state).doc(`dispatcher:${owner}`).set({ data: { kind: 'dispatcher', until: now + HEARTBEAT_MS } });
  const { total } = await db().collection(C.state).where({ kind: 'dispatcher', until: _().gt(now) }).count();
  return Math.max(1, total);
}

async function signOff(owner: string): Promise<void> {
  await db().collection(C.state).doc(`dispatcher:${owner}`).remove().catch(() => undefined);
}

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
  const cat = loadCatalogue();
  const owner = `d-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const report = emptyReport();
  const limiter = new RateLimiter(cfg.ratePerSec);
  const log = new AttemptLog(owner);
  // Stop while a whole send (request + bookkeeping) still fits in the budget.
  const reserve = envNumber('PUSH_RESERVE_MS', 1500);
  const inTime = () => opts.remainingMs() > reserve;
  const pool = new SendPool<PoolItem>(
    cfg.concurrency,
    (it) => processOne(it.d, owner, cat, cfg, limiter, report, it.facts, log, opts.remainingMs),
    inTime,
  );
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

/** Leases left by a dispatcher that died or ran out of time. */
async function recoverExpired(cat: Catalogue, log: AttemptLog): Promise<number> {
  const now = Date.now();
  let n = 0;
  // Events claimed by a dead dispatcher: their deliveries are idempotent, so simply re-run.
  await db().collection(C.outbox).where({ status: _().eq('claimed'), leaseUntil: _().lt(now) })
    .update({ data: { status: 'pending', owner: null } });
  const { data } = await db().collection(C.deliveries)
    .where({ status: _().in(['claimed', 'inflight']), leaseUntil: _().lt(now) }).limit(100).get();
  for (const d of data as Delivery[]) {
    if (d.status === 'claimed') {
      const r = await db().collection(C.deliveries).where({ _id: d._id, status: 'claimed', owner: d.owner ?? null })
        .update({ data: { status: 'queued', owner: null, updatedAt: now } });
      n += r.stats.updated;
      continue;
    }
    // inflight: the request may have reached WeChat.
    const oaDedup = d.channel === 'oa' && cat.oa.mode === 'template' && d.firstInflightAt !== undefined && now - d.firstInflightAt < 9 * 60_000;
    const r = await db().collection(C.deliveries).where({ _id: d._id, status: 'inflight', owner: d.owner ?? null })
      .update({ data: oaDedup
        ? { status: 'queued', owner: null, nextAt: now, updatedAt: now }
        : { status: 'unknown', owner: null, reason: 'unknown', updatedAt: now } });
    if (r.stats.updated) {
      n += 1;
      if (!oaDedup) log.add(d, 'unknown', undefined, 0, 'unknown');
    }
  }
  return n;
}

async function ingestOutbox(owner: string, cat: Catalogue, cfg: DispatchConfig, report: DispatchReport, remainingMs: () => number, reserve: number): Promise<number> {
  const { data } = await db().collection(C.outbox).where({ status: _().eq('pending') }).orderBy('at', 'asc').limit(50).get();
  let n = 0;
  for (const raw of data as (OutboxEvent & { _id: string })[]) {
    if (remainingMs() < reserve) break;
    const now = Date.now();
    const claim = await db().collection(C.outbox).where({ _id: raw._id, status: 'pending' })
      .update({ data: { status: 'claimed', owner, leaseUntil: now + cfg.leaseMs } });
    if (!claim.stats.updated) continue;
    n += 1;
    report.ingested += 1;
    const mapping = mapEvent(raw);
    if ('skip' in mapping) {
      await db().collection(C.outbox).where({ _id: raw._id, owner }).update({ data: { status: 'skipped', reason: mapping.skip, owner: null } });
      continue;
    }
    const template = byKey(cat, mapping.push.templateKey);
    const id = `e:${raw._id}:${raw.openid}`;
    const base = {
      _id: id, source: 'event' as const, sourceId: raw._id, openid: raw.openid, channel: 'mp' as const,
      templateKey: mapping.push.templateKey, templateId: template?.templateId ?? '', category: template?.category ?? 'case',
      page: withTracking(mapping.push.page || template?.page || 'pages/index/index', id),
      priority: PRIORITY.event + (raw.priority ?? 0), nextAt: now, deadline: new Date(raw.at).getTime() + cfg.eventDeadlineMs,
      attempts: 0, clientMsgId: clientMsgIdOf(id), createdAt: now, updatedAt: now,
    };
    const rendered = template ? renderData(template, mapping.push.raw) : { ok: false as const, reason: `模板 ${mapping.push.templateKey} 未配置`, field: '' };
    if (!rendered.ok) {
      await createIfAbsent(C.deliveries, { ...base, data: {}, status: 'failed', reason: 'invalid-value', detail: rendered.reason });
      report.failed += 1;
    } else {
      await createIfAbsent(C.deliveries, { ...base, data: rendered.data, status: 'queued' });
    }
    await db().collection(C.outbox).where({ _id: raw._id, owner }).update({ data: { status: 'done', owner: null, deliveryId: id } });
  }
  return n;
}

async function startDueCampaigns(): Promise<void> {
  const now = Date.now();
  const { data } = await db().collection(C.campaigns).where({ status: _().eq('scheduled'), sendAtMs: _().lte(now) }).limit(20).get();
  for (const c of data) {
    await db().collection(C.campaigns).where({ _id: c._id, status: 'scheduled' }).update({ data: { status: 'sending', startedAt: new Date().toISOString() } });
  }
}

interface Chunk { _id: string; campaignId: string; n: number; recipients: Recipient[]; expanded: boolean }

async function expandCampaigns(remainingMs: () => number, reserve: number, report: DispatchReport): Promise<number> {
  const { data: campaigns } = await db().collection(C.campaigns).where({ status: _().eq('sending'), expandedAll: _().neq(true) }).limit(10).get();
  let work = 0;
  for (const c of campaigns) {
    const { data: chunks } = await db().collection(C.chunks).where({ campaignId: _().eq(c._id), expanded: false }).orderBy('n', 'asc').limit(2).get();
    if (!chunks.length) {
      await db().collection(C.campaigns).where({ _id: c._id }).update({ data: { expandedAll: true } });
      continue;
    }
    for (const chunk of chunks as Chunk[]) {
      if (remainingMs() < reserve) return work;
      const now = Date.now();
      const docs = chunk.recipients.map((r) => {
        const id = `c:${c._id}:${r.person}`;
        return {
          _id: id, source: 'campaign', sourceId: c._id, campaignId: c._id, openid: r.openid, ...(r.unionid ? { unionid: r.unionid } : {}),
          channel: r.channel, templateKey: c.templateKey, templateId: c.templateId, category: c.category, data: c.rendered,
          page: withTracking(c.page, id), priority: c.priority === 'emergency' ? PRIORITY.emergency : PRIORITY.campaign,
          status: 'queued', nextAt: now, deadline: c.deadlineMs, attempts: 0, clientMsgId: clientMsgIdOf(id), createdAt: now, updatedAt: now,
        };
      });
      // One batch insert when none exists yet; after a crash mid-chunk, one by one (duplicates skipped).
      try {
        await db().collection(C.deliveries).add({ data: docs as never });
      } catch {
        for (const d of docs) await createIfAbsent(C.deliveries, d);
      }
      await db().collection(C.chunks).where({ _id: chunk._id }).update({ data: { expanded: true } });
      report.expanded += docs.length;
      work += 1;
    }
  }
  return work;
}

async function pickBatch(cfg: DispatchConfig, mode: 'all' | 'events'): Promise<Delivery[]> {
  const now = Date.now();
  const where: Record<string, unknown> = { status: _().eq('queued'), nextAt: _().lte(now) };
  if (mode === 'events') where.priority = _().gte(PRIORITY.event);
  const { data } = await db().collection(C.deliveries).where(where).orderBy('priority', 'desc').orderBy('nextAt', 'asc').limit(cfg.batch).get();
  return data as Delivery[];
}

/** What one batch reads once instead of per message (each is a single `_id in [...]` query). */
interface BatchFacts {
  campaignStatus: Map<string, string>;
  /** openid → categories the citizen turned off. */
  optedOut: Map<string, string[]>;
  /** ledger `_id` → entry, for the batch's mini-program deliveries. */
  ledger: Map<string, LedgerEntry>;
}

type LedgerEntry = { _id: string; kind?: string; quota?: number; long?: boolean };

/** May a message on this ledger entry leave? Long-term: the flag is on; one-time: a credit is left. */
function hasCredit(entry: Omit<LedgerEntry, '_id'> | null | undefined): boolean {
  return !!entry && (entry.kind === 'long' ? !!entry.long : (entry.quota ?? 0) > 0);
}

async function byIds<T extends { _id: string }>(coll: string, ids: string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    const { data } = await db().collection(coll).where({ _id: _().in(part) }).limit(100).get();
    for (const doc of data as T[]) out.set(doc._id, doc);
  }
  return out;
}

async function batchFacts(batch: Delivery[]): Promise<BatchFacts> {
  const campaignStatus = new Map<string, string>();
  for (const id of new Set(batch.map((d) => d.campaignId).filter(Boolean) as string[])) {
    const c = await getById<{ status: string }>(C.campaigns, id);
    campaignStatus.set(id, c?.status ?? 'cancelled');
  }
  const mp = batch.filter((d) => d.channel === 'mp');
  const settings = await byIds<{ _id: string; off?: string[] }>(C.settings, [...new Set(mp.map((d) => d.openid))]);
  const ledger = await byIds<LedgerEntry>(C.ledger, [...new Set(mp.map((d) => ledgerDoc(d) as string))]);
  const optedOut = new Map<string, string[]>();
  for (const [openid, s] of settings) optedOut.set(openid, s.off ?? []);
  return { campaignStatus, optedOut, ledger };
}

/**
 * Attempt log lines of one batch, written with one insert after it. The delivery record stays
 * the authority (status, attempts, errcode, reason are written with each outcome); a dispatcher
 * that dies mid-batch loses only these log lines, never an outcome.
 */
class AttemptLog {
  private lines: Record<string, unknown>[] = [];
  constructor(private readonly owner: string) {}
  add(d: Delivery, result: string, errcode: number | undefined, durationMs: number, reason?: string): void {
    this.lines.push({
      deliveryId: d._id, campaignId: d.campaignId ?? null, eventId: d.source === 'event' ? d.sourceId : null, openid: d.openid, channel: d.channel,
      at: new Date().toISOString(), result, errcode: errcode ?? null, durationMs, reason: reason ?? null, dispatcher: this.owner,
    });
  }
  async flush(): Promise<void> {
    while (this.lines.length) {
      const part = this.lines.splice(0, 100);
      await db().collection(C.attempts).add({ data: part as never });
    }
  }
}

async function processOne(
  d: Delivery, owner: string, cat: Catalogue, cfg: DispatchConfig, limiter: RateLimiter,
  report: DispatchReport, facts: BatchFacts, log: AttemptLog, remainingMs: () => number,
): Promise<boolean> {
  const coll = db().collection(C.deliveries);
  let now = Date.now();
  // Compare-and-set on the picked snapshot: `attempts` grows with every outcome, so a delivery
  // that another dispatcher touched since pickBatch() is not ours, and the snapshot's
  // `reserved` / `firstInflightAt` are current when the condition holds.
  const unchanged = { _id: d._id, status: 'queued', attempts: d.attempts ?? 0 };
  const settle = async (status: DeliveryStatus, reason: string) => {
    const r = await coll.where(unchanged).update({ data: { status, reason, owner: null, updatedAt: now } });
    return r.stats.updated === 1;
  };

  if (d.campaignId && facts.campaignStatus.get(d.campaignId) === 'cancelled') {
    if (!(await settle('skipped', 'cancelled'))) return false;
    report.skipped += 1;
    return true;
  }
  if (d.channel === 'mp' && (facts.optedOut.get(d.openid) ?? []).includes(d.category)) {
    if (!(await settle('skipped', 'opted-out'))) return false;
    report.skipped += 1;
    return true;
  }

  // queued → inflight (the request may leave from here on); one-time credits in a transaction.
  const ref = ledgerDoc(d);
  const entry = ref ? facts.ledger.get(ref) : undefined;
  const inflight = { status: 'inflight', owner, leaseUntil: now + cfg.leaseMs, updatedAt: now, firstInflightAt: d.firstInflightAt ?? now, reserved: true };
  let gate: 'ok' | 'no-quota' | 'lost';
  if (!ref || d.reserved || entry?.kind === 'long') {
    if (ref && !d.reserved && !hasCredit(entry)) gate = (await settle('skipped', 'no-quota')) ? 'no-quota' : 'lost';
    else gate = (await coll.where(unchanged).update({ data: inflight })).stats.updated === 1 ? 'ok' : 'lost';
  } else {
    gate = await takeCredit(d, ref, unchanged.attempts, inflight, now);
  }
  if (gate === 'lost') return false; // another dispatcher has it
  if (gate === 'no-quota') {
    report.skipped += 1;
    log.add(d, 'skipped', undefined, 0, 'no-quota');
    return true;
  }

  const finish = async (status: DeliveryStatus, extra: Record<string, unknown>) => {
    const t = Date.now();
    return coll.where({ _id: d._id, owner }).update({ data: { status, owner: null, updatedAt: t, ...extra } });
  };

  await limiter.take();
  const started = Date.now();
  const r = await send({
    channel: d.channel, openid: d.openid, templateKey: d.templateKey, templateId: d.templateId, data: d.data, page: d.page,
    clientMsgId: d.clientMsgId, timeoutMs: Math.max(1000, Math.min(cfg.sendTimeoutMs, remainingMs() - 500)),
  }, cat);
  now = Date.now();
  const duration = now - started;
  const outcome = classify(r.errcode, r.transport);
  const attempts = (d.attempts ?? 0) + 1;

  switch (outcome.kind) {
    case 'sent':
      await finish('sent', { sentAt: new Date().toISOString(), attempts, errcode: 0, reason: null });
      report.sent += 1;
      log.add(d, 'sent', 0, duration);
      break;
    case 'noQuota':
      await finish('skipped', { reason: 'no-quota', errcode: r.errcode, attempts });
      if (ref) await db().collection(C.ledger).where({ _id: ref }).update({ data: { quota: 0, long: false, corrected43101At: new Date().toISOString() } });
      report.skipped += 1;
      log.add(d, 'skipped', r.errcode, duration, 'no-quota');
      break;
    case 'permanent':
    case 'token':
      await noteReason(d, outcome.reason);
      await finish('failed', { reason: outcome.reason, errcode: r.errcode, attempts });
      await refund(d);
      report.failed += 1;
      log.add(d, 'failed', r.errcode, duration, outcome.reason);
      break;
    case 'retry': {
      if (outcome.reason === 'timeout' && !(d.channel === 'oa' && cat.oa.mode === 'template')) {
        // The request left and no answer came: WeChat may have delivered it. Not repeated blindly
        // (a one-time credit may be used, the user may have it): unknown, shown to staff.
        await finish('unknown', { reason: 'timeout', attempts });
        report.unknown += 1;
        log.add(d, 'unknown', undefined, duration, 'timeout');
        break;
      }
      const at = nextRetryAt(Date.now(), attempts, d.deadline, { baseMs: cfg.backoffBaseMs, capMs: cfg.backoffCapMs }, outcome.minDelayMs);
      if (at === null) {
        await noteReason(d, outcome.reason);
        await finish('failed', { reason: outcome.reason, errcode: r.errcode, attempts, deadlinePassed: true });
        await refund(d);
        report.failed += 1;
        log.add(d, 'failed', r.errcode, duration, `${outcome.reason}; deadline`);
      } else {
        // Back to the queue with the credit still reserved (not taken twice).
        await finish('queued', { nextAt: at, attempts, errcode: r.errcode, lastReason: outcome.reason });
        report.retried += 1;
        log.add(d, 'retry', r.errcode, duration, outcome.reason);
      }
      break;
    }
  }
  return true;
}

function ledgerDoc(d: Delivery): string | null {
  return d.channel === 'mp' ? `${d.openid}:${d.templateId}` : null;
}

/**
 * queued → inflight for a mini-program one-time template: takes one ledger credit in the same
 * transaction, so a credit is used exactly when a delivery may leave.
 */
async function takeCredit(
  d: Delivery, ref: string, attempts: number, inflight: Record<string, unknown>, now: number,
): Promise<'ok' | 'no-quota' | 'lost'> {
  return db().runTransaction(async (t) => {
    const cur = (await t.collection<Delivery>(C.deliveries).doc(d._id).get()).data;
    if (!cur || cur.status !== 'queued' || (cur.attempts ?? 0) !== attempts) return 'lost' as const;
    let entry: Omit<LedgerEntry, '_id'> | null = null;
    try {
      entry = (await t.collection(C.ledger).doc(ref).get()).data as unknown as Omit<LedgerEntry, '_id'>;
    } catch {
      entry = null;
    }
    if (!hasCredit(entry)) {
      await t.collection(C.deliveries).doc(d._id).update({ data: { status: 'skipped', reason: 'no-quota', owner: null, updatedAt: now } });
      return 'no-quota' as const;
    }
    if (entry?.kind !== 'long') await t.collection(C.ledger).doc(ref).update({ data: { quota: _().inc(-1), used: _().inc(1), updatedAt: new Date(now).toISOString() } });
    await t.collection(C.deliveries).doc(d._id).update({ data: inflight });
    return 'ok' as const;
  });
}

/** WeChat did not deliver (permanent error): the one-time credit was not used. */
async function refund(d: Delivery): Promise<void> {
  const ref = ledgerDoc(d);
  if (!ref) return;
  await db().collection(C.ledger).where({ _id: ref, kind: 'once' }).update({ data: { quota: _().inc(1), used: _().inc(-1) } });
}

async function noteReason(d: Delivery, reason: string): Promise<void> {
  if (d.campaignId) await db().collection(C.campaigns).where({ _id: d.campaignId }).update({ data: { reasons: _().addToSet(reason) } });
}

async function finishCampaigns(): Promise<void> {
  const { data } = await db().collection(C.campaigns).where({ status: _().eq('sending'), expandedAll: true }).limit(10).get();
  for (const c of data) {
    const { total } = await db().collection(C.deliveries).where({ campaignId: _().eq(c._id), status: _().in(['queued', 'claimed', 'inflight']) }).count();
    if (total === 0) {
      await db().collection(C.campaigns).where({ _id: c._id, status: 'sending' }).update({ data: { status: 'done', finishedAt: new Date().toISOString() } });
    }
  }
}
