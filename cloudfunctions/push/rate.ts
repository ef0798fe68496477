/**
 * Send rate: a token bucket per invocation, and the share of the configured total each timer
 * dispatcher takes when several run at once.
 */
import { C, _, db } from './repo';

/**
 * Token bucket shared by one invocation's workers. The bucket holds at most 50 ms of tokens: a
 * full second's worth would allow a burst of twice the rate within one second after a pause,
 * which is what WeChat's frequency limit (45011) counts.
 */
export class RateLimiter {
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

/** Announces this dispatcher; answers how many timer dispatchers are alive (this one included). */
export async function heartbeat(owner: string): Promise<number> {
  const now = Date.now();
  await db().collection(C.state).doc(`dispatcher:${owner}`).set({ data: { kind: 'dispatcher', until: now + HEARTBEAT_MS } });
  const { total } = await db().collection(C.state).where({ kind: 'dispatcher', until: _().gt(now) }).count();
  return Math.max(1, total);
}

export async function signOff(owner: string): Promise<void> {
  await db().collection(C.state).doc(`dispatcher:${owner}`).remove().catch(() => undefined);
}
