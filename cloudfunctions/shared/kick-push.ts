/**
 * After a writer commits an `outbox` event it asks the push function to deliver it now
 * (`push.kick`), without waiting: the state change already happened, and if the kick is lost
 * the push function's one-minute timer sweep delivers the event anyway.
 */
import { getCloud } from './cloud';

export function kickPush(): void {
  if (process.env.PUSH_KICK === 'off') return;
  try {
    const cloud = getCloud() as unknown as { callFunction?: (p: { name: string; data: unknown }) => Promise<unknown> };
    void cloud.callFunction?.({ name: 'push', data: { action: 'kick', params: {} } })?.catch(() => undefined);
  } catch {
    /* no push function deployed: the timer sweep covers it */
  }
}
