/**
 * Replay protection for the 服务号 entry. A request's `(signature, timestamp, nonce)` proves only
 * that WeChat once signed that timestamp and nonce; the body is not covered (明文模式). So a
 * signature counts once, and only near its timestamp:
 *   - a timestamp more than 5 minutes from now is refused;
 *   - each `(timestamp, nonce)` is claimed in `oa_nonces` (a unique `_id`, so every function
 *     instance sees it) and a second use is refused.
 * A claim is kept until its timestamp leaves the window; older ones are pruned on later requests.
 */
import { createHash } from 'node:crypto';
import { getDb } from '../../shared/cloud';

export const REPLAY_WINDOW_MS = 5 * 60_000;
const NONCES = 'oa_nonces';

/** The timestamp (seconds) as WeChat sends it, within the window of `now`; otherwise null. */
export function freshTimestampMs(timestamp: string, now = Date.now()): number | null {
  if (!/^\d{1,12}$/.test(timestamp)) return null;
  const ms = Number(timestamp) * 1000;
  return Math.abs(now - ms) > REPLAY_WINDOW_MS ? null : ms;
}

/** True for the first use of this timestamp and nonce; false when it was seen before. */
export async function claimNonce(timestamp: string, nonce: string, timestampMs: number): Promise<boolean> {
  const db = getDb();
  const now = Date.now();
  const _id = createHash('sha256').update(`${timestamp}\n${nonce}`).digest('hex');
  try {
    await db.collection(NONCES).add({ data: { _id, expiresAt: timestampMs + REPLAY_WINDOW_MS, at: new Date(now).toISOString() } });
  } catch (e) {
    const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? e);
    // A duplicate _id is the replay. Anything else (e.g. the collection was never created) still
    // refuses — closed, not open — but says why in the function log.
    if (!/duplicate/i.test(msg)) console.error(`[consult] 服务号防重放记录写入失败（请确认已创建集合 ${NONCES}）：${msg}`);
    return false;
  }
  // Past its expiry a claim can no longer matter: that timestamp is refused before the lookup.
  await db.collection(NONCES).where({ expiresAt: db.command.lt(now) }).remove().catch(() => undefined);
  return true;
}
