/**
 * Starts the local cloud in this process for CLI tools (seed, import): same database as the
 * preview (DATA_DIR), same deployed-form function bundles.
 */
import * as localCloud from '../../local-cloud';
import sdk = require('../../local-cloud/sdk');
import { loadFunctions } from '../../local-cloud/runtime';
import { FUNCTIONS_DIR, REPO_ROOT } from './repo';
import { parseAdminList } from '../../core/policy';

export type Invoke = (name: string, data: unknown, openid?: string) => Promise<unknown>;

export async function bootLocalCloud(dataDir = process.env.DATA_DIR ?? '.data'): Promise<{ invoke: Invoke; close: () => void }> {
  localCloud.configureLocalCloud({ dataDir });
  await loadFunctions({ functionsDir: FUNCTIONS_DIR, repoRoot: REPO_ROOT, sdk, register: localCloud.registerFunction });
  return {
    invoke: (name, data, openid) => localCloud.invokeFunction(name, data, openid ? { OPENID: openid } : {}),
    close: () => localCloud.resetLocalCloud(),
  };
}

export function firstAdmin(): string {
  return parseAdminList(process.env.ADMIN_OPENIDS ?? 'local-admin')[0] ?? 'local-admin';
}
