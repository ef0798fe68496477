/**
 * What WeChat itself knows about subscriptions, emulated for the sink: per (user, template) the
 * one-time credits the user granted in the client dialog and the long-term flag. WeChat learns
 * these from the dialog, never from our server; locally the H5 imitation dialog reports them
 * through the gateway (`POST /api/local/subscribe-dialog`), tests through `grantSubscription`.
 * Also: configurable faults (-1 system busy) and latency, so retries are testable offline.
 */
import type { Store } from '../store/store';
import { getStore } from '../context';

const ready = new WeakSet<Store>();

function db() {
  const store = getStore();
  if (!ready.has(store)) {
    store.db.exec(`CREATE TABLE IF NOT EXISTS _openapi_quota (
      touser TEXT NOT NULL, template_id TEXT NOT NULL, once INTEGER NOT NULL DEFAULT 0, long INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (touser, template_id))`);
    ready.add(store);
  }
  return store;
}

export type DialogResult = 'accept' | 'reject' | 'ban' | 'filter';

/** A user's answer in the subscription dialog, as WeChat records it. */
export function grantSubscription(touser: string, templateId: string, result: DialogResult, kind: 'once' | 'long' = 'once'): void {
  const s = db();
  s.tx(() => {
    s.db.prepare('INSERT OR IGNORE INTO _openapi_quota (touser, template_id) VALUES (?, ?)').run(touser, templateId);
    if (result === 'accept') {
      if (kind === 'long') s.db.prepare('UPDATE _openapi_quota SET long = 1 WHERE touser = ? AND template_id = ?').run(touser, templateId);
      else s.db.prepare('UPDATE _openapi_quota SET once = once + 1 WHERE touser = ? AND template_id = ?').run(touser, templateId);
    } else if (result === 'ban') {
      s.db.prepare('UPDATE _openapi_quota SET once = 0, long = 0 WHERE touser = ? AND template_id = ?').run(touser, templateId);
    } else if (result === 'reject' && kind === 'long') {
      s.db.prepare('UPDATE _openapi_quota SET long = 0 WHERE touser = ? AND template_id = ?').run(touser, templateId);
    }
  });
}

export function subscriptionOf(touser: string, templateId: string): { once: number; long: boolean } {
  const row = db().db.prepare('SELECT once, long FROM _openapi_quota WHERE touser = ? AND template_id = ?').get(touser, templateId) as { once: number; long: number } | undefined;
  return { once: row?.once ?? 0, long: !!row?.long };
}

/** Uses one credit atomically; false → WeChat answers 43101. Long-term subscriptions never run out. */
export function consumeSubscription(touser: string, templateId: string): boolean {
  const s = db();
  return s.tx(() => {
    const cur = subscriptionOf(touser, templateId);
    if (cur.long) return true;
    if (cur.once <= 0) return false;
    s.db.prepare('UPDATE _openapi_quota SET once = once - 1 WHERE touser = ? AND template_id = ?').run(touser, templateId);
    return true;
  });
}

export function clearSubscriptions(): void {
  db().db.exec('DELETE FROM _openapi_quota');
}

export interface SinkFaults {
  /** Probability (0–1) that a send answers -1 system busy. */
  busyRate?: number;
  /** The next N sends answer this errcode (then normal again). */
  failNext?: { errcode: number; count: number };
  /** Added latency per call, ms. */
  latencyMs?: number;
  /** Set false to stop enforcing quotas (default: enforced, like WeChat). */
  enforceQuota?: boolean;
}

let faults: SinkFaults = {};

export function setSinkFaults(f: SinkFaults): void {
  faults = { ...f, failNext: f.failNext ? { ...f.failNext } : undefined };
}

export function sinkFaults(): SinkFaults {
  const envRate = Number(process.env.LOCAL_OPENAPI_BUSY_RATE ?? 0);
  const envLatency = Number(process.env.LOCAL_OPENAPI_LATENCY_MS ?? 0);
  return { busyRate: faults.busyRate ?? (envRate || 0), latencyMs: faults.latencyMs ?? (envLatency || 0), failNext: faults.failNext, enforceQuota: faults.enforceQuota ?? true };
}

/** Returns an injected errcode for this call, or 0. */
export function injectedFault(): number {
  const f = sinkFaults();
  if (faults.failNext && faults.failNext.count > 0) {
    faults.failNext.count -= 1;
    return faults.failNext.errcode;
  }
  if (f.busyRate && Math.random() < f.busyRate) return -1;
  return 0;
}
