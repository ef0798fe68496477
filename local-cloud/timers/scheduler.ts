/**
 * Fires timer triggers the way the cloud does: once per matching second, UTC+8, no caller
 * identity, result discarded. Firings overlap as on WeChat: a run still going when the next
 * firing comes does not delay or suppress it — the cloud simply starts another instance, so a
 * job must tolerate running concurrently with itself (claim work atomically, be idempotent).
 */
import { matches, parseCron, type CronSchedule } from './cron';

export interface TimerTrigger {
  functionName: string;
  triggerName: string;
  config: string;
}

/** What WeChat passes a timer-triggered function (SCF timer event; `Type` is 'Timer' on WeChat). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** Scheduled fire time, ISO-8601 UTC without milliseconds, e.g. 2024-05-01T01:00:00Z. */
  Time: string;
}

export type TimerInvoke = (functionName: string, event: TimerEvent) => Promise<unknown>;

export interface SchedulerOptions {
  triggers: TimerTrigger[];
  invoke: TimerInvoke;
  now?: () => number;
  log?: (line: string) => void;
}

export interface FireOutcome {
  status: 'ran';
  result?: unknown;
}

export interface TimerScheduler {
  /** Check every second since the last tick up to now (bounded catch-up); fire matches. */
  tick(): Promise<void>;
  /** Fire one trigger now, regardless of its schedule (manual "test run"). */
  fire(functionName: string, triggerName: string, at?: Date): Promise<FireOutcome>;
  find(functionName: string, triggerName: string): TimerTrigger | undefined;
  start(): void;
  stop(): Promise<void>;
}

/** After a stall (laptop sleep, debugger), fire at most this many missed seconds, not hours of them. */
const MAX_CATCH_UP_SECONDS = 5;

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
}

export function createScheduler(options: SchedulerOptions): TimerScheduler {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  // Parse up front so a bad expression fails at start, not silently at the first tick.
  const compiled: { trigger: TimerTrigger; schedule: CronSchedule }[] = options.triggers.map((trigger) => ({
    trigger,
    schedule: parseCron(trigger.config),
  }));
  /** In-flight runs (several per trigger when firings overlap), awaited by stop(). */
  const running = new Set<Promise<unknown>>();
  let lastSecond = Math.floor(now() / 1000);
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  const keyOf = (t: TimerTrigger): string => `${t.functionName}/${t.triggerName}`;

  async function run(trigger: TimerTrigger, at: Date): Promise<FireOutcome> {
    const p = options.invoke(trigger.functionName, timerEvent(trigger.triggerName, at));
    running.add(p);
    try {
      return { status: 'ran', result: await p };
    } finally {
      running.delete(p);
    }
  }

  async function tick(): Promise<void> {
    const current = Math.floor(now() / 1000);
    const from = Math.max(lastSecond + 1, current - MAX_CATCH_UP_SECONDS + 1);
    lastSecond = Math.max(lastSecond, current);
    const fired: Promise<unknown>[] = [];
    for (let sec = from; sec <= current; sec++) {
      const at = new Date(sec * 1000);
      for (const { trigger, schedule } of compiled) {
        if (!matches(schedule, at)) continue;
        // A scheduled run's failure is the function's business; log it and keep ticking.
        fired.push(
          run(trigger, at).catch((err: unknown) => {
            log(`[定时触发器] ${keyOf(trigger)} 执行失败：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
          }),
        );
      }
    }
    await Promise.all(fired);
  }

  function schedule(): void {
    if (stopped) return;
    // Wake just after the next second boundary so each second is seen once.
    const delay = 1000 - (now() % 1000) + 5;
    timer = setTimeout(() => {
      void tick();
      schedule();
    }, delay);
    timer.unref?.();
  }

  return {
    tick,
    find: (functionName, triggerName) =>
      options.triggers.find((t) => t.functionName === functionName && t.triggerName === triggerName),
    fire(functionName, triggerName, at = new Date(now())) {
      const trigger = options.triggers.find((t) => t.functionName === functionName && t.triggerName === triggerName);
      if (!trigger) return Promise.reject(new Error(`定时触发器 ${functionName}/${triggerName} 不存在`));
      return run(trigger, at);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      lastSecond = Math.floor(now() / 1000);
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // Let in-flight runs settle so a closing gateway doesn't cut a write in half.
      await Promise.allSettled([...running]);
    },
  };
}
