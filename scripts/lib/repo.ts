/** Repository paths live in local-cloud/runtime/paths.ts (shared with the local cloud). */
export { REPO_ROOT, FUNCTIONS_DIR, BUILD_FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';

/** Human-readable byte size for build and deploy logs. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
