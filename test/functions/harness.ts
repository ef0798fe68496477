/**
 * Runs our cloud functions from source on the local cloud, as the mini-program would call them:
 * `call('matters', 'search', { q }, 'openid')` → the envelope the function returned.
 */
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, resetLocalCloud, type FunctionHandler, settleInvocations } from '../../local-cloud';
import { allCollectionDeclarations, readFunctionConfig, timeoutMsOf } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as matters } from '../../cloudfunctions/matters';
import { main as account } from '../../cloudfunctions/account';
import { main as booking } from '../../cloudfunctions/booking';
import { main as consult } from '../../cloudfunctions/consult';
import { main as push } from '../../cloudfunctions/push';
import { main as affairs } from '../../cloudfunctions/affairs';
import { main as evaluation } from '../../cloudfunctions/evaluation';
import { main as pay } from '../../cloudfunctions/pay';
import { main as metrics } from '../../cloudfunctions/metrics';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../core/api';
import type { Envelope } from '../../core/envelope';

// A post-commit push kick runs on after the call that committed; let the last one of a file
// finish (bounded) before jest tears the file's environment down.
afterAll(() => settleInvocations(10_000));

export const ADMIN = 'admin-openid';
export const POLICE_CLERK = 'staff-psb-openid';
export const CITIZEN = 'citizen-openid';

/** Registers a function from source with its config.json timeout (its collections are declared by startCloud). */
export function registerSource(name: string, main: FunctionHandler): void {
  registerFunction(name, main, { timeoutMs: timeoutMsOf(readFunctionConfig(path.join(FUNCTIONS_DIR, name))) });
}

/**
 * A fresh cloud (in memory, or on `dataDir` for crash tests that hand it to a child process) with
 * every function registered and exactly the collections that `cloudfunctions/<fn>/collections.json`
 * declare: any other collection answers -502005, as on WeChat.
 */
export function startCloud(dataDir = ':memory:') {
  resetLocalCloud();
  configureLocalCloud({ dataDir });
  // Whole declarations: their indexes become the local cloud's SQLite expression indexes.
  declareCollections(allCollectionDeclarations(FUNCTIONS_DIR));
  process.env.ADMIN_OPENIDS = ADMIN;
  registerSource('matters', matters);
  registerSource('account', account);
  registerSource('booking', booking);
  registerSource('consult', consult);
  registerSource('push', push);
  registerSource('affairs', affairs);
  registerSource('evaluation', evaluation);
  registerSource('pay', pay);
  registerSource('metrics', metrics);
}

/**
 * Calls an action as the contract (`core/api.ts`) defines it: params and result are the contract's
 * types, so a renamed param or result field fails the type check here, not only at run time.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F, action: A, params?: ParamsOf<F, A>, openid?: string,
): Promise<Envelope<ResultOf<F, A>>> {
  return (await invokeFunction(fn, params === undefined ? { action } : { action, params }, openid ? { OPENID: openid } : {})) as Envelope<ResultOf<F, A>>;
}

/**
 * Sends params the contract does not allow (bad-input tests): the reply is still typed as the
 * action's result, the params are not.
 */
export async function callBad<F extends FunctionName, A extends ActionName<F>>(
  fn: F, action: A, params: unknown, openid?: string,
): Promise<Envelope<ResultOf<F, A>>> {
  return (await invokeFunction(fn, { action, params }, openid ? { OPENID: openid } : {})) as Envelope<ResultOf<F, A>>;
}

/** Raw event, for malformed-call tests. */
export async function callRaw(fn: string, event: unknown, openid?: string): Promise<Envelope<unknown>> {
  return (await invokeFunction(fn, event, openid ? { OPENID: openid } : {})) as Envelope<unknown>;
}

/** The value a lookup in a test must find (a typed non-null, failing loudly when absent). */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}

export function expectOk<T>(env: Envelope<T>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.code}: ${env.message}`);
  return env.data;
}

/** Fires a timer trigger the way WeChat's trigger service does (SOURCE wx_trigger, no OPENID). */
export async function fireTimer(fn: string, trigger: string): Promise<Envelope<unknown>> {
  return (await invokeFunction(fn, { Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' })) as Envelope<unknown>;
}
