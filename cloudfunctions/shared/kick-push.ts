/**
 * After a writer commits an `outbox` event it asks the push function to deliver it now
 * (`push.kick`; called by the shared transaction runner, transaction.ts). Callers need not wait:
 * the state change already happened, and if the kick is lost the push function's one-minute
 * timer sweep delivers the event anyway. The promise settles (never rejects) when the kick ran.
 */
import { getCloud } from './cloud';

export function kickPush(): Promise<void> {
  if (process.env.PUSH_KICK === 'off') return Promise.resolve();
  try {
    const cloud = getCloud() as unknown as { callFunction?: (p: { name: string; data: unknown }) => Promise<unknown> };
    return Promise.resolve(cloud.callFunction?.({ name: 'push', data: { action: 'kick', params: {} } })).then(() => undefined, () => undefined);
  } catch {
    /* no push function deployed: the timer sweep covers it */
    return Promise.resolve();
  }
}
