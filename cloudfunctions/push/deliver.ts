/**
 * Sending one delivery, and what a batch needs to know to decide (read once per batch). The
 * decisions are pure (core/push/delivery.ts); this applies them with conditional writes:
 *   - queued → inflight: a compare-and-set on (status queued, attempts as picked), so only one
 *     dispatcher wins; for a one-time template it is a transaction that also takes the ledger
 *     credit. Only after it commits does the request leave;
 *   - inflight → outcome: conditional on the owner.
 */
import { classify } from '../../core/push/errors';
import {
  afterExpiredLease, hasCredit, ledgerDocId, settle, usesOaToken, type Delivery, type DeliveryStatus, type LedgerCredit,
} from '../../core/push/delivery';
import { PRIORITY } from '../../core/push/delivery';
import type { Catalogue } from '../../core/push/templates';
import type { DispatchReport } from '../../core/push/api-types';
import { oaConfigured, oaToken } from '../shared/oa-api';
import { transact, txGet } from '../shared/transaction';
import type { AttemptLog } from './attempt-log';
import { noteReason } from './campaign-run';
import { send, sendCustomerService, type SendResult } from './channels';
import type { DispatchConfig } from './dispatch-config';
import type { RateLimiter } from './rate';
import { C, _, createIfAbsent, db, getById } from './repo';

export async function pickBatch(cfg: DispatchConfig, mode: 'all' | 'events'): Promise<Delivery[]> {
  const now = Date.now();
  const where: Record<string, unknown> = { status: _().eq('queued'), nextAt: _().lte(now) };
  if (mode === 'events') where.priority = _().gte(PRIORITY.event);
  const { data } = await db().collection(C.deliveries).where(where).orderBy('priority', 'desc').orderBy('nextAt', 'asc').limit(cfg.batch).get();
  return data as Delivery[];
}

/** What one batch reads once instead of per message (each is a single `_id in [...]` query). */
export interface BatchFacts {
  campaignStatus: Map<string, string>;
  /** openid → categories the citizen turned off. */
  optedOut: Map<string, string[]>;
  /** ledger `_id` → entry, for the batch's mini-program deliveries. */
  ledger: Map<string, LedgerEntry>;
}

type LedgerEntry = LedgerCredit & { _id: string };

async function byIds<T extends { _id: string }>(coll: string, ids: string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    const { data } = await db().collection(coll).where({ _id: _().in(part) }).limit(100).get();
    for (const doc of data as T[]) out.set(doc._id, doc);
  }
  return out;
}

export async function batchFacts(batch: Delivery[]): Promise<BatchFacts> {
  const campaignStatus = new Map<string, string>();
  for (const id of new Set(batch.map((d) => d.campaignId).filter(Boolean) as string[])) {
    const c = await getById<{ status: string }>(C.campaigns, id);
    campaignStatus.set(id, c?.status ?? 'cancelled');
  }
  const mp = batch.filter((d) => d.channel === 'mp');
  const settings = await byIds<{ _id: string; off?: string[] }>(C.settings, [...new Set(mp.map((d) => d.openid))]);
  const ledger = await byIds<LedgerEntry>(C.ledger, [...new Set(mp.map((d) => ledgerDocId(d) as string))]);
  const optedOut = new Map<string, string[]>();
  for (const [openid, s] of settings) optedOut.set(openid, s.off ?? []);
  return { campaignStatus, optedOut, ledger };
}

