/**
 * Runs our cloud functions from source on the local cloud, as the mini-program would call them:
 * `call('matters', 'search', { q }, 'openid')` → the envelope the function returned.
 */
import { configureLocalCloud, invokeFunction, registerFunction, resetLocalCloud } from '../../local-cloud';
import { main as matters } from '../../cloudfunctions/matters';
import { main as account } from '../../cloudfunctions/account';
import { main as affairs } from '../../cloudfunctions/affairs';
import type { Envelope } from '../../core/envelope';

export const ADMIN = 'admin-openid';
export const POLICE_CLERK = 'staff-psb-openid';
export const CITIZEN = 'citizen-openid';

export function startCloud() {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  process.env.ADMIN_OPENIDS = ADMIN;
  registerFunction('matters', matters);
  registerFunction('account', account);
  registerFunction('affairs', affairs);
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
