// Type face of the platform files: Taro picks pick-document.weapp.ts or pick-document.h5.ts.
export interface PickedDocument {
  /** A temp path (weapp) or a blob: URL (H5) that uploadToCloud can read. */
  path: string
  name: string
}

/** Let the user pick PDFs or images from files (H5) or a chat (weapp); [] when cancelled. */
export function pickDocuments(count: number): Promise<PickedDocument[]>

/** The file's size and its first `bytes` bytes (for the type-by-content check at pick time). */
export function readFileHead(path: string, bytes: number): Promise<{ size: number; head: Uint8Array }>
