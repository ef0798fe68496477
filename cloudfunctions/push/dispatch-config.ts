/** The dispatcher's knobs, from the function's environment variables (defaults for WeChat). */
import { envNumber } from './repo';

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
