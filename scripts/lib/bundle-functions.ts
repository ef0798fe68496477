/** Moved to local-cloud/runtime/bundle-functions.ts (shared by scripts and the local cloud). */
export * from '../../local-cloud/runtime/bundle-functions';
