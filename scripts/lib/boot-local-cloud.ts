/**
 * Starts the local cloud in this process for CLI tools (seed, import): same database as the
 * preview (DATA_DIR), same deployed-form function bundles.
 *
 * One default administrator for every local tool: when ADMIN_OPENIDS is unset, the functions
 * run with ADMIN_OPENIDS=local-admin (the preview's 管理员 identity) and the CLI acts as that
 * same openid, so `npm run seed` / `npm run import:catalogue` work on a fresh DATA_DIR.
 */
import * as localCloud from '../../local-cloud';
import sdk = require('../../local-cloud/sdk');
import { loadFunctions } from '../../local-cloud/runtime';
import { FUNCTIONS_DIR, REPO_ROOT } from './repo';
import { parseAdminList } from '../../core/policy';

import type { Invoke } from './import-file';

export { importCatalogueFile, type CatalogueFile, type Invoke } from './import-file';

export const DEFAULT_LOCAL_ADMIN = 'local-admin';

/** Makes sure the functions' ADMIN_OPENIDS names at least the default local admin; returns the list. */
export function ensureLocalAdmins(env: NodeJS.ProcessEnv = process.env): string[] {
  const admins = parseAdminList(env.ADMIN_OPENIDS);
  if (admins.length > 0) return admins;
  env.ADMIN_OPENIDS = DEFAULT_LOCAL_ADMIN;
  return [DEFAULT_LOCAL_ADMIN];
}

export async function bootLocalCloud(dataDir = process.env.DATA_DIR ?? '.data'): Promise<{ invoke: Invoke; close: () => void }> {
  ensureLocalAdmins();
  localCloud.configureLocalCloud({ dataDir });
  await loadFunctions({ functionsDir: FUNCTIONS_DIR, repoRoot: REPO_ROOT, sdk, register: localCloud.registerFunction });
  return {
    invoke: (name, data, openid) => localCloud.invokeFunction(name, data, openid ? { OPENID: openid } : {}),
    close: () => localCloud.resetLocalCloud(),
  };
}

/** The administrator local tools act as: the first of ADMIN_OPENIDS, the same list the functions check. */
export function firstAdmin(): string {
  return ensureLocalAdmins()[0];
}
