/**
 * Short-lived temp URLs (≤ 2 h, WeChat's limit) for files a function has decided the caller may
 * see. The only way a file leaves storage: clients read nothing directly (storage-paths.ts).
 */
import { getCloud } from './cloud';

/** fileID → temp URL; files that are missing (or a failed call) are simply absent. */
export async function tempUrls(fileIDs: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const ids = [...new Set(fileIDs)];
  for (let i = 0; i < ids.length; i += 50) {
    try {
      const res = (await getCloud().getTempFileURL({ fileList: ids.slice(i, i + 50) })) as { fileList: unknown[] };
      for (const f of res.fileList as { fileID: string; tempFileURL: string; status: number }[]) if (f.status === 0) map.set(f.fileID, f.tempFileURL);
    } catch (e) {
      console.error('[storage] getTempFileURL failed', e);
    }
  }
  return map;
}
