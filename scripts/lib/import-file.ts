/**
 * `matters.import` from local tools (CLI, seed, bench, tests) the way the mini-program does it.
 * Kept free of the function runtime (esbuild) so jsdom test projects can use it too.
 */
import * as path from 'node:path';
import sdk = require('../../local-cloud/sdk');
import { MAX_INLINE_IMPORT_BYTES } from '../../core/matter/import';

export type Invoke = (name: string, data: unknown, openid?: string) => Promise<unknown>;

export interface CatalogueFile {
  format: 'json' | 'csv';
  content: string;
  /** File name, for the upload path. */
  name?: string;
  dryRun?: boolean;
}

/**
 * `matters.import` the way the mini-program does it: small files inline, larger ones uploaded to
 * cloud storage under `uploads/<openid>/` first and passed as `fileID` (callFunction carries ~100 KB).
 * Needs the local cloud running in this process (bootLocalCloud, or the preview gateway).
 */
export async function importCatalogueFile(invoke: Invoke, file: CatalogueFile, openid: string): Promise<unknown> {
  const { format, content, dryRun = false } = file;
  if (Buffer.byteLength(content, 'utf8') <= MAX_INLINE_IMPORT_BYTES) {
    return invoke('matters', { action: 'import', params: { format, content, dryRun } }, openid);
  }
  const base = path.basename(file.name ?? `catalogue.${format}`).replace(/[^A-Za-z0-9._-]/g, '_') || `catalogue.${format}`;
  const cloudPath = `uploads/${openid}/import-${Date.now().toString(36)}-${base}`;
  const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: Buffer.from(content, 'utf8') });
  return invoke('matters', { action: 'import', params: { format, fileID, dryRun } }, openid);
}
