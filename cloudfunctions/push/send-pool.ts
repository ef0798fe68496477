/**
 * A fixed number of send workers over a queue the dispatcher refills while they run. There is
 * no batch barrier: with one, every batch ends waiting for its slowest send and the next starts
 * all workers in lockstep, so their bookkeeping queues behind one another on the one CPU while
 * the network sits idle. Here a worker takes the next item as soon as it is free, and the
 * dispatcher picks more when fewer than `size` items wait.
 */
export class SendPool<T extends { _id: string }> {
  private readonly queue: T[] = [];
  /** Ids waiting or in flight here: a new pick must skip them. */
  private readonly held = new Set<string>();
  private sleepers: (() => void)[] = [];
  private lowWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private exited = 0;
  private error: unknown = undefined;
  private readonly workers: Promise<void>[];
  /** Items whose run() reported work done. */
  done = 0;

  constructor(
    private readonly size: number,
    private readonly run: (item: T) => Promise<boolean>,
    /** False once the time budget is spent: workers finish their item and stop taking more. */
    private readonly mayTake: () => boolean,
  ) {
    this.workers = Array.from({ length: size }, () => this.worker());
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  /** Nothing waiting and nothing in flight. */
  get idle(): boolean {
    return this.held.size === 0;
  }

  push(items: T[]): number {
    let n = 0;
    for (const it of items) {
      if (this.held.has(it._id) || this.closed) continue;
      this.held.add(it._id);
      this.queue.push(it);
      n += 1;
    }
    this.wake(this.sleepers);
    return n;
  }

  /** Resolves when fewer than `size` items wait (time to pick more), or the workers are gone. */
  low(): Promise<void> {
    if (this.queue.length < this.size || this.exited === this.size) return Promise.resolve();
    return new Promise((r) => this.lowWaiters.push(r));
  }

  /** Resolves when nothing waits or is in flight. */
  whenIdle(): Promise<void> {
    if (this.idle || this.exited === this.size) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Lets the workers finish what was pushed (while time allows), then rethrows a worker's error. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake(this.sleepers);
    await Promise.all(this.workers);
    if (this.error !== undefined) throw this.error;
  }

  private wake(list: (() => void)[]): void {
    const l = list.splice(0, list.length);
    for (const r of l) r();
  }

  private async worker(): Promise<void> {
    try {
      for (;;) {
        if (this.error !== undefined || !this.mayTake()) return;
        const it = this.queue.shift();
        if (!it) {
          if (this.closed) return;
          await new Promise<void>((r) => this.sleepers.push(r));
          continue;
        }
        if (this.queue.length < this.size) this.wake(this.lowWaiters);
        try {
          if (await this.run(it)) this.done += 1;
        } catch (e) {
          if (this.error === undefined) this.error = e;
          this.queue.length = 0;
        } finally {
          this.held.delete(it._id);
          if (this.held.size === 0) this.wake(this.idleWaiters);
        }
      }
    } finally {
      this.exited += 1;
      // A dispatcher waiting for room or quiet must not wait for workers that are gone.
      this.wake(this.lowWaiters);
      if (this.exited === this.size) this.wake(this.idleWaiters);
    }
  }
}
