/**
 * Where things live in the repository. Shared by the local cloud and the scripts (which may
 * import local-cloud; local-cloud never imports scripts/).
 */
import * as path from 'node:path';

/** The repository root; local-cloud/runtime sits two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where cloud function sources live (`cloudfunctions/<name>/config.json` marks a function). */
export const FUNCTIONS_DIR = path.join(REPO_ROOT, 'cloudfunctions');

/** Where deployable bundles go; project.config.json points `cloudfunctionRoot` here. */
export const BUILD_FUNCTIONS_DIR = path.join(REPO_ROOT, 'build', 'cloudfunctions');
