/**
 * Runs our cloud functions from source on the local cloud, as the mini-program would call them:
 * `call('matters', 'search', { q }, 'openid')` → the envelope the function returned.
 */
import * as path from 'node:path';
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, resetLocalCloud, type FunctionHandler } from '../../local-cloud';
import { allCollectionDeclarations, readFunctionConfig, timeoutMsOf } from '../../local-cloud/runtime/function-config';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { main as matters } from '../../cloudfunctions/matters';
import { main as account } from '../../cloudfunctions/account';
import { main as booking } from '../../cloudfunctions/booking';
import { main as consult } from '../../cloudfunctions/consult';
import { main as push } from '../../cloudfunctions/push';
import { main as affairs } from '../../cloudfunctions/affairs';
import { main as evaluation } from '../../cloudfunctions/evaluation';
import type { Envelope } from '../../core/envelope';

export const ADMIN = 'admin-openid';
export const POLICE_CLERK = 'staff-psb-openid';
export const CITIZEN = 'citizen-openid';

/** Registers a function from source with its config.json timeout (its collections are declared by startCloud). */
export function registerSource(name: string, main: FunctionHandler): void {
  registerFunction(name, main, { timeoutMs: timeoutMsOf(readFunctionConfig(path.join(FUNCTIONS_DIR, name))) });
}

/**
 * A fresh in-memory cloud with every function registered and exactly the collections that
 * `cloudfunctions/<fn>/collections.json` declare: any other collection answers -502005, as on WeChat.
 */
export function startCloud() {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
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
}

export async function call<T = any>(fn: string, action: string, params?: unknown, openid?: string): Promise<Envelope<T>> {
  return (await invokeFunction(fn, params === undefined ? { action } : { action, params }, openid ? { OPENID: openid } : {})) as Envelope<T>;
}

/** Raw event, for malformed-call tests. */
export async function callRaw(fn: string, event: unknown, openid?: string): Promise<Envelope<any>> {
  return (await invokeFunction(fn, event, openid ? { OPENID: openid } : {})) as Envelope<any>;
}

export function expectOk<T>(env: Envelope<T>): T {
  if (!env.ok) throw new Error(`expected ok, got ${env.code}: ${env.message}`);
  return env.data;
}

/** Fires a timer trigger the way WeChat's trigger service does (SOURCE wx_trigger, no OPENID). */
export async function fireTimer(fn: string, trigger: string): Promise<Envelope<any>> {
  return (await invokeFunction(fn, { Type: 'Timer', TriggerName: trigger, Time: new Date().toISOString() }, { SOURCE: 'wx_trigger' })) as Envelope<any>;
}
