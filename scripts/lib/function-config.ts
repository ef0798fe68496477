/** Moved to local-cloud/runtime/function-config.ts (shared by scripts and the local cloud). */
export * from '../../local-cloud/runtime/function-config';
