import * as path from 'node:path';

/** The repository root; scripts/lib sits two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where cloud function sources live (`cloudfunctions/<name>/config.json` marks a function). */
export const FUNCTIONS_DIR = path.join(REPO_ROOT, 'cloudfunctions');

/** Where deployable bundles go; project.config.json points `cloudfunctionRoot` here. */
export const BUILD_FUNCTIONS_DIR = path.join(REPO_ROOT, 'build', 'cloudfunctions');

/** Human-readable byte size for build and deploy logs. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