/** Leases left by a dispatcher that died or ran out of time. */
export async function recoverExpired(cat: Catalogue, log: AttemptLog): Promise<number> {
  const now = Date.now();
  let n = 0;
  // Events claimed by a dead dispatcher: their deliveries are idempotent, so simply re-run.
  await db().collection(C.outbox).where({ status: _().eq('claimed'), leaseUntil: _().lt(now) })
    .update({ data: { status: 'pending', owner: null } });
  const { data } = await db().collection(C.deliveries)
    .where({ status: _().in(['claimed', 'inflight']), leaseUntil: _().lt(now) }).limit(100).get();
  for (const d of data as Delivery[]) {
    const next = afterExpiredLease(d, cat.oa.mode === 'template', now);
    const r = await db().collection(C.deliveries).where({ _id: d._id, status: d.status, owner: d.owner ?? null })
      .update({ data: next.status === 'queued'
        ? { status: 'queued', owner: null, nextAt: now, updatedAt: now }
        : { status: 'unknown', owner: null, reason: 'unknown', updatedAt: now } });
    n += r.stats.updated;
    if (r.stats.updated && next.logged) log.add(d, 'unknown', undefined, 0, 'unknown');
  }
  return n;
}

export interface SendContext {
  owner: string;
  cat: Catalogue;
  cfg: DispatchConfig;
  limiter: RateLimiter;
  report: DispatchReport;
  log: AttemptLog;
  remainingMs: () => number;
}

