import { createScheduler, timerEvent, type TimerEvent } from '../../local-cloud/timers';

/** China wall-clock time → epoch ms. */
const cst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('timer scheduler', () => {
  it('builds the WeChat timer event', () => {
    expect(timerEvent('dispatch', new Date('2024-05-01T01:02:03.456Z'))).toEqual({
      Type: 'Timer',
      TriggerName: 'dispatch',
      Time: '2024-05-01T01:02:03Z',
    });
  });

  it('fires once per matching second, in UTC+8, with no caller', async () => {
    let now = cst(2024, 5, 1, 8, 59, 58);
    const calls: { fn: string; event: TimerEvent }[] = [];
    const s = createScheduler({
      triggers: [{ functionName: 'notify', triggerName: 'dispatch', config: '0 0 9 * * * *' }],
      invoke: async (fn, event) => void calls.push({ fn, event }),
      now: () => now,
      log: () => undefined,
    });
    for (let i = 0; i < 5; i++) {
      now += 1000;
      await s.tick();
      await s.tick(); // a second tick within the same second must not fire again
    }
    expect(calls).toEqual([{ fn: 'notify', event: { Type: 'Timer', TriggerName: 'dispatch', Time: '2024-05-01T01:00:00Z' } }]);
  });

  it('overlapping firings run concurrently, as on WeChat: a new firing does not wait for the previous one', async () => {
    let now = cst(2024, 5, 1, 12);
    const releases: (() => void)[] = [];
    const times: string[] = [];
    const s = createScheduler({
      triggers: [{ functionName: 'slow', triggerName: 'every', config: '* * * * * * *' }],
      invoke: (_fn, event) => {
        times.push(event.Time);
        return new Promise<void>((r) => releases.push(r));
      },
      now: () => now,
      log: () => undefined,
    });
    const ticks: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      now += 1000;
      ticks.push(s.tick());
    }
    // Three runs in flight at once, none finished.
    expect(times).toEqual(['2024-05-01T04:00:01Z', '2024-05-01T04:00:02Z', '2024-05-01T04:00:03Z']);
    const manual = s.fire('slow', 'every');
    expect(times).toHaveLength(4);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false); // stop() waits for every in-flight run
    for (const r of releases) r();
    await Promise.all([...ticks, manual, stopping]);
    expect(stopped).toBe(true);
  });
  it('catches up a few missed seconds after a stall, not an hour of them', async () => {
    let now = cst(2024, 5, 1, 12, 59, 58);
    const fired: string[] = [];
    const s = createScheduler({
      triggers: [{ functionName: 'f', triggerName: 'one-pm', config: '0 0 13 * * * *' }],
      invoke: async (_fn, event) => void fired.push(event.Time),
      now: () => now,
      log: () => undefined,
    });
    now = cst(2024, 5, 1, 13, 0, 2); // a 4 s stall over 13:00:00 still fires it, for 13:00:00
    await s.tick();
    expect(fired).toEqual(['2024-05-01T05:00:00Z']);
    now = cst(2024, 5, 2, 14); // a stall of a day over the next 13:00 does not
    await s.tick();
    expect(fired).toHaveLength(1);
  });

  it('fires a trigger by hand and rejects unknown ones', async () => {
    const s = createScheduler({
      triggers: [{ functionName: 'f', triggerName: 't', config: '0 0 0 1 1 * *' }],
      invoke: async (_fn, event) => event.TriggerName,
      log: () => undefined,
    });
    await expect(s.fire('f', 't')).resolves.toEqual({ status: 'ran', result: 't' });
    await expect(s.fire('f', 'x')).rejects.toThrow(/不存在/);
  });

  it('refuses an invalid expression at creation', () => {
    expect(() =>
      createScheduler({ triggers: [{ functionName: 'f', triggerName: 't', config: '0 0 * * *' }], invoke: async () => undefined }),
    ).toThrow(/7 个/);
  });

  it('runs on real time once started and stops cleanly', async () => {
    let count = 0;
    const s = createScheduler({
      triggers: [{ functionName: 'f', triggerName: 't', config: '* * * * * * *' }],
      invoke: async () => void count++,
      log: () => undefined,
    });
    s.start();
    await new Promise((r) => setTimeout(r, 2300));
    await s.stop();
    const seen = count;
    expect(seen).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 1200));
    expect(count).toBe(seen);
  });
});
