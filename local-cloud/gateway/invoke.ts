/**
 * Runs one invocation the way the cloud bounds it: a deadline (config.json `timeout`, default
 * 3 s) and any throw turned into the envelope's INTERNAL failure. In-process we cannot kill a
 * function that overruns; its late result is dropped, as the cloud drops it.
 */
import { fail, type FailResult } from './http-util';

export type InvokeOutcome =
  | { kind: 'ok'; result: unknown }
  | { kind: 'timeout'; result: FailResult }
  | { kind: 'error'; result: FailResult; error: unknown };

export const TIMEOUT_MESSAGE = '云函数执行超时';
export const ERROR_MESSAGE = '云函数执行出错，请稍后再试';

export async function invokeWithDeadline(run: () => Promise<unknown>, timeoutMs: number): Promise<InvokeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<InvokeOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', result: fail('INTERNAL', TIMEOUT_MESSAGE) }), timeoutMs);
  });
  const work = (async (): Promise<InvokeOutcome> => {
    try {
      return { kind: 'ok', result: await run() };
    } catch (error) {
      return { kind: 'error', result: fail('INTERNAL', ERROR_MESSAGE), error };
    }
  })();
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