export async function processOne(d: Delivery, facts: BatchFacts, ctx: SendContext): Promise<boolean> {
  const { owner, cat, cfg, limiter, report, log, remainingMs } = ctx;
  const coll = db().collection(C.deliveries);
  let now = Date.now();
  // Compare-and-set on the picked snapshot: `attempts` grows with every outcome, so a delivery
  // that another dispatcher touched since pickBatch() is not ours, and the snapshot's
  // `reserved` / `firstInflightAt` are current when the condition holds.
  const unchanged = { _id: d._id, status: 'queued', attempts: d.attempts ?? 0 };
  const endUnsent = async (status: DeliveryStatus, reason: string) => {
    const r = await coll.where(unchanged).update({ data: { status, reason, owner: null, updatedAt: now } });
    return r.stats.updated === 1;
  };

  if (d.campaignId && facts.campaignStatus.get(d.campaignId) === 'cancelled') {
    if (!(await endUnsent('skipped', 'cancelled'))) return false;
    report.skipped += 1;
    return true;
  }
  if (d.channel === 'mp' && (facts.optedOut.get(d.openid) ?? []).includes(d.category)) {
    if (!(await endUnsent('skipped', 'opted-out'))) return false;
    report.skipped += 1;
    return true;
  }
  if (d.channel === 'cs-oa' && !oaConfigured()) {
    if (!(await endUnsent('failed', 'oa-not-configured'))) return false;
    report.failed += 1;
    log.add(d, 'failed', undefined, 0, 'oa-not-configured');
    return true;
  }
  // The 服务号's token is fetched before the gate: a dispatcher that dies while waiting for it
  // leaves the message queued (sent later, once), not inflight (which would become unknown).
  if (usesOaToken(d.channel)) await oaToken().catch(() => undefined);

  // queued → inflight (the request may leave from here on); one-time credits in a transaction.
  const ref = ledgerDocId(d);
  const entry = ref ? facts.ledger.get(ref) : undefined;
  const inflight = { status: 'inflight', owner, leaseUntil: now + cfg.leaseMs, updatedAt: now, firstInflightAt: d.firstInflightAt ?? now, reserved: true };
  let gate: 'ok' | 'no-quota' | 'lost';
  if (!ref || d.reserved || entry?.kind === 'long') {
    if (ref && !d.reserved && !hasCredit(entry)) gate = (await endUnsent('skipped', 'no-quota')) ? 'no-quota' : 'lost';
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

  const finish = async (status: DeliveryStatus, extra: Record<string, unknown>) =>
    coll.where({ _id: d._id, owner }).update({ data: { status, owner: null, updatedAt: Date.now(), ...extra } });

  await limiter.take();
  const started = Date.now();
  const timeoutMs = Math.max(1000, Math.min(cfg.sendTimeoutMs, remainingMs() - 500));
  const r = d.channel === 'cs-mp' || d.channel === 'cs-oa'
    ? await sendInOrder(d, d.channel, owner, timeoutMs)
    : await send({
      channel: d.channel, openid: d.openid, templateKey: d.templateKey, templateId: d.templateId, data: d.data, page: d.page, clientMsgId: d.clientMsgId, timeoutMs,
    }, cat);
  now = Date.now();
  const duration = now - started;
  const attempts = (d.attempts ?? 0) + 1;
  const s = settle(d, classify(r.errcode, r.transport), r.errcode, cat.oa.mode === 'template', { now, baseMs: cfg.backoffBaseMs, capMs: cfg.backoffCapMs });

  switch (s.status) {
    case 'sent':
      await finish('sent', { sentAt: new Date().toISOString(), attempts, errcode: 0, reason: null });
      report.sent += 1;
      log.add(d, 'sent', 0, duration);
      break;
    case 'skipped':
      await finish('skipped', { reason: s.reason, errcode: r.errcode, attempts });
      if (s.clearLedger && ref) await db().collection(C.ledger).where({ _id: ref }).update({ data: { quota: 0, long: false, corrected43101At: new Date().toISOString() } });
      report.skipped += 1;
      log.add(d, 'skipped', r.errcode, duration, s.reason);
      break;
    case 'failed':
      await noteReason(d.campaignId, s.reason);
      await finish('failed', { reason: s.reason, errcode: r.errcode, attempts, ...(s.deadlinePassed ? { deadlinePassed: true } : {}) });
      if (s.refund) await refund(d);
      // WeChat closed the customer-service window: the subscription message tells the citizen instead.
      if (s.fallback) await createIfAbsent(C.outbox, { ...s.fallback });
      report.failed += 1;
      log.add(d, 'failed', r.errcode, duration, s.deadlinePassed ? `${s.reason}; deadline` : s.reason);
      break;
    case 'unknown':
      // The request left and no answer came: WeChat may have delivered it. Not repeated blindly
      // (a one-time credit may be used, the user may have it): unknown, shown to staff.
      await finish('unknown', { reason: s.reason, attempts });
      report.unknown += 1;
      log.add(d, 'unknown', undefined, duration, s.reason);
      break;
    case 'queued':
      // Back to the queue with the credit still reserved (not taken twice).
      await finish('queued', { nextAt: s.nextAt, attempts, errcode: r.errcode, lastReason: s.reason });
      report.retried += 1;
      log.add(d, 'retry', r.errcode, duration, s.reason);
      break;
  }
  return true;
}

/**
 * A customer-service delivery's messages, in order, from the first that has not left. Each one
 * that left is recorded before the next goes, so a retry never repeats it.
 */
async function sendInOrder(d: Delivery, channel: 'cs-mp' | 'cs-oa', owner: string, timeoutMs: number): Promise<SendResult> {
  const parts = d.messages ?? [];
  for (let i = d.sentParts ?? 0; i < parts.length; i += 1) {
    const r = await sendCustomerService(channel, d.openid, parts[i], timeoutMs);
    if (r.errcode !== 0 || r.transport) return r;
    if (i + 1 < parts.length) await db().collection(C.deliveries).where({ _id: d._id, owner }).update({ data: { sentParts: i + 1 } });
  }
  return { errcode: 0 };
}

/**
 * queued → inflight for a mini-program one-time template: takes one ledger credit in the same
 * transaction, so a credit is used exactly when a delivery may leave.
 */
async function takeCredit(
  d: Delivery, ref: string, attempts: number, inflight: Record<string, unknown>, now: number,
): Promise<'ok' | 'no-quota' | 'lost'> {
  return transact(async (t) => {
    const cur = await txGet<Delivery>(t, C.deliveries, d._id);
    if (!cur || cur.status !== 'queued' || (cur.attempts ?? 0) !== attempts) return 'lost' as const;
    const entry = await txGet<LedgerCredit>(t, C.ledger, ref);
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
  const ref = ledgerDocId(d);
  if (!ref) return;
  await db().collection(C.ledger).where({ _id: ref, kind: 'once' }).update({ data: { quota: _().inc(1), used: _().inc(-1) } });
}
